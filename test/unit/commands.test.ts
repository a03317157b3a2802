import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every command of package.json answers --help with its usage, exit 0, and does nothing else. */
const COMMANDS: Array<{ name: string; script: string; args: string[] }> = [
  { name: 'npm start', script: 'scripts/start.ts', args: [] },
  { name: 'npm run token', script: 'scripts/token.ts', args: [] },
  { name: 'npm run job', script: 'scripts/job.ts', args: [] },
  { name: 'npm run bench', script: 'bench/index.ts', args: [] },
  { name: 'npm run check:bundles', script: 'scripts/check-bundles.ts', args: [] },
  { name: 'npm run bench:import', script: 'bench/import-scale.ts', args: [] },
  { name: 'npm run demo:data', script: 'scripts/local/demo-data.ts', args: [] },
  { name: 'npm run provinces', script: 'infra/cli.ts', args: ['provinces'] },
  { name: 'npm run synth', script: 'infra/cli.ts', args: ['synth'] },
  { name: 'npm run deploy', script: 'infra/cli.ts', args: ['deploy'] },
];

describe('commands answer --help', () => {
  it.each(COMMANDS)(
    '$name -- --help prints its usage and exits 0',
    ({ script, args }) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', script, ...args, '--help'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 50_000,
        env: { ...process.env, DATA_DIR: resolve(ROOT, '.tmp/help-test') },
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^usage:/);
      // It did nothing else: no local stack came up.
      expect(run.stdout).not.toContain('ready at');
    },
    60_000,
  );
});
