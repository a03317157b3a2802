import { parseArgs } from 'node:util';
import {
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  type TableDescription,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { findProvince, type Province, stackName } from '../infra/provinces';
import { loadSettings } from '../infra/settings';
import { tableDefinition } from '../shared/table';

/**
 * The point-in-time restore, scripted (docs/operations.md, "Restore drill"):
 *
 *   npm run ops:restore -- <province> [--at <ISO time>] [--keep | --for-real]
 *
 * 1. reads the stack outputs (ActiveTableName, TableKeyArn);
 * 2. restores the active table at --at (default: the latest restorable time) into a new
 *    table `<stack>-restore-<yyyymmddThhmm>`, encrypted with the same KMS key;
 * 3. waits until it is ACTIVE;
 * 4. sets what a restore does not carry over: TTL (and, --for-real, point-in-time recovery
 *    and deletion protection);
 * 5. checks keys and indexes against shared/table.ts and counts the items of both tables;
 * 6. a drill deletes the new table again (unless --keep); --for-real prints the setting that
 *    points the functions at it (`restoredTableName`) and the deploy command.
 * Each step prints how long it took, for the drill record.
 *
 * It needs credentials of the province's account (the same the deploy uses). DynamoDB Local
 * has no point-in-time recovery, so only the parts without AWS are tested here
 * (test/infra/ops.test.ts).
 */

export interface DrillOptions {
  province: Province;
  /** Restore time; undefined = latest restorable time (about five minutes ago). */
  at: Date | undefined;
  mode: 'drill' | 'keep' | 'for-real';
}

export class DrillUsageError extends Error {
  override name = 'DrillUsageError';
}

export const USAGE =
  'usage: npm run ops:restore -- <province> [--at 2025-03-01T10:00:00+07:00] [--keep | --for-real]';

export function parseDrillArgs(argv: string[]): DrillOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { at: { type: 'string' }, keep: { type: 'boolean' }, 'for-real': { type: 'boolean' } },
  });
  const slug = positionals[0];
  if (!slug) throw new DrillUsageError(`name the province.\n${USAGE}`);
  const province = findProvince(slug);
  if (!province) throw new DrillUsageError(`unknown province "${slug}" (npm run provinces lists them).`);
  if (values.keep && values['for-real'])
    throw new DrillUsageError(`--keep or --for-real, not both.\n${USAGE}`);
  let at: Date | undefined;
  if (values.at !== undefined) {
    // An offset is required: a restore time without a zone is ambiguous across WIB/WITA/WIT.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(values.at)) {
      throw new DrillUsageError(`--at must be an ISO time with its offset, e.g. 2025-03-01T10:00:00+07:00`);
    }
    at = new Date(values.at);
  }
  return { province, at, mode: values['for-real'] ? 'for-real' : values.keep ? 'keep' : 'drill' };
}

/** `Pascarehab-JawaTengah-restore-20250301T0300` (UTC minutes of the restore time or now). */
export function restoredTableName(province: Province, when: Date): string {
  const stamp = when.toISOString().slice(0, 16).replace(/[-:]/g, '');
  return `${stackName(province)}-restore-${stamp}`;
}

/** The restore request: same key (so the functions' grants on it apply), on-demand billing. */
export function restoreRequest(source: string, target: string, keyArn: string, at: Date | undefined) {
  return new RestoreTableToPointInTimeCommand({
    SourceTableName: source,
    TargetTableName: target,
    ...(at ? { RestoreDateTime: at } : { UseLatestRestorableTime: true }),
    BillingModeOverride: 'PAY_PER_REQUEST',
    SSESpecificationOverride: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn },
  });
}

/**
 * Differences between a table description and shared/table.ts (keys and indexes): a restore
 * must bring back exactly the table the code expects.
 */
