/**
 * npm run bench -- [--enrollments 10000] [--keep]
 *
 * How big a period can the period-end report handle? Seeds one period with N enrollments,
 * each with a realistic record load (6 home visits, 6 urine tests, 2 counselling sessions,
 * 4 assessments, an outcome for 1 in 5, a group meeting session per week), into a fresh
 * DynamoDB Local + s3rver, then runs the real report generation (Query page by page ->
 * summary -> CSV/HTML -> S3) and reports wall time, peak RSS and heap, and DynamoDB items
 * read. Numbers are for this machine; docs/reports.md relates them to a 1 GB Lambda.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
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

answerHelp(`usage: npm run bench -- [--enrollments 10000] [--keep]

Seeds one period with N enrollments and their records into a fresh DynamoDB Local and s3rver,
runs the real report generation, and prints wall time, peak RSS and heap, and items read.`);

const { values } = parseArgs({
  options: { enrollments: { type: 'string', default: '10000' }, keep: { type: 'boolean', default: false } },
});
const N = Number(values.enrollments);
const dataDir = mkdtempSync(join(tmpdir(), 'pascarehab-bench-'));
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

const { ddb } = await import('../shared/aws');
const { keys } = await import('../shared/data/keys');
const { generateReport } = await import('../shared/reports/generate');
const { scoreWhoqolBref, scoreUrica } = await import('../shared/domain/scoring');
const { addDays } = await import('../shared/domain/dates');

const periodId = ulid();
const offices = ['bapas-semarang', 'bapas-surakarta', 'bapas-pati', 'bapas-magelang'];
const period = {
  ...keys.period(periodId),
  ...keys.periodInProvince('2025-01-01', periodId),
  entityType: 'period',
  id: periodId,
  name: 'Bench 2025',
  startDate: '2025-01-01',
  endDate: '2025-12-31',
  capacity: 10_000,
  enrolledCount: N,
  offices,
  protocol: {
    opening: ['home_visit', 'urine_test', 'group_meeting'],
    cadenceDays: { home_visit: 60, urine_test: 30 },
  },
  instruments: ['whoqol-bref', 'urica'],
  version: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
};

let pending: Record<string, unknown>[] = [];
let batches: Record<string, unknown>[][] = [];
let written = 0;
async function put(item: Record<string, unknown>) {
  pending.push(item);
  if (pending.length === 25) {
    batches.push(pending);
    pending = [];
    if (batches.length >= 64) await drain();
  }
}
async function flush() {
  if (pending.length > 0) batches.push(pending);
  pending = [];
  await drain();
}
/** Writes the queued batches with 8 BatchWrite calls in flight. */
async function drain() {
  const queue = batches;
  batches = [];
  const worker = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await ddb().send(new BatchWriteCommand({ RequestItems: { pascarehab: requests } }));
        written += requests.length - (out.UnprocessedItems?.pascarehab?.length ?? 0);
        requests = (out.UnprocessedItems?.pascarehab ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const rand = (() => {
  let x = 42;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
})();
const answers = (n: number, shift: number) =>
  Array.from({ length: n }, () => Math.min(5, Math.max(1, Math.round(2 + rand() * 2 + shift))));

const seedStart = Date.now();
await put(period);
const enrollmentIds: string[] = [];
for (let i = 0; i < N; i++) {
  const id = ulid();
  enrollmentIds.push(id);
  const office = offices[i % offices.length]!;
  const enrolledOn = addDays('2025-01-01', Math.floor(rand() * 30));
  const status = rand() < 0.8 ? 'completed' : rand() < 0.5 ? 'dropped_out' : 'active';
  await put({
    ...keys.enrollment(id),
    ...keys.enrollmentInPeriod(periodId, office, id),
    entityType: 'enrollment',
    id,
    periodId,
    clientId: ulid(),
    office,
    status,
    enrolledOn,
    ...(status === 'active' ? {} : { statusDate: '2025-12-20' }),
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    protocolState: {
      openingDone: [
        { type: 'home_visit', date: addDays(enrolledOn, 1), id: 'a' },
        { type: 'urine_test', date: addDays(enrolledOn, 2), id: 'b' },
        { type: 'group_meeting', date: addDays(enrolledOn, 7), id: 'c' },
      ],
      lastDone: {},
      counts: {},
    },
    groupMeetings: Array.from({ length: 20 }, (_, w) => ({
      meetingId: `g${w}`,
      date: addDays('2025-01-08', 14 * w),
      topic: 'x',
    })),
    version: 1,
  });
  const rec = async (
    kind: 'ACTIVITY' | 'ASSESSMENT' | 'OUTCOME',
    date: string,
    body: Record<string, unknown>,
  ) => {
    const rid = ulid();
    const key =
      kind === 'ACTIVITY'
        ? keys.activity(id, date, rid)
        : kind === 'ASSESSMENT'
          ? keys.assessment(id, date, rid)
          : keys.outcome(id, date, rid);
    await put({
      ...key,
      ...keys.recordInPeriod(periodId, kind, date, rid),
      id: rid,
      enrollmentId: id,
      periodId,
      office,
      date,
      ...body,
    });
  };
  for (let k = 0; k < 6; k++) {
    await rec('ACTIVITY', addDays(enrolledOn, 1 + 60 * k), {
      entityType: 'activity',
      type: 'home_visit',
      present: ['client'],
      livingSituation: 'x',
      familySupport: 3,
      riskFactors: [],
      findings: 'x',
    });
    const positive = rand() < 0.1;
    await rec('ACTIVITY', addDays(enrolledOn, 2 + 30 * k), {
      entityType: 'activity',
      type: 'urine_test',
      results: { methamphetamine: positive ? 'positive' : 'negative', thc: 'negative' },
      positive,
    });
  }
  for (let k = 0; k < 2; k++) {
    await rec('ACTIVITY', addDays(enrolledOn, 10 + 90 * k), {
      entityType: 'activity',
      type: 'counseling',
      counselor: 'x',
      topic: 'x',
      durationMinutes: 45,
    });
  }
  for (const [phase, shift, date] of [
    ['pre', 0, addDays(enrolledOn, 1)],
    ['post', 0.6, '2025-12-15'],
  ] as const) {
    const w = scoreWhoqolBref(answers(26, shift));
    const u = scoreUrica(answers(32, shift));
    if (w.ok)
      await rec('ASSESSMENT', date, {
        entityType: 'assessment',
        instrument: 'whoqol-bref',
        phase,
        scores: w.scores,
      });
    if (u.ok)
      await rec('ASSESSMENT', date, {
        entityType: 'assessment',
        instrument: 'urica',
        phase,
        scores: u.scores,
      });
  }
  if (rand() < 0.2)
    await rec('OUTCOME', addDays(enrolledOn, 100), {
      entityType: 'outcome',
      type: rand() < 0.7 ? 'relapse' : 'rearrest',
    });
}
for (let w = 0; w < 20; w++) {
  const date = addDays('2025-01-08', 14 * w);
  // Attendance lists of up to 90 per session, as the API allows.
  await put({
    ...keys.groupMeeting(periodId, date, `g${w}`),
    entityType: 'groupMeeting',
    id: `g${w}`,
    periodId,
    date,
    attendees: enrollmentIds.slice(0, 90),
  });
}
await flush();
const seedSeconds = (Date.now() - seedStart) / 1000;

// --- the measured part
global.gc?.();
const baseRss = process.memoryUsage().rss;
let peakRss = baseRss;
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);
const start = Date.now();
const report = await generateReport(period, 'final', '2025-12-31', '2025-12-31');
const seconds = (Date.now() - start) / 1000;
clearInterval(sampler);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(
  JSON.stringify(
    {
      enrollments: N,
      itemsSeeded: written,
      seedSeconds,
      reportSeconds: seconds,
      peakRss: mb(peakRss),
      rssGrowth: mb(peakRss - baseRss),
      peakHeapUsed: mb(peakHeap),
      files: report.bytes,
    },
    null,
    2,
  ),
);

await s3server.stop();
await dynamodb.stop();
if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
