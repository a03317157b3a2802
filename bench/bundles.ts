import { mkdirSync, writeFileSync } from 'node:fs';
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
/** The outside libraries and AWS clients a function talks to (its baseline uses the same). */
export type Client = 'dynamodb' | 's3' | 'sqs' | 'cognito' | 'exceljs';
export type Baseline = string;
export type FunctionKind = 'api' | 'report';

export const GOALS: Record<FunctionKind, number> = { api: 1.3, report: 2 };

export interface FunctionSpec {
  handler: string;
  /** api, or report: a function that writes report or workbook files. */
  kind: FunctionKind;
  clients: Client[];
  baseline: Baseline;
}

const CLIENT_ORDER: Client[] = ['dynamodb', 's3', 'sqs', 'cognito', 'exceljs'];

function spec(handler: string, kind: FunctionKind, clients: Set<Client>): FunctionSpec {
  const ordered = CLIENT_ORDER.filter((c) => clients.has(c));
  return { handler, kind, clients: ordered, baseline: ordered.join('-') };
}

/** The functions of the province stack: one per route, the fallback, the report job, the import worker. */
export function functionSpecs(): FunctionSpec[] {
  const specs: FunctionSpec[] = routes.map((r) => {
    const clients = new Set<Client>(['dynamodb']);
    if (r.reports?.length || r.imports?.some((i) => i !== 'queue')) clients.add('s3');
    if (r.imports?.includes('queue')) clients.add('sqs');
    if (r.directory) clients.add('cognito');
    const workbook = r.response.file !== undefined;
    if (workbook) clients.add('exceljs');
    return spec(r.handler, r.reports?.includes('write') || workbook ? 'report' : 'api', clients);
  });
  specs.push(spec(FALLBACK_HANDLER, 'api', new Set(['dynamodb'])));
  specs.push(spec(REPORT_JOB_HANDLER, 'report', new Set(['dynamodb', 's3'])));
  specs.push(spec('imports/import-worker', 'report', new Set(['dynamodb', 's3', 'sqs', 'exceljs'])));
  return specs;
}

/**
 * The baseline of a set of clients: the least a handler using them with the raw SDK (and the
 * workbook library) bundles: one call of each.
 */
export function baselineSource(clients: readonly Client[]): string {
  const lines: string[] = [];
  const calls: string[] = [];
  if (clients.includes('dynamodb')) {
    lines.push("import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';");
    lines.push('const dynamodb = new DynamoDBClient({});');
    calls.push(
      "await dynamodb.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' }, sk: { S: 'a' } } }))",
    );
  }
  if (clients.includes('s3')) {
    lines.push("import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';");
    lines.push("import { getSignedUrl } from '@aws-sdk/s3-request-presigner';");
    lines.push('const s3 = new S3Client({});');
    calls.push("await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }))");
    calls.push("await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'b', Key: 'k' }), { expiresIn: 900 })");
  }
  if (clients.includes('sqs')) {
    lines.push("import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';");
    lines.push('const sqs = new SQSClient({});');
    calls.push("await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'x' }))");
  }
  if (clients.includes('cognito')) {
    lines.push(
      "import { CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';",
    );
    lines.push('const cognito = new CognitoIdentityProviderClient({});');
    calls.push("await cognito.send(new ListUsersCommand({ UserPoolId: 'p' }))");
  }
  if (clients.includes('exceljs')) {
    lines.push("import ExcelJS from 'exceljs';");
    calls.push('await new ExcelJS.Workbook().xlsx.writeBuffer()');
    calls.push('await new ExcelJS.Workbook().xlsx.load(new ArrayBuffer(0))');
  }
  return `${lines.join('\n')}\nexport const handler = async () => [${calls.join(', ')}];\n`;
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
  const specs = functionSpecs();
  const baselines: Record<Baseline, BuiltBundle> = {};
  mkdirSync(outDir, { recursive: true });
  for (const s of [spec('baseline', 'api', new Set<Client>(['dynamodb'])), ...specs]) {
    if (baselines[s.baseline]) continue;
    const source = join(outDir, `baseline-${s.baseline}.ts`);
    writeFileSync(source, baselineSource(s.clients));
    baselines[s.baseline] = await bundle(source, outDir, `baseline-${s.baseline}`);
  }
  const functions: BundleResult[] = [];
  for (const f of specs) {
    const b = await bundle(join(REPO_ROOT, 'functions', `${f.handler}.ts`), outDir, f.handler);
    const base = baselines[f.baseline];
    if (!base) throw new Error(`no baseline ${f.baseline}`);
    const ratio = b.bytes / base.bytes;
    const goal = GOALS[f.kind];
    functions.push({
      ...f,
      file: b.file,
      bytes: b.bytes,
      baselineBytes: base.bytes,
      ratio,
      goal,
      ok: ratio <= goal,
      top: b.top,
      ratioToDynamodb: b.bytes / (baselines.dynamodb?.bytes ?? b.bytes),
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
