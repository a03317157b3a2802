import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../infra/bundling';
import { REPO_ROOT, REPORT_JOB_HANDLER } from '../infra/paths';
import { FALLBACK_HANDLER, routes } from '../shared/api/routes';

/**
 * Every function's bundle, built exactly as the stack builds it (infra/bundling.ts), against
 * the raw-SDK baseline that uses the same AWS clients. Goals (issue "Lean functions"): an API
 * function at most 1.3x its baseline, a report function (one that writes report files) at
 * most 2x.
 */
export type Baseline = 'dynamodb' | 'dynamodb-s3' | 'dynamodb-cognito';
export type FunctionKind = 'api' | 'report';

export const GOALS: Record<FunctionKind, number> = { api: 1.3, report: 2 };

export interface FunctionSpec {
  handler: string;
  kind: FunctionKind;
  baseline: Baseline;
}

/** The functions of the province stack: one per route, the fallback and the report job. */
export function functionSpecs(): FunctionSpec[] {
  const specs: FunctionSpec[] = routes.map((r) => ({
    handler: r.handler,
    kind: r.reports?.includes('write') ? 'report' : 'api',
    baseline: r.directory ? 'dynamodb-cognito' : r.reports?.length ? 'dynamodb-s3' : 'dynamodb',
  }));
  specs.push({ handler: FALLBACK_HANDLER, kind: 'api', baseline: 'dynamodb' });
  specs.push({ handler: REPORT_JOB_HANDLER, kind: 'report', baseline: 'dynamodb-s3' });
  return specs;
}

export interface BundleInput {
  input: string;
  bytes: number;
}

export interface BuiltBundle {
  file: string;
  bytes: number;
  /** The three biggest inputs (files or packages' files) in the output. */
  top: BundleInput[];
}

export async function bundle(entry: string, outDir: string, name: string): Promise<BuiltBundle> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name.replace(/\//g, '-')}.mjs`);
  const result = await build(esbuildOptions(entry, file));
  const meta: Metafile = result.metafile ?? { inputs: {}, outputs: {} };
  const output = Object.entries(meta.outputs).find(([path]) => path.endsWith('.mjs'));
  if (!output) throw new Error(`no bundle for ${entry}`);
  const [, out] = output;
  const top = Object.entries(out.inputs)
    .map(([input, v]) => ({ input: input.replace(/^.*node_modules\//, ''), bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3);
  return { file, bytes: out.bytes, top };
}

export interface BundleResult extends FunctionSpec {
  file: string;
  bytes: number;
  baselineBytes: number;
  ratio: number;
  goal: number;
  ok: boolean;
  top: BundleInput[];
  /** Against the plain DynamoDB baseline, for the record. */
  ratioToDynamodb: number;
}

export async function measureBundles(outDir: string): Promise<{
  baselines: Record<Baseline, BuiltBundle>;
  functions: BundleResult[];
}> {
  const baselineNames: Baseline[] = ['dynamodb', 'dynamodb-s3', 'dynamodb-cognito'];
  const built = await Promise.all(
    baselineNames.map((b) =>
      bundle(join(REPO_ROOT, 'bench', 'baselines', `${b}.ts`), outDir, `baseline-${b}`),
    ),
  );
  const baselines = Object.fromEntries(baselineNames.map((b, i) => [b, built[i]])) as Record<
    Baseline,
    BuiltBundle
  >;
  const functions: BundleResult[] = [];
  for (const spec of functionSpecs()) {
    const b = await bundle(join(REPO_ROOT, 'functions', `${spec.handler}.ts`), outDir, spec.handler);
    const baselineBytes = baselines[spec.baseline].bytes;
    const ratio = b.bytes / baselineBytes;
    const goal = GOALS[spec.kind];
    functions.push({
      ...spec,
      file: b.file,
      bytes: b.bytes,
      baselineBytes,
      ratio,
      goal,
      ok: ratio <= goal,
      top: b.top,
      ratioToDynamodb: b.bytes / baselines.dynamodb.bytes,
    });
  }
  return { baselines, functions };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

/** What a failing budget says: the function, its size and ratio, and its three biggest inputs. */
export function overBudgetMessage(f: BundleResult): string {
  const inputs = f.top.map((t) => `${t.input} (${kb(t.bytes)})`).join(', ');
  return `${f.handler}: ${kb(f.bytes)} is ${f.ratio.toFixed(2)}x its ${f.baseline} baseline (budget ${f.goal}x); biggest inputs: ${inputs}`;
}
