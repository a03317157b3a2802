/**
 * npm run bench -- [--quick] [--json] [--only bundles,init,routes,scope,report] [--enrollments N]
 *
 * Lean functions, measured against raw-SDK baselines on this machine (docs/performance.md):
 * bundle bytes and module init of every function, warm latency and DynamoDB calls/RCU/WCU per
 * main route through the local API, that a list's page does not read more when unrelated data
 * grows tenfold, and the period report against a raw paginated Query of the same items with its
 * peak RSS. Prints a table of ratios against the goals; exits 1 when a goal is missed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../infra/paths';
import { answerHelp } from '../scripts/help';
import { type BundleResult, bundle, kb, measureBundles } from './bundles';
import { measureInit } from './init';

answerHelp(`usage: npm run bench -- [--quick] [--json] [--only <parts>] [--enrollments <n>] [--runs <n>]

Measures the functions against raw-SDK baselines and prints ratios against the goals of
docs/performance.md; exits 1 when a goal is missed.
  --quick          a smaller run (under 3 minutes): init of 6 functions, 1,000-enrollment report
  --json           the results as JSON on stdout (the table goes to stderr)
  --only <parts>   comma-separated: bundles, init, routes, scope, report (default: all)
  --enrollments n  the report's period size (default 10,000; quick: 1,000)
  --runs n         init runs per function and per baseline (default 11; quick: 9)`);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    enrollments: { type: 'string' },
    runs: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const parts = new Set((values.only ?? 'bundles,init,routes,scope,report').split(',').map((p) => p.trim()));
const enrollments = Number(values.enrollments ?? (quick ? 1_000 : 10_000));
const initRuns = Math.max(9, Number(values.runs ?? (quick ? 9 : 11)));

interface Row {
  part: string;
  measure: string;
  value: string;
  baseline: string;
  ratio: number | null;
  goal: string;
  ok: boolean | null;
}
const rows: Row[] = [];
const out = join(REPO_ROOT, '.tmp', 'bench');
mkdirSync(out, { recursive: true });
const log = (line: string) => process.stderr.write(`${line}\n`);

// --- bundles and init ------------------------------------------------------------------------
let built: Awaited<ReturnType<typeof measureBundles>> | undefined;
if (parts.has('bundles') || parts.has('init')) {
  log('bundling every function and the baselines ...');
  built = await measureBundles(out);
  for (const [name, b] of Object.entries(built.baselines)) {
    rows.push({
      part: 'bundle',
      measure: `baseline ${name}`,
      value: kb(b.bytes),
      baseline: '',
      ratio: null,
      goal: '',
      ok: null,
    });
  }
}
if (built && parts.has('bundles')) {
  for (const f of built.functions) {
    rows.push({
      part: 'bundle',
      measure: f.handler,
      value: kb(f.bytes),
      baseline: `${f.baseline} ${kb(f.baselineBytes)}`,
      ratio: f.ratio,
      goal: `<= ${f.goal}x`,
      ok: f.ok,
    });
  }
}
if (built && parts.has('init')) {
  const quickSet = new Set([
    'periods/get-period',
    'records/create-activity',
    'enrollments/list-due',
    'reports/list-reports',
    'reports/create-report',
    'reports/period-end-job',
  ]);
  const chosen: BundleResult[] = built.functions.filter((f) => !quick || quickSet.has(f.handler));
  log(`module init: ${chosen.length} functions x ${initRuns} runs, interleaved with their baselines ...`);
  for (const f of chosen) {
    const baseline = built.baselines[f.baseline];
    if (!baseline) continue;
    const r = measureInit(f.file, baseline.file, initRuns);
    const goal = f.kind === 'report' ? 1.8 : 1.3;
    rows.push({
      part: 'init',
      measure: f.handler,
      value: `${r.ms.toFixed(1)} ms`,
      baseline: `${f.baseline} ${r.baselineMs.toFixed(1)} ms`,
      ratio: r.ratio,
      goal: `<= ${goal}x`,
      ok: r.ratio <= goal,
    });
  }
}

// --- routes, scope and the report: one local stack in this process -------------------------
if (parts.has('routes') || parts.has('scope') || parts.has('report')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pascarehab-bench-'));
  const { startLocalServices, stopLocalServices } = await import('./local-stack');
  const stack = await startLocalServices(dataDir);
  try {
    if (parts.has('routes') || parts.has('scope')) {
      const { runRouteBench } = await import('./route-bench');
      rows.push(
        ...(await runRouteBench(stack, { quick, routes: parts.has('routes'), scope: parts.has('scope') })),
      );
    }
    if (parts.has('report')) {
      const { seedLargePeriod } = await import('./seed');
      log(`seeding a period of ${enrollments.toLocaleString('en')} enrollments ...`);
      const seedStart = performance.now();
      const { periodId, items } = await seedLargePeriod(enrollments);
      log(
        `seeded ${items.toLocaleString('en')} items in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`,
      );
      const childBundle = await bundle(join(REPO_ROOT, 'bench', 'report-child.ts'), out, 'report-child');
      // Asynchronous: s3rver runs in this process and must answer the child's uploads.
      const runChild = async (mode: 'report' | 'raw') => {
        const child = spawn(process.execPath, [childBundle.file, mode, periodId], {
          env: { ...process.env, LOG_LEVEL: 'SILENT' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        if (code !== 0) throw new Error(`report child (${mode}) failed: ${stderr}`);
        const result: { ms: number; maxRssMB: number; items: number } = JSON.parse(stdout);
        return result;
      };
      const reportRuns: Array<{ ms: number; maxRssMB: number }> = [];
      const rawRuns: number[] = [];
      let rawItems = 0;
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        const raw = await runChild('raw');
        rawRuns.push(raw.ms);
        rawItems = raw.items;
        reportRuns.push(await runChild('report'));
      }
      const { median } = await import('./stats');
      const reportMs = median(reportRuns.map((r) => r.ms));
      const rawMs = median(rawRuns);
      const peak = Math.max(...reportRuns.map((r) => r.maxRssMB));
      rows.push({
        part: 'report',
        measure: `generate, ${enrollments.toLocaleString('en')} enrollments (${rawItems.toLocaleString('en')} items)`,
        value: `${(reportMs / 1000).toFixed(2)} s`,
        baseline: `raw Query ${(rawMs / 1000).toFixed(2)} s`,
        ratio: reportMs / rawMs,
        goal: '<= 1.3x',
        ok: reportMs / rawMs <= 1.3,
      });
      rows.push({
        part: 'report',
        measure: `peak RSS, ${enrollments.toLocaleString('en')} enrollments`,
        value: `${peak.toFixed(0)} MB`,
        baseline: '',
        ratio: null,
        goal: enrollments >= 10_000 ? '<= 512 MB' : '(goal at 10,000)',
        ok: enrollments >= 10_000 ? peak <= 512 : null,
      });
    }
  } finally {
    await stopLocalServices(stack);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// --- the table -------------------------------------------------------------------------------
const header = ['part', 'measure', 'value', 'baseline', 'ratio', 'goal', 'ok'];
const cells = rows.map((r) => [
  r.part,
  r.measure,
  r.value,
  r.baseline,
  r.ratio === null ? '' : `${r.ratio.toFixed(2)}x`,
  r.goal,
  r.ok === null ? '' : r.ok ? 'yes' : 'NO',
]);
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
const line = (c: string[]) =>
  c
    .map((v, i) => v.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();
const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
const missed = rows.filter((r) => r.ok === false);
if (values.json) {
  log(table);
  process.stdout.write(`${JSON.stringify({ quick, rows, missed: missed.length }, null, 2)}\n`);
} else {
  process.stdout.write(`${table}\n`);
}
log(
  missed.length === 0
    ? 'every goal met'
    : `${missed.length} goal(s) missed: ${missed.map((m) => `${m.part} ${m.measure}`).join('; ')}`,
);
process.exit(missed.length === 0 ? 0 : 1);
