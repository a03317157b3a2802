/**
 * npm run job -- period-end --now <ISO-8601 datetime> [--period <periodId>]
 * Runs the scheduled period-end report handler once, against the running local stack
 * (found through $DATA_DIR/stack.json), with the given clock.
 */
import { parseArgs } from 'node:util';
import { answerHelp } from './help';
import { localSettings } from './local/env';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local/services';
import { readStackFile } from './local/stack-file';

const usage = 'usage: npm run job -- period-end --now <ISO-8601 datetime> [--period <periodId>]';
answerHelp(`${usage}

Runs the scheduled period-end report job once against the running local stack (npm start),
with the clock set to --now: the final report of every period that has ended, and on the
1st of a month the monthly reports. --period limits it to one period.`);

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

let parsed: ReturnType<
  typeof parseArgs<{
    options: { now: { type: 'string' }; period: { type: 'string' } };
    allowPositionals: true;
  }>
>;
try {
  parsed = parseArgs({
    options: { now: { type: 'string' }, period: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
} catch (err) {
  fail((err as Error).message);
}
const [job] = parsed.positionals;
if (job !== 'period-end') fail(`unknown job: ${job ?? '(none)'}`);
const now = parsed.values.now ? new Date(parsed.values.now) : new Date();
if (Number.isNaN(now.getTime())) fail(`--now is not an ISO-8601 datetime: ${parsed.values.now}`);

let stack: ReturnType<typeof readStackFile>;
try {
  stack = readStackFile(localSettings().dataDir);
} catch (err) {
  fail((err as Error).message);
}
Object.assign(process.env, {
  TABLE_NAME: stack.tableName,
  REPORT_BUCKET: stack.reportBucket,
  DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
  S3_ENDPOINT: stack.s3Endpoint,
  AWS_REGION: process.env.AWS_REGION || LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
});

const { runPeriodEndJob } = await import('../shared/services/reports');
const result = await runPeriodEndJob(now, parsed.values.period ? { periodId: parsed.values.period } : {});
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.exit(result.failed.length > 0 ? 1 : 0);
