import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchWriteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provinceBySlug } from '../../infra/provinces';
import {
  ensureTable,
  freePort,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type RunningService,
  startDynamoDb,
} from '../../scripts/local/services';
import {
  countItems,
  DrillUsageError,
  parseDrillArgs,
  restoredTableName,
  restoreRequest,
  StepClock,
  schemaProblems,
} from '../../scripts/ops-restore-drill';
import { tableDefinition } from '../../shared/table';

const jawaTengah = provinceBySlug('jawa-tengah');

describe('the restore drill (npm run ops:restore)', () => {
  it('reads the province, an ISO time with offset, and --keep or --for-real', () => {
    expect(parseDrillArgs(['jawa-tengah'])).toEqual({ province: jawaTengah, at: undefined, mode: 'drill' });
    expect(parseDrillArgs(['jawa-tengah', '--at', '2025-03-01T10:00:00+07:00', '--for-real'])).toEqual({
      province: jawaTengah,
      at: new Date('2025-03-01T03:00:00Z'),
      mode: 'for-real',
    });
    expect(parseDrillArgs(['papua', '--keep']).mode).toBe('keep');
  });

  it.each([
    [[], /name the province/],
    [['jateng'], /unknown province "jateng"/],
    [['jawa-tengah', '--at', '2025-03-01 10:00'], /offset/],
    [['jawa-tengah', '--at', '2025-03-01T10:00:00'], /offset/],
    [['jawa-tengah', '--keep', '--for-real'], /not both/],
  ])('refuses %j', (args, message) => {
    expect(() => parseDrillArgs(args)).toThrow(DrillUsageError);
    expect(() => parseDrillArgs(args)).toThrow(message);
  });

  it('names the new table after the stack and the restore time (UTC minutes)', () => {
    expect(restoredTableName(jawaTengah, new Date('2025-03-01T10:00:00+07:00'))).toBe(
      'Pascarehab-JawaTengah-restore-20250301T0300',
    );
  });

  it('restores with the stack key and on-demand billing, at a time or at the latest restorable time', () => {
    const key = 'arn:aws:kms:ap-southeast-3:111122223333:key/abc';
    const at = new Date('2025-03-01T03:00:00Z');

    expect(restoreRequest('src', 'dst', key, at).input).toEqual({
      SourceTableName: 'src',
      TargetTableName: 'dst',
      RestoreDateTime: at,
      BillingModeOverride: 'PAY_PER_REQUEST',
      SSESpecificationOverride: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: key },
    });
    expect(restoreRequest('src', 'dst', key, undefined).input).toMatchObject({
      UseLatestRestorableTime: true,
    });
    expect(restoreRequest('src', 'dst', key, undefined).input).not.toHaveProperty('RestoreDateTime');
  });

  it('times each step and prints them as a table', async () => {
    const lines: string[] = [];
    const clock = new StepClock((l) => lines.push(l));
    expect(await clock.step('first', async () => 42)).toBe(42);
    await clock.step('the second step', async () => undefined);

    expect(lines.filter((l) => l.startsWith('- '))).toEqual(['- first ...', '- the second step ...']);
    expect(clock.steps.map((s) => s.name)).toEqual(['first', 'the second step']);
    expect(clock.table()).toMatch(/^first {11} +\d+(\.\d)? s\nthe second step +\d+(\.\d)? s$/);
  });

  it('reports a restored table whose keys or indexes differ from shared/table.ts', () => {
    const [first, ...rest] = tableDefinition.globalSecondaryIndexes;
    if (!first) throw new Error('the table has indexes');
    const wrong: TableDescription = {
      KeySchema: [{ AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: rest.map((i) => ({
        IndexName: i.indexName,
        KeySchema: [
          { AttributeName: i.sortKey, KeyType: 'HASH' },
          { AttributeName: i.partitionKey, KeyType: 'RANGE' },
        ],
      })),
    };

    const problems = schemaProblems(wrong);
    expect(problems[0]).toMatch(/^key schema pk:HASH, expected pk:HASH,sk:RANGE$/);
    expect(problems).toContain(`index ${first.indexName} missing`);
    expect(problems.filter((p) => p.includes('keys'))).toHaveLength(rest.length);
  });

  // The checks after the restore run against the real DynamoDB Local (it has no point-in-time
  // recovery itself, so the "restored" table is created from the same definition).
  describe('against DynamoDB Local', () => {
    let dynamo: RunningService;
    let dataDir: string;
    let db: DynamoDBClient;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'pascarehab-drill-'));
      dynamo = await startDynamoDb(dataDir, await freePort());
      db = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
      await ensureTable(dynamo.endpoint, 'restored');
      // 300 items of ~4 KB: more than the 1 MB a scan page reads, so counting must page.
      const filler = 'x'.repeat(4000);
      for (let batch = 0; batch < 12; batch++) {
        await db.send(
          new BatchWriteItemCommand({
            RequestItems: {
              restored: Array.from({ length: 25 }, (_, i) => ({
                PutRequest: {
                  Item: { pk: { S: `DRILL#${batch}` }, sk: { S: String(i) }, filler: { S: filler } },
                },
              })),
            },
          }),
        );
      }
    }, 120_000);

    afterAll(async () => {
      db?.destroy();
      await dynamo?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('finds the shared table definition in a table created from it', async () => {
      const { Table } = await db.send(new DescribeTableCommand({ TableName: 'restored' }));
      if (!Table) throw new Error('no table');
      expect(schemaProblems(Table)).toEqual([]);
    });

    it('counts every item, across scan pages', async () => {
      expect(await countItems(db, 'restored')).toBe(300);
    });
  });
});
