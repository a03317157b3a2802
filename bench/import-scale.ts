/**
 * npm run bench:import -- [--rows 5000]
 *
 * How long do validating and applying a spreadsheet import take? Builds a workbook of about
 * `rows` rows (one past period; per client: the client, the enrollment, 6 urine tests, 2
 * WHOQOL-BREF assessments), uploads it to a fresh DynamoDB Local + s3rver, and runs the real
 * import job (shared/services/imports.ts) for validate and for apply, printing wall time and
 * peak RSS of each and the rows written. Numbers are for this machine (DynamoDB Local answers a
 * write in ~20-35 ms, one at a time); docs/imports.md relates them to the worker's 15 minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { answerHelp } from '../scripts/help';
import {
  ensureBucket,
  ensureTable,
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDb,
  startS3,
} from '../scripts/local/services';

answerHelp(`usage: npm run bench:import -- [--rows 5000]

Builds a workbook of about that many rows, and runs the real import job (validate, apply)
against a fresh DynamoDB Local and s3rver; prints wall time and peak RSS of each step.`);

const { values } = parseArgs({ options: { rows: { type: 'string', default: '5000' } } });
const clients = Math.max(1, Math.round(Number(values.rows) / 10));
const dataDir = mkdtempSync(join(tmpdir(), 'pascarehab-bench-import-'));
const dynamodb = await startDynamoDb(dataDir, await freePort());
const s3server = await startS3(dataDir, await freePort());
Object.assign(process.env, {
  TABLE_NAME: 'pascarehab',
  REPORT_BUCKET: 'pascarehab-reports',
  DYNAMODB_ENDPOINT: dynamodb.endpoint,
  S3_ENDPOINT: s3server.endpoint,
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  LOG_LEVEL: 'WARN',
});
await ensureTable(dynamodb.endpoint, 'pascarehab');
await ensureBucket(s3server.endpoint, 'pascarehab-reports');

const { PutObjectCommand } = await import('@aws-sdk/client-s3');
const { s3 } = await import('../shared/aws');
const { writeWorkbook } = await import('../shared/imports/workbook');
const { createImport } = await import('../shared/services/imports');
const { runImportJob } = await import('../shared/services/import-job');
const { getImportRecord } = await import('../shared/data/entities/import');
const { addDays } = await import('../shared/domain/dates');

const office = 'bapas-semarang';
const ref = (n: number) => ({ period: 'P', office, registrationNumber: `B-${n}` });
const answers = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`q${i + 1}`, 1 + (i % 5)]));
const rows = {
  periods: [
    {
      code: 'P',
      name: 'Bench 2025',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      capacity: clients,
      offices: office,
      instruments: 'WHOQOL-BREF',
      closed: 'Tidak',
    },
  ],
  clients: Array.from({ length: clients }, (_, n) => ({
    office,
    registrationNumber: `B-${n}`,
    fullName: `Klien ${n}`,
    sex: 'Laki-laki',
    birthDate: '1990-01-01',
  })),
  enrollments: Array.from({ length: clients }, (_, n) => ({
    ...ref(n),
    enrolledOn: addDays('2025-01-06', n % 20),
  })),
  activities: Array.from({ length: clients }, (_, n) =>
    [1, 2, 3, 4, 5, 6].map((m) => ({
      ...ref(n),
      type: 'Tes urine',
      date: `2025-${String(m * 2).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`,
      result_methamphetamine: 'Negatif',
    })),
  ).flat(),
  assessments: Array.from({ length: clients }, (_, n) =>
    (['Awal', 'Akhir'] as const).map((phase) => ({
      ...ref(n),
      instrument: 'WHOQOL-BREF',
      phase,
      date: phase === 'Awal' ? '2025-02-01' : '2025-12-01',
      ...answers,
    })),
  ).flat(),
};
const total = Object.values(rows).reduce((n, r) => n + r.length, 0);
const bytes = await writeWorkbook(rows, { at: new Date('2026-01-01T00:00:00Z') });

const ctx = {
  actor: { sub: 'bench-kasi', role: 'kasi' as const, office },
  now: new Date(),
  today: '2026-12-03',
  requestId: 'bench',
  idempotency: undefined,
  replayed: false,
};
const created = await createImport({ params: undefined, query: {}, body: { fileName: 'bench.xlsx' } }, ctx);
await s3().send(
  new PutObjectCommand({ Bucket: 'pascarehab-reports', Key: `imports/${created.id}.xlsx`, Body: bytes }),
);

async function measure(action: 'validate' | 'apply') {
  const { moveImport } = await import('../shared/data/entities/import');
  await moveImport(
    created.id,
    action === 'validate' ? ['uploaded'] : ['valid'],
    action === 'validate' ? 'validating' : 'applying',
    new Date().toISOString(),
  );
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = Date.now();
  await runImportJob({ importId: created.id, action });
  const ms = Date.now() - started;
  clearInterval(timer);
  const record = await getImportRecord(created.id);
  const written = Object.values(record?.counts ?? {}).reduce((n, c) => n + c.new, 0);
  process.stdout.write(
    `${action}: ${(ms / 1000).toFixed(1)} s, peak RSS ${Math.round(peak / 1024 / 1024)} MB, state ${record?.state}, rows ${action === 'apply' ? 'written' : 'to write'} ${written}, errors ${record?.errorCount}\n`,
  );
}

process.stdout.write(
  `workbook: ${total} rows (${clients} clients), ${Math.round(bytes.byteLength / 1024)} KB\n`,
);
await measure('validate');
await measure('apply');
await s3server.stop();
await dynamodb.stop();
rmSync(dataDir, { recursive: true, force: true });
