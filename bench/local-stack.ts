import type { Server } from 'node:http';
import { createApiServer } from '../scripts/local/api-server';
import { ensureKeyPair, type KeyFiles, localVerifier } from '../scripts/local/identity';
import {
  ensureBucket,
  ensureTable,
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type RunningService,
  startDynamoDb,
  startS3,
} from '../scripts/local/services';

/**
 * The local stack of `npm start` in this process: DynamoDB Local (the real jar), s3rver and the
 * local API Gateway stand-in calling the same handler modules, on free ports, in a fresh data
 * directory. In-process so the bench can see every DynamoDB call the handlers make.
 */
export interface BenchStack {
  baseUrl: string;
  keys: KeyFiles;
  dynamodbEndpoint: string;
  services: RunningService[];
  server: Server;
}

export async function startLocalServices(dataDir: string): Promise<BenchStack> {
  const dynamodb = await startDynamoDb(dataDir, await freePort(), { inMemory: true });
  const s3 = await startS3(dataDir, await freePort());
  Object.assign(process.env, {
    TABLE_NAME: 'pascarehab',
    REPORT_BUCKET: 'pascarehab-reports',
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    S3_ENDPOINT: s3.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    PROVINCE_TIME_ZONE: 'Asia/Jakarta',
    LOG_LEVEL: 'SILENT',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  await ensureTable(dynamodb.endpoint, 'pascarehab');
  await ensureBucket(s3.endpoint, 'pascarehab-reports');
  const keys = ensureKeyPair(dataDir);
  const server = createApiServer(await localVerifier(keys));
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    keys,
    dynamodbEndpoint: dynamodb.endpoint,
    services: [dynamodb, s3],
    server,
  };
}

export async function stopLocalServices(stack: BenchStack): Promise<void> {
  await new Promise<void>((resolve) => stack.server.close(() => resolve()));
  for (const s of [...stack.services].reverse()) await s.stop();
}
