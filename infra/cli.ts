import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import { findProvince, type Province, provinces, stackName } from './provinces';
import { loadSettings, SETTINGS_DIR, SettingsError } from './settings';

/**
 * The province commands (package.json scripts):
 *   npm run provinces                          the catalog
 *   npm run synth -- <province> [cdk options]  cdk synth + cdk-nag for one province
 *   npm run deploy -- <province> [cdk options] cdk deploy of that province's stack
 * The province is validated (and its settings loaded) before cdk starts, so a typo costs a
 * second, not a synth. Everything after the province goes to cdk unchanged.
 */

const USAGE = `usage:
  npm run provinces
  npm run synth -- <province> [cdk options, e.g. --output dir]
  npm run deploy -- <province> [cdk options, e.g. --profile name]`;

/** The local CDK CLI, run with this node (works the same on Windows, no .cmd shim). */
const CDK_BIN = join(REPO_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

function provincesTable(): string {
  const header = ['slug', 'name', 'BPS', 'Kemendagri', 'time zone', 'settings'];
  const rows = provinces.map((p) => [
    p.slug,
    p.name,
    p.bpsCode,
    p.kemendagriCode,
    p.timeZone,
    existsSync(join(SETTINGS_DIR, `${p.slug}.json`)) ? `infra/settings/${p.slug}.json` : '(defaults)',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function provinceArgument(command: string, args: string[]): Province {
  const slug = args[0];
  if (!slug || slug.startsWith('-')) fail(`${command}: name the province first.\n${USAGE}`);
  const province = findProvince(slug);
  if (!province) {
    fail(
      `Unknown province "${slug}". Run \`npm run provinces\` to list the ${provinces.length} province slugs.`,
    );
  }
  return province;
}

function runCdk(command: 'synth' | 'deploy', province: Province, cdkOptions: string[]): number {
  try {
    const { warnings } = loadSettings(province);
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }
  const extra =
    command === 'synth' && !cdkOptions.some((o) => o === '--quiet' || o === '-q') ? ['--quiet'] : [];
  const args = [
    CDK_BIN,
    command,
    stackName(province),
    '-c',
    `province=${province.slug}`,
    ...extra,
    ...cdkOptions,
  ];
  process.stderr.write(`> cdk ${args.slice(1).join(' ')}\n`);
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.error) fail(`could not run cdk: ${result.error.message}`);
  return result.status ?? 1;
}

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      `${USAGE}\n\nSettings per province: infra/settings/<slug>.json (docs/deployment.md).\n`,
    );
    return 0;
  }
  const [command, ...rest] = argv;
  switch (command) {
    case 'provinces':
      process.stdout.write(`${provincesTable()}\n`);
      return 0;
    case 'synth':
    case 'deploy':
      return runCdk(command, provinceArgument(command, rest), rest.slice(1));
    default:
      fail(`unknown command "${command ?? ''}".\n${USAGE}`);
  }
}

process.exitCode = main(process.argv.slice(2));