export function schemaProblems(table: TableDescription): string[] {
  const problems: string[] = [];
  const key = (table.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
  const expectedKey = `${tableDefinition.partitionKey}:HASH,${tableDefinition.sortKey}:RANGE`;
  if (key !== expectedKey) problems.push(`key schema ${key}, expected ${expectedKey}`);
  for (const index of tableDefinition.globalSecondaryIndexes) {
    const found = table.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.indexName);
    const foundKey = (found?.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
    const wanted = `${index.partitionKey}:HASH,${index.sortKey}:RANGE`;
    if (!found) problems.push(`index ${index.indexName} missing`);
    else if (foundKey !== wanted)
      problems.push(`index ${index.indexName} keys ${foundKey}, expected ${wanted}`);
  }
  return problems;
}

/** Items of a table, by a paged COUNT scan (reads every item once; fine for a drill). */
export async function countItems(db: DynamoDBClient, tableName: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start as never } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Steps and their durations, printed as they finish and as a table at the end. */
export class StepClock {
  readonly steps: { name: string; seconds: number }[] = [];
  constructor(private readonly out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)) {}

  async step<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.out(`- ${name} ...`);
    const result = await run();
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    this.steps.push({ name, seconds });
    this.out(`  done in ${seconds} s`);
    return result;
  }

  table(): string {
    const width = Math.max(...this.steps.map((s) => s.name.length));
    return this.steps.map((s) => `${s.name.padEnd(width)}  ${String(s.seconds).padStart(7)} s`).join('\n');
  }
}

async function stackOutputs(province: Province, region: string): Promise<Record<string, string>> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const { Stacks } = await new CloudFormationClient({ region }).send(
    new DescribeStacksCommand({ StackName: stackName(province) }),
  );
  return Object.fromEntries(
    (Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
  );
}

export async function runDrill(options: DrillOptions): Promise<number> {
  const { province, at, mode } = options;
  const { region } = loadSettings(province).settings;
  const db = new DynamoDBClient({ region });
  const clock = new StepClock();

  const outputs = await clock.step('read stack outputs', () => stackOutputs(province, region));
  const source = outputs.ActiveTableName;
  const keyArn = outputs.TableKeyArn;
  if (!source || !keyArn)
    throw new Error(`${stackName(province)} has no ActiveTableName/TableKeyArn output: deploy it first.`);
  const target = restoredTableName(province, at ?? new Date());
  console.log(`source ${source}, target ${target}, time ${at?.toISOString() ?? 'latest restorable'}`);

  await clock.step('start point-in-time restore', () => db.send(restoreRequest(source, target, keyArn, at)));
  await clock.step('wait until the restored table is ACTIVE', () =>
    waitUntilTableExists(
      { client: db, maxWaitTime: 4 * 3600, minDelay: 20, maxDelay: 60 },
      { TableName: target },
    ),
  );
  await clock.step('set TTL (not restored)', () =>
    db.send(
      new UpdateTimeToLiveCommand({
        TableName: target,
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      }),
    ),
  );
  if (mode === 'for-real') {
    await clock.step('enable point-in-time recovery (not restored)', () =>
      db.send(
        new UpdateContinuousBackupsCommand({
          TableName: target,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ),
    );
    await clock.step('enable deletion protection', () =>
      db.send(new UpdateTableCommand({ TableName: target, DeletionProtectionEnabled: true })),
    );
  }
  const described = await clock.step('check keys and indexes', async () => {
    const { Table } = await db.send(new DescribeTableCommand({ TableName: target }));
    if (!Table) throw new Error(`${target} not found`);
    return Table;
  });
  const problems = schemaProblems(described);
  const [sourceCount, targetCount] = await clock.step('count items of both tables', () =>
    Promise.all([countItems(db, source), countItems(db, target)]),
  );
  console.log(`items: ${source} ${sourceCount} now, ${target} ${targetCount} at the restore time`);

  if (mode === 'drill') {
    await clock.step('delete the drill table', async () => {
      await db.send(new DeleteTableCommand({ TableName: target }));
      await waitUntilTableNotExists({ client: db, maxWaitTime: 1800 }, { TableName: target });
    });
  }
  console.log(`\n${clock.table()}\n`);
  if (problems.length > 0) {
    console.error(`The restored table does not match shared/table.ts:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  if (mode === 'for-real') {
    console.log(
      `Next: add "restoredTableName": "${target}" to infra/settings/${province.slug}.json and run npm run deploy -- ${province.slug}.\n` +
        'The functions then use the restored table; the old one stays untouched (docs/operations.md).',
    );
  } else if (mode === 'keep') {
    console.log(
      `${target} is kept (no deletion protection): delete it when done (aws dynamodb delete-table).`,
    );
  }
  return 0;
}

const invokedDirectly = process.argv[1]?.endsWith('ops-restore-drill.ts');
if (invokedDirectly) {
  try {
    process.exitCode = await runDrill(parseDrillArgs(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(
      `${error instanceof DrillUsageError ? error.message : String((error as Error).stack)}\n`,
    );
    process.exitCode = 1;
  }
}
