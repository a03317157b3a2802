import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { budgetStackName, FIRST_DEPLOY_CONTEXT } from './names';
import { FORMS_DIST_DIR, REPO_ROOT } from './paths';
import { findProvince, type Province, provinces, stackName } from './provinces';
import { deployProblems, type LoadedSettings, loadSettings, SETTINGS_DIR, SettingsError } from './settings';
import { SNAPSHOT_FILE, statefulDiffBlocks, statefulSnapshot } from './stateful';

/**
 * The province commands (package.json scripts):
 *   npm run provinces                          the catalog
 *   npm run synth -- <province> [cdk options]  cdk synth + cdk-nag for one province
 *   npm run deploy -- <province> [cdk options] checks, stateful diff, cdk deploy
 *   npm run stateful-snapshot                  pins the stateful resources (infra/stateful.ts)
 * The province is validated (and its settings loaded) before cdk starts, so a typo costs a
 * second, not a synth. Everything after the province goes to cdk unchanged, except
 * --accept-stateful-changes (deploy only).
 */

const USAGE = `usage:
  npm run provinces
  npm run synth -- <province> [cdk options, e.g. --output dir]
  npm run deploy -- <province> [--accept-stateful-changes] [cdk options, e.g. --profile name]
  npm run stateful-snapshot`;

/** Deploy without asking although stateful resources change (for a reviewed, scripted run). */
const ACCEPT_STATEFUL = '--accept-stateful-changes';

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

class CliError extends Error {
  override name = 'CliError';
}

