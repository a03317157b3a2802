/**
 * npm start: the whole system on this machine, as one process tree.
 *   DynamoDB Local (java)  <- persisting under $DATA_DIR/dynamodb
 *   s3rver (in process)    <- persisting under $DATA_DIR/s3
 *   the local API adapter  -> the same Lambda handlers production runs
 * Ctrl-C / SIGTERM stops everything; a watchdog kills java if this process is killed.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { answerHelp } from './help';
import { createApiServer } from './local/api-server';
import { localSettings } from './local/env';
import { ensureKeyPair, localVerifier } from './local/identity';
import {
  ensureBucket,
  ensureTable,
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type RunningService,
  startDynamoDb,
  startS3,
} from './local/services';
import { writeStackFile } from './local/stack-file';

answerHelp(`usage: npm start   (PORT, DATA_DIR, DYNAMODB_PORT, S3_PORT, SEED_DEMO in the environment)

The whole system on this machine: DynamoDB Local, an S3-compatible server and the API with
the officers' forms at http://127.0.0.1:$PORT/app/ (default port 3000, data under .data).
An empty database gets the demo data (SEED_DEMO=0 starts empty). Ctrl-C stops everything.
See README.md, "Configuration".`);

const settings = localSettings();
const running: RunningService[] = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const service of running.reverse()) {
    try {
      await service.stop();
    } catch {
      // keep stopping the rest
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

// If whoever started us (npm and its shell, a test run) dies without signalling, stop too
// rather than linger with java behind us: watch the parent and, on Linux, the grandparent
// (`npm start` runs us under `sh -c`, which outlives a killed npm).
const ancestors = [process.ppid, parentOf(process.ppid)].filter((pid): pid is number => !!pid && pid > 1);
setInterval(() => {
  if (!ancestors.every(isAlive)) void shutdown(0);
}, 1000).unref();

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const keys = ensureKeyPair(settings.dataDir);

  const dynamodb = await startDynamoDb(settings.dataDir, settings.dynamodbPort || (await freePort()));
  running.push(dynamodb);
  const s3 = await startS3(settings.dataDir, settings.s3Port || (await freePort()));
  running.push(s3);

  // The handlers read their configuration from the environment, as in Lambda.
  Object.assign(process.env, {
    TABLE_NAME: settings.tableName,
    REPORT_BUCKET: settings.reportBucket,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    S3_ENDPOINT: s3.endpoint,
    AWS_REGION: process.env.AWS_REGION || LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;

  const tableCreated = await ensureTable(dynamodb.endpoint, settings.tableName);
  const bucketCreated = await ensureBucket(s3.endpoint, settings.reportBucket);
  console.log(
    `DynamoDB Local ${dynamodb.endpoint} (table ${settings.tableName}${tableCreated ? ', created' : ''})`,
  );
  console.log(
    `S3 (s3rver) ${s3.endpoint} (bucket ${settings.reportBucket}${bucketCreated ? ', created' : ''})`,
  );
  console.log(`data: ${settings.dataDir}`);

  const server = createApiServer(await localVerifier(keys));
  running.push({ endpoint: '', stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Where the running stack is, for `npm run job` (it runs handlers against this stack).
  writeStackFile(settings.dataDir, {
    pid: process.pid,
    apiUrl: `http://127.0.0.1:${port}`,
    dynamodbEndpoint: dynamodb.endpoint,
    s3Endpoint: s3.endpoint,
    tableName: settings.tableName,
    reportBucket: settings.reportBucket,
  });
  console.log('token: npm run token -- --role admin --office bnnp-jawa-tengah');
  console.log(`Pascarehab API ready at http://127.0.0.1:${port}`);

  // Demo data on an empty database, through the API itself (SEED_DEMO=0: start empty).
  if (settings.seedDemo && tableCreated) {
    try {
      const { seedDemo } = await import('./local/demo');
      const { requests } = await seedDemo(
        `http://127.0.0.1:${port}`,
        keys,
        process.env.PROVINCE_TIME_ZONE || 'Asia/Jakarta',
      );
      console.log(`demo data: 3 periods, 21 clients (${requests} API requests); SEED_DEMO=0 starts empty`);
    } catch (err) {
      console.error(`demo data incomplete: ${(err as Error).message}`);
    }
  }

  // The scheduled period-end job runs once at start (in AWS: daily, EventBridge Scheduler).
  try {
    const { runPeriodEndJob } = await import('../shared/services/reports');
    const result = await runPeriodEndJob(new Date());
    console.log(`period-end job: ${result.written.length} report(s) written, ${result.failed.length} failed`);
  } catch (err) {
    console.error(`period-end job failed: ${(err as Error).message}`);
  }
}

main().catch((err: Error) => {
  console.error(`npm start failed: ${err.message}`);
  void shutdown(1);
});
