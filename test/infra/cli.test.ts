import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs infra/cli.ts as `npm run <command>` does (node --import tsx), without npm's banner. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process (so that a local fake AWS endpoint can answer). */
function cliAsync(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('npm run provinces', () => {
  it('prints the catalog as a table: a header, a rule and 38 rows', () => {
    const { status, stdout } = cli('provinces');

    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 38);
    expect(lines[0]).toMatch(/^slug\s+name\s+BPS\s+Kemendagri\s+time zone\s+settings$/);
    expect(stdout).toMatch(
      /^jawa-tengah\s+Jawa Tengah\s+33\s+33\s+Asia\/Jakarta\s+infra\/settings\/jawa-tengah\.json$/m,
    );
    expect(stdout).toMatch(/^papua\s+Papua\s+94\s+91\s+Asia\/Jayapura\s+\(defaults\)$/m);
  });
});

describe('npm run synth|deploy -- <province>', () => {
  it('refuses an unknown province before starting cdk, naming it and `npm run provinces`', () => {
    const { status, stderr } = cli('deploy', 'jawa-tenga');

    expect(status).toBe(1);
    expect(stderr).toContain('Unknown province "jawa-tenga"');
    expect(stderr).toContain('npm run provinces');
    expect(stderr).not.toContain('> cdk');
  });

  it('asks for the province when the first argument is missing or an option', () => {
    for (const args of [['synth'], ['synth', '--output', 'x']]) {
      const { status, stderr } = cli(...args);
      expect(status).toBe(1);
      expect(stderr).toContain('name the province first');
    }
  });

  it('refuses an unknown command with the usage', () => {
    const { status, stderr } = cli('destroy', 'jawa-tengah');

    expect(status).toBe(1);
    expect(stderr).toContain('unknown command "destroy"');
    expect(stderr).toContain('npm run deploy -- <province>');
  });

  it("refuses to deploy jawa-tengah's placeholders before anything runs, naming account and alarmEmail", () => {
    const { status, stderr } = cli('deploy', 'jawa-tengah');

    expect(status).toBe(1);
    expect(stderr).toContain('deploy jawa-tengah refused:');
    expect(stderr).toMatch(/- account is the placeholder 000000000000/);
    expect(stderr).toMatch(/- alarmEmail replace-me@example\.invalid .* is a placeholder/);
    expect(stderr).not.toContain('> cdk');
    expect(stderr).not.toContain('build:web');
  });

  it('refuses to deploy a province without a settings file', () => {
    const { status, stderr } = cli('deploy', 'papua');

    expect(status).toBe(1);
    expect(stderr).toContain(
      'no settings file: copy infra/settings/jawa-tengah.json to infra/settings/papua.json',
    );
    expect(stderr).not.toContain('> cdk');
  });
});

describe('npm run deploy -- <province> with credentials of another account', () => {
  // AWS STS cannot run here: a local HTTP server answers GetCallerIdentity as STS does (the
  // SDK reaches it through AWS_ENDPOINT_URL_STS), for an account other than the settings'.
  let server: Server;
  let settingsDir: string;
  const requests: string[] = [];

  beforeAll(async () => {
    settingsDir = mkdtempSync(join(tmpdir(), 'pascarehab-settings-'));
    writeFileSync(
      join(settingsDir, 'papua.json'),
      JSON.stringify({ account: '111111111111', alarmEmail: 'it@bnnp-papua.go.id' }),
    );
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        requests.push(body);
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            '<Arn>arn:aws:iam::222222222222:user/it</Arn><UserId>AIDATEST</UserId><Account>222222222222</Account>' +
            '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(settingsDir, { recursive: true, force: true });
  });

  it('stops before synth, naming both accounts', async () => {
    const { port } = server.address() as AddressInfo;
    const { status, stderr } = await cliAsync(
      {
        PASCAREHAB_SETTINGS_DIR: settingsDir,
        AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}`,
        AWS_ACCESS_KEY_ID: 'AKIDTEST',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_PROFILE: '',
      },
      'deploy',
      'papua',
    );

    expect(status).toBe(1);
    expect(stderr).toContain(
      'deploy papua refused: infra/settings/papua.json names account 111111111111, but these credentials are for account 222222222222',
    );
    expect(stderr).not.toContain('> cdk');
    expect(requests.some((r) => r.includes('Action=GetCallerIdentity'))).toBe(true);
  });
});
