import { parseArgs } from 'node:util';

/**
 * What a province costs each month, from the template's own resources:
 *
 *   npm run ops:cost -- <province>
 *
 * synthesizes the province stack (no bundling), counts its billable resources and prices
 * them. Fixed costs are what the stack costs with no traffic at all (keys, alarm metrics);
 * per-use costs scale with requests and stored data, and are shown for an example month
 * (USAGE below). docs/deployment.md holds this script's table for jawa-tengah, and
 * test/infra checks that the two agree, so the document follows the template.
 *
 * Prices: AWS list prices in USD (the pricing pages named in PRICES, us-east-1 unless said
 * otherwise; ap-southeast-3 is the same or up to ~20 % higher for most of them). Check them in
 * the AWS Pricing Calculator for the region before budgeting.
 */

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}
type Template = { Resources?: Record<string, TemplateResource> };

export const PRICES = {
  kmsKeyMonth: {
    usd: 1,
    source: 'aws.amazon.com/kms/pricing: $1 per key-month (+$1 per rotated key version, twice at most)',
  },
  alarmMetricMonth: {
    usd: 0.1,
    source:
      'aws.amazon.com/cloudwatch/pricing: $0.10 per standard-resolution alarm metric; an alarm on a math expression counts each of its metrics',
  },
  cognitoPlusMau: { usd: 0.02, source: 'aws.amazon.com/cognito/pricing: Plus, per monthly active user' },
  cognitoEssentialsMau: {
    usd: 0.015,
    source: 'aws.amazon.com/cognito/pricing: Essentials, per monthly active user (first 10,000 free)',
  },
  httpApiMillion: { usd: 1.0, source: 'aws.amazon.com/api-gateway/pricing: HTTP API, per million requests' },
  lambdaMillion: { usd: 0.2, source: 'aws.amazon.com/lambda/pricing: per million requests' },
  lambdaArmGbSecond: { usd: 0.0000133334, source: 'aws.amazon.com/lambda/pricing: arm64, per GB-second' },
  dynamoWriteMillion: {
    usd: 0.625,
    source: 'aws.amazon.com/dynamodb/pricing/on-demand: per million write request units',
  },
  dynamoReadMillion: {
    usd: 0.125,
    source: 'aws.amazon.com/dynamodb/pricing/on-demand: per million read request units',
  },
  dynamoGbMonth: { usd: 0.25, source: 'aws.amazon.com/dynamodb/pricing: storage per GB-month' },
  pitrGbMonth: {
    usd: 0.2,
    source: 'aws.amazon.com/dynamodb/pricing: continuous backups (PITR) per GB-month',
  },
  backupGbMonth: {
    usd: 0.1,
    source: 'aws.amazon.com/backup/pricing: DynamoDB / S3 backup storage per GB-month',
  },
  s3GbMonth: { usd: 0.023, source: 'aws.amazon.com/s3/pricing: S3 Standard per GB-month' },
  logsIngestGb: { usd: 0.5, source: 'aws.amazon.com/cloudwatch/pricing: logs ingested per GB' },
} as const;

/** An example month of one province: 40 officers, 2 programme periods, 1 GB of data. */
export const USAGE = {
  monthlyActiveUsers: 40,
  apiRequests: 60_000,
  lambdaAvgSeconds: 0.3,
  writeUnits: 200_000,
  readUnits: 1_000_000,
  tableGb: 1,
  reportGb: 0.5,
  logGb: 1,
} as const;

export interface CostLine {
  item: string;
  count: number;
  unit: string;
  usd: number;
}

/** Resources of the given types. */
export function count(template: Template, type: string): number {
  return Object.values(template.Resources ?? {}).filter((r) => r.Type === type).length;
}

/** The metrics CloudWatch bills for an alarm: one, or each metric of its math expression. */
export function alarmMetrics(template: Template): number {
  return Object.values(template.Resources ?? {})
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .reduce((sum, alarm) => {
      const metrics = alarm.Properties?.Metrics as { MetricStat?: unknown }[] | undefined;
      return sum + (metrics ? metrics.filter((m) => m.MetricStat).length : 1);
    }, 0);
}

const round = (usd: number) => Math.round(usd * 100) / 100;

/** Costs that do not depend on traffic: what an idle province pays. */
export function fixedCosts(template: Template): CostLine[] {
  const keys = count(template, 'AWS::KMS::Key');
  const metrics = alarmMetrics(template);
  return [
    { item: 'KMS keys', count: keys, unit: 'key-month', usd: round(keys * PRICES.kmsKeyMonth.usd) },
    {
      item: `CloudWatch alarm metrics (${count(template, 'AWS::CloudWatch::Alarm')} alarms)`,
      count: metrics,
      unit: 'alarm metric-month',
      usd: round(metrics * PRICES.alarmMetricMonth.usd),
    },
  ];
}