function fail(message: string): never {
  throw new CliError(message);
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

function settingsOf(province: Province): LoadedSettings {
  try {
    return loadSettings(province);
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }
}

function cdk(args: string[], capture = false): { status: number; stdout: string } {
  process.stderr.write(`> cdk ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [CDK_BIN, ...args], {
    cwd: REPO_ROOT,
    stdio: capture ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) fail(`could not run cdk: ${result.error.message}`);
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

/**
 * The forms the stack publishes come from web/dist. When it is missing and the repository has
 * a `build:web` script, it is built first; otherwise synth stops with what to do.
 */
export function ensureFormsBuilt(): void {
  if (existsSync(FORMS_DIST_DIR)) return;
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (!pkg.scripts?.['build:web']) {
    fail(`${FORMS_DIST_DIR} is missing and package.json has no build:web script to build the forms.`);
  }
  process.stderr.write('> npm run build:web (web/dist is missing)\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(FORMS_DIST_DIR))
    fail('npm run build:web failed: the forms were not built.');
}

function synth(province: Province, cdkOptions: string[]): number {
  for (const w of settingsOf(province).warnings) process.stderr.write(`warning: ${w}\n`);
  ensureFormsBuilt();
  const quiet = cdkOptions.some((o) => o === '--quiet' || o === '-q') ? [] : ['--quiet'];
  return cdk(['synth', '-c', `province=${province.slug}`, ...quiet, ...cdkOptions]).status;
}

/** The account the deploying credentials belong to (STS GetCallerIdentity). */
async function callerAccount(region: string): Promise<string> {
  try {
    // Loaded here, not at start: `npm run provinces` and synth need no AWS SDK.
    const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
    const identity = await new STSClient({ region }).send(new GetCallerIdentityCommand({}));
    if (!identity.Account) fail('STS did not name the account of these credentials.');
    return identity.Account;
  } catch (error) {
    if (error instanceof CliError) throw error;
    fail(`Cannot tell which AWS account these credentials belong to: ${(error as Error).message}`);
  }
}

async function stackExists(name: string, region: string): Promise<boolean> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  try {
    const { Stacks } = await new CloudFormationClient({ region }).send(
      new DescribeStacksCommand({ StackName: name }),
    );
    // A stack whose first create rolled back (ROLLBACK_COMPLETE) holds nothing; cdk replaces
    // it, so the next deploy is a first deploy again.
    return (Stacks ?? []).some(
      (s) => !['REVIEW_IN_PROGRESS', 'ROLLBACK_COMPLETE'].includes(s.StackStatus ?? ''),
    );
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return false;
    throw error;
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

/**
 * `npm run deploy -- <province>`: refuses settings that are not deployable and credentials of
 * another account before anything is synthesized; shows the stateful part of `cdk diff` and
 * asks; deploys the province stack (and its budget stack). A province's first deploy runs
 * twice: without deletion protection, so that a failure rolls back completely, then with it.
 */
async function deploy(province: Province, args: string[]): Promise<number> {
  const loaded = settingsOf(province);
  const problems = deployProblems(province, loaded);
  if (problems.length > 0) {
    fail(`deploy ${province.slug} refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const { account, region } = loaded.settings;
  const caller = await callerAccount(region);
  if (caller !== account) {
    fail(
      `deploy ${province.slug} refused: infra/settings/${province.slug}.json names account ${account}, but these credentials are for account ${caller}. Use the credentials (or --profile) of the province's account.`,
    );
  }
  const acceptStateful = args.includes(ACCEPT_STATEFUL);
  const cdkOptions = args.filter((a) => a !== ACCEPT_STATEFUL);
  ensureFormsBuilt();

  const main = stackName(province);
  const stacks = [main, ...(loaded.settings.budget.enabled ? [budgetStackName(province)] : [])];
  const firstDeploy = !(await stackExists(main, region));
  const assembly = mkdtempSync(join(tmpdir(), `pascarehab-${province.slug}-`));
  try {
    const context = ['-c', `province=${province.slug}`];
    const synthFor = (first: boolean) =>
      cdk([
        'synth',
        ...context,
        ...(first ? ['-c', `${FIRST_DEPLOY_CONTEXT}=true`] : []),
        '--quiet',
        '--output',
        assembly,
      ]).status;

    if (firstDeploy) {
      process.stderr.write(
        `${main} does not exist yet: first deploy without deletion protection (a failure rolls back completely), then again with it.\n`,
      );
    } else {
      if (synthFor(false) !== 0) return 1;
      const diff = cdk(['diff', main, '--app', assembly, '--no-color'], true);
      const blocks = statefulDiffBlocks(diff.stdout);
      if (blocks.length === 0) {
        process.stderr.write('No change to stateful resources (table, user pool, buckets, keys, vault).\n');
      } else {
        process.stderr.write(
          `\nThese changes touch stateful resources (docs/operations.md, "Updates"):\n\n${blocks.join('\n\n')}\n\n`,
        );
        const ok = acceptStateful || (await confirm(`Type "yes" to deploy ${main} with these changes: `));
        if (!ok) {
          fail(
            `deploy ${province.slug} stopped before any change: stateful resources change. Review the diff; run again and answer "yes" (or pass ${ACCEPT_STATEFUL} in a reviewed script).`,
          );
        }
      }
    }

    if (firstDeploy) {
      if (synthFor(true) !== 0) return 1;
      if (cdk(['deploy', ...stacks, '--app', assembly, ...cdkOptions]).status !== 0) return 1;
      if (synthFor(false) !== 0) return 1;
      process.stderr.write(`${main} created; switching deletion protection on.\n`);
      const protect = cdk(['deploy', main, '--app', assembly, '--require-approval', 'never', ...cdkOptions]);
      if (protect.status !== 0) {
        process.stderr.write(
          `warning: ${main} exists but deletion protection is not on yet: run \`npm run deploy -- ${province.slug}\` again.\n`,
        );
      }
      return protect.status;
    }
    return cdk(['deploy', ...stacks, '--app', assembly, ...cdkOptions]).status;
  } finally {
    rmSync(assembly, { recursive: true, force: true });
  }
}

/** Rewrites infra/stateful-snapshot.json from jawa-tengah's synthesized template. */
async function writeStatefulSnapshot(): Promise<number> {
  const { App } = await import('aws-cdk-lib');
  const { APP_CONTEXT, addProvinceStack, synthOnlyFormsDir } = await import('./assembly');
  const { Template } = await import('aws-cdk-lib/assertions');
  const province = findProvince('jawa-tengah');
  if (!province) fail('jawa-tengah is missing from the catalog');
  const app = new App({ context: { ...APP_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stack = addProvinceStack(app, province, undefined, { formsAssetDir: synthOnlyFormsDir() });
  const template = Template.fromStack(stack).toJSON();
  writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(statefulSnapshot(template), null, 2)}\n`);
  process.stdout.write(`wrote ${SNAPSHOT_FILE}: review the diff (git diff) before committing it.\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
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
      return synth(provinceArgument(command, rest), rest.slice(1));
    case 'deploy':
      return deploy(provinceArgument(command, rest), rest.slice(1));
    case 'stateful-snapshot':
      return writeStatefulSnapshot();
    default:
      fail(`unknown command "${command ?? ''}".\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof CliError ? error.message : String((error as Error).stack)}\n`);
    process.exitCode = 1;
  },
);
