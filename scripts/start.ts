/**
 * npm start: the whole system on this machine, as one process tree.
 *   DynamoDB Local (java)  <- persisting under $DATA_DIR/dynamodb
 *   s3rver (in process)    <- persisting under $DATA_DIR/s3
 *   the local API adapter  -> the same Lambda handlers production runs
 *   the officers' forms    -> /app/ (web/dist, built here when missing or stale)
 *   an OpenID provider     -> /oidc/ (sign-in for the forms; accounts under $DATA_DIR/oidc)
 * Ctrl-C / SIGTERM stops everything; a watchdog kills java if this process is killed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { provinceBySlug } from '../infra/provinces';
import { loadSettings } from '../infra/settings';
import { LocalUserStore } from '../shared/directory/local';
import { answerHelp } from './help';
import { createApiServer } from './local/api-server';
import { DEMO_OFFICERS, seedDemoOfficers } from './local/demo-officers';
import { localSettings } from './local/env';
import { ensureKeyPair, localVerifier } from './local/identity';
import { createLocalOidc } from './local/oidc';
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
import { staticHandler } from './local/static';
import { ensureWebBuild } from './local/web-build';

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
  // The forms build alongside the services starting (about 2 s when something changed).
  const forms = ensureWebBuild((line) => console.log(line)).then(
    () => true,
    (err: Error) => {
      console.error(`forms not available, the build failed: ${err.message}`);
      return false;
    },
  );

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

  // The provider's issuer and the forms' URLs name the port, so it is chosen before listening.
  const port = settings.port || (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const appUrl = `${origin}/app/`;
  const users = new LocalUserStore(join(settings.dataDir, 'oidc', 'users.json'));
  const officersAdded = seedDemoOfficers(users);
  // The officer routes' directory (shared/directory): this store, not Cognito.
  process.env.LOCAL_USER_STORE = users.file;
  const oidc = createLocalOidc({ origin, appUrl, dataDir: settings.dataDir, keys, users });
  const province = provinceBySlug(process.env.PROVINCE || 'jawa-tengah');
  const timeZone = process.env.PROVINCE_TIME_ZONE || province.timeZone;
  process.env.PROVINCE_TIME_ZONE = timeZone; // the handlers' "today", as the stack sets it
  const offices = loadSettings(province).settings.offices.map((o) => o.code);
  // The forms' runtime configuration: in AWS the deploy writes it next to the forms.
  const formsConfig = {
    apiUrl: origin,
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    logoutUrl: oidc.logoutUrl,
    timeZone,
    offices,
    province: province.slug,
    provinceName: province.name,
  };
  const verify = await localVerifier(keys, [{ issuer: oidc.issuer, audience: oidc.clientId }]);
  const server = createApiServer(verify, [oidc.handle, staticHandler({ config: () => formsConfig })]);
  running.push({ endpoint: '', stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // Where the running stack is, for `npm run job` (it runs handlers against this stack).
  writeStackFile(settings.dataDir, {
    pid: process.pid,
    apiUrl: origin,
    dynamodbEndpoint: dynamodb.endpoint,
    s3Endpoint: s3.endpoint,
    tableName: settings.tableName,
    reportBucket: settings.reportBucket,
  });
  if (officersAdded)
    console.log(`local sign-in: ${officersAdded} demo officers added (README "Demo officers")`);
  const admin = DEMO_OFFICERS[0]!;
  if (await forms) console.log(`forms: ${appUrl} (sign in e.g. as ${admin.email} / ${admin.password})`);
  console.log(`OpenID provider: ${oidc.issuer}/.well-known/openid-configuration`);
  console.log('token: npm run token -- --role admin --office bnnp-jawa-tengah');
  console.log(`Pascarehab API ready at ${origin}`);

  // Demo data on an empty database, through the API itself (SEED_DEMO=0: start empty).
  if (settings.seedDemo && tableCreated) {
    try {
      const { seedDemo } = await import('./local/demo');
      const demo = await seedDemo(origin, keys, timeZone);
      console.log(
        `demo data: ${demo.periods} periods, ${demo.clients} clients (${demo.importedRows} rows imported, ${demo.requests} API requests); SEED_DEMO=0 starts empty`,
      );
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
