/**
 * One measured run in a fresh process (its own heap, so peak RSS is the report's):
 *   node --import tsx bench/report-child.ts report <periodId>   the real report generation
 *   node --import tsx bench/report-child.ts raw <periodId>      a raw paginated Query of the same items
 * Prints {ms, maxRssMB, items} as JSON. The table and endpoints come from the environment.
 */
import { DynamoDBClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';

const [mode, periodId] = process.argv.slice(2);
if (!periodId || (mode !== 'report' && mode !== 'raw')) {
  process.stderr.write('usage: report-child.ts report|raw <periodId>\n');
  process.exit(2);
}

// Every module loads before the clock starts: module init is the init bench's business.
const { keys, partitions } = await import('../shared/data/keys');
const { getPeriodRecord } = await import('../shared/data/entities/period');
const { generateReport } = await import('../shared/reports/generate');

const period = await getPeriodRecord(periodId);
if (!period) throw new Error(`no period ${periodId}`);
const start = performance.now();
let items = 0;
if (mode === 'report') {
  await generateReport(period, 'final', period.endDate, period.endDate);
} else {
  // The same reads the report makes, as plain Queries with the raw SDK (1,000 a page).
  const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
  const table = process.env.TABLE_NAME ?? 'pascarehab';
  const queries: QueryCommandInput[] = [
    {
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': { S: partitions.enrollmentsOfPeriod(periodId) } },
    },
    {
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': { S: partitions.recordsOfPeriod(periodId) } },
    },
    {
      TableName: table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :g)',
      ExpressionAttributeValues: {
        ':p': { S: keys.period(periodId).pk },
        ':g': { S: keys.groupMeetingPrefix() },
      },
    },
  ];
  for (const query of queries) {
    let startKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const out = await client.send(new QueryCommand({ ...query, Limit: 1000, ExclusiveStartKey: startKey }));
      items += out.Items?.length ?? 0;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, items })}\n`);
process.exit(0);
