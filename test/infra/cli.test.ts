import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs infra/cli.ts as `npm run <command>` does (node --import tsx), without npm's banner. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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
});