/** Per-use costs of the USAGE month, for the resources the template has. */
export function usageCosts(template: Template): CostLine[] {
  const pool = Object.values(template.Resources ?? {}).find((r) => r.Type === 'AWS::Cognito::UserPool');
  const plus = pool?.Properties?.UserPoolTier === 'PLUS';
  const mauPrice = plus ? PRICES.cognitoPlusMau.usd : 0;
  const gbSeconds = USAGE.apiRequests * USAGE.lambdaAvgSeconds * 0.5;
  const lines: CostLine[] = [
    {
      item: `Cognito ${plus ? 'Plus' : 'Essentials (free tier)'} users`,
      count: USAGE.monthlyActiveUsers,
      unit: 'monthly active user',
      usd: round(USAGE.monthlyActiveUsers * mauPrice),
    },
    {
      item: 'HTTP API requests',
      count: USAGE.apiRequests,
      unit: 'request',
      usd: round((USAGE.apiRequests / 1e6) * PRICES.httpApiMillion.usd),
    },
    {
      item: `Lambda (${count(template, 'AWS::Lambda::Function')} functions, 512 MB, ${USAGE.lambdaAvgSeconds} s)`,
      count: USAGE.apiRequests,
      unit: 'invocation',
      usd: round(
        (USAGE.apiRequests / 1e6) * PRICES.lambdaMillion.usd + gbSeconds * PRICES.lambdaArmGbSecond.usd,
      ),
    },
    {
      item: 'DynamoDB on-demand writes + reads',
      count: USAGE.writeUnits + USAGE.readUnits,
      unit: 'request unit',
      usd: round(
        (USAGE.writeUnits / 1e6) * PRICES.dynamoWriteMillion.usd +
          (USAGE.readUnits / 1e6) * PRICES.dynamoReadMillion.usd,
      ),
    },
    {
      item: 'DynamoDB storage + PITR + daily backups (35 days)',
      count: USAGE.tableGb,
      unit: 'GB',
      usd: round(
        USAGE.tableGb * (PRICES.dynamoGbMonth.usd + PRICES.pitrGbMonth.usd + PRICES.backupGbMonth.usd),
      ),
    },
    {
      item: `S3 reports + backups (${count(template, 'AWS::S3::Bucket')} buckets)`,
      count: USAGE.reportGb,
      unit: 'GB',
      usd: round(USAGE.reportGb * (PRICES.s3GbMonth.usd + PRICES.backupGbMonth.usd)),
    },
    {
      item: 'CloudWatch Logs ingested',
      count: USAGE.logGb,
      unit: 'GB',
      usd: round(USAGE.logGb * PRICES.logsIngestGb.usd),
    },
  ];
  return lines;
}

/** The markdown table docs/deployment.md holds (between the cost markers). */
export function costTable(template: Template): string {
  const fixed = fixedCosts(template);
  const usage = usageCosts(template);
  const total = (lines: CostLine[]) => round(lines.reduce((s, l) => s + l.usd, 0)).toFixed(2);
  const row = (l: CostLine) =>
    `| ${l.item} | ${l.count.toLocaleString('en-US')} ${l.unit} | ${l.usd.toFixed(2)} |`;
  return [
    '| cost | counted in the template / example month | USD per month |',
    '| --- | --- | --- |',
    ...fixed.map(row),
    `| **fixed, no traffic** | | **${total(fixed)}** |`,
    ...usage.map(row),
    `| **example month, per use** | | **${total(usage)}** |`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true });
  const slug = positionals[0] ?? 'jawa-tengah';
  const { App } = await import('aws-cdk-lib');
  const { Template } = await import('aws-cdk-lib/assertions');
  const { APP_CONTEXT, addProvinceStack, synthOnlyFormsDir } = await import('../infra/assembly');
  const { provinceBySlug } = await import('../infra/provinces');
  const app = new App({ context: { ...APP_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stack = addProvinceStack(app, provinceBySlug(slug), undefined, {
    formsAssetDir: synthOnlyFormsDir(),
  });
  const template = Template.fromStack(stack).toJSON() as Template;
  process.stdout.write(`${slug}: monthly cost from the synthesized template\n\n${costTable(template)}\n\n`);
  for (const [name, price] of Object.entries(PRICES)) process.stdout.write(`- ${name}: ${price.source}\n`);
  return 0;
}

if (process.argv[1]?.endsWith('ops-cost.ts')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
