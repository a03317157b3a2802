import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_CONTEXT, addBudgetStack, addProvinceStack, addSecurityChecks } from '../../infra/assembly';
import { MAX_ALARMS, METRICS_PER_EXPRESSION, SIGN_IN_RISK_METRICS } from '../../infra/constructs/alarms';
import { PUBLIC_ROUTE_THROTTLE } from '../../infra/constructs/api';
import { BACKUP_RETENTION_DAYS, BACKUP_ROLE_POLICIES } from '../../infra/constructs/backup';
import { CostBudget } from '../../infra/constructs/governance';
import {
  DIRECTORY_ACTIONS,
  ESM_REQUIRE_BANNER,
  PascarehabFunction,
  TABLE_ACTIONS,
  TABLE_KEY_ACTIONS,
} from '../../infra/constructs/pascarehab-function';
import { reportJobExists } from '../../infra/paths';
import { provinceBySlug } from '../../infra/provinces';
import { FALLBACK_HANDLER, type RouteDefinition, routes } from '../../infra/routes';
import { type LoadedSettings, loadSettings, parseSettings } from '../../infra/settings';
import { type ProvinceStack, REPORT_JOB_CONCURRENCY } from '../../infra/stack';
import {
  compareStateful,
  readSnapshot,
  replacementProperties,
  STATEFUL_TYPES,
  statefulSnapshot,
} from '../../infra/stateful';
import { alarmMetrics, costTable, fixedCosts } from '../../scripts/ops-cost';
import { ROLES } from '../../shared/domain/actor';
import { tableDefinition } from '../../shared/table';
import { contentSecurityPolicy, HSTS_MAX_AGE_SECONDS } from '../../shared/web-headers';

/**
 * Template tests of the province stack. Each configuration is synthesized once (bundling
 * skipped: `npm run synth -- jawa-tengah` proves the bundles, and one test below bundles one
 * function for real). Synthesis itself runs cdk-nag and CDK's CloudFormation validation for
 * the region: an open finding throws in beforeAll.
 */

type Resources = Record<
  string,
  {
    Type: string;
    Properties?: Record<string, unknown>;
    DeletionPolicy?: string;
    UpdateReplacePolicy?: string;
    DependsOn?: string[];
    [k: string]: unknown;
  }
>;

const NO_BUNDLING = { ...APP_CONTEXT, 'aws:cdk:bundling-stacks': [] };
const STAND_IN_JOB = fileURLToPath(new URL('./fixtures/period-end-job.ts', import.meta.url));
/** A small stand-in for web/dist (the build the stack publishes). */
const FORMS = fileURLToPath(new URL('./fixtures/forms', import.meta.url));
const papua = provinceBySlug('papua');
const jawaTengah = provinceBySlug('jawa-tengah');
const RESTORED_TABLE = 'Pascarehab-JawaTengah-restore-20250301';

/** Papua with every optional setting, and the report job (stand-in handler). */
const papuaComplete: LoadedSettings = parseSettings(
  papua,
  {
    account: '111122223333',
    alarmEmail: 'alarm@example.go.id',
    formsOrigin: 'https://forms.example.go.id',
    formsCertificateArn:
      'arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012',
    reportScheduleHour: 7,
    offices: [
      { code: 'bapas-jayapura', name: 'Bapas Jayapura' },
      { code: 'bnnp-papua', name: 'BNNP Papua' },
    ],
    writeThrottle: { rateLimit: 5, burstLimit: 8 },
    whoqolPermissionRef: 'WHO/MNH/PSF/97.4 izin no. 123',
    sesFromAddress: 'pascarehab@bnnp-papua.example.go.id',
    cloudTrail: { enabled: true, tableDataEvents: true },
  },
  'test',
);

/** Where a region lacks a feature: every fallback setting. */
const papuaFallbacks: LoadedSettings = parseSettings(
  papua,
  {
    account: '111122223333',
    alarmEmail: 'alarm@example.go.id',
    cognitoFeaturePlan: 'essentials',
    signInPages: 'classic-hosted-ui',
    lambdaArchitecture: 'x86_64',
    tableResource: 'table',
    cloudTrail: { enabled: false },
    budget: { enabled: false },
  },
  'test',
);

/**
 * The route table plus two officer-administration rows (the real /officers rows arrive with
 * their handlers; these reuse existing handler files so the fixture needs no new code).
 */
const withDirectory: RouteDefinition[] = routes.map((r) => {
  if (r.handler === 'audit/list-audit') return { ...r, directory: 'read' };
  if (r.handler === 'clients/patch-client') return { ...r, directory: 'write' };
  return r;
});

interface Synth {
  stack: ProvinceStack;
  template: Template;
  resources: Resources;
}

function synth(stack: Stack): Synth {
  const template = Template.fromStack(stack);
  return { stack: stack as ProvinceStack, template, resources: template.toJSON().Resources as Resources };
}

let jt: Synth;
let papuaDefaults: Synth;
let papuaFull: Synth;
let jtRestored: Synth;
let jtFirst: Synth;
let fallbacks: Synth;

beforeAll(() => {
  // Two provinces side by side in one app, as they would share an account.
  const app = new App({ context: NO_BUNDLING });
  addSecurityChecks(app);
  const jtStack = addProvinceStack(app, jawaTengah, undefined, { formsAssetDir: FORMS });
  const papuaStack = addProvinceStack(app, papua, undefined, { formsAssetDir: FORMS });
  jt = synth(jtStack);
  papuaDefaults = synth(papuaStack);

  const full = new App({ context: NO_BUNDLING });
  addSecurityChecks(full);
  papuaFull = synth(
    addProvinceStack(full, papua, papuaComplete, {
      reportJobEntry: STAND_IN_JOB,
      routes: withDirectory,
      formsAssetDir: FORMS,
    }),
  );

  // jawa-tengah after a point-in-time restore, and during its first deploy.
  const restored = loadSettings(jawaTengah);
  restored.settings = { ...restored.settings, restoredTableName: RESTORED_TABLE };
  const states = new App({ context: NO_BUNDLING });
  addSecurityChecks(states);
  jtRestored = synth(addProvinceStack(states, jawaTengah, restored, { formsAssetDir: FORMS }));
  const other = new App({ context: NO_BUNDLING });
  addSecurityChecks(other);
  jtFirst = synth(
    addProvinceStack(other, jawaTengah, undefined, { firstDeploy: true, formsAssetDir: FORMS }),
  );
  const fallbackApp = new App({ context: NO_BUNDLING });
  addSecurityChecks(fallbackApp);
  fallbacks = synth(
    addProvinceStack(fallbackApp, papua, papuaFallbacks, {
      reportJobEntry: STAND_IN_JOB,
      formsAssetDir: FORMS,
    }),
  );
});

// --- helpers ---------------------------------------------------------------------------------

function ofType(s: Synth, type: string): [string, Record<string, unknown>][] {
  return Object.entries(s.resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}

function s_fn(s: Synth, logicalId: string): Record<string, unknown> {
  return (s.resources[logicalId]?.Properties ?? {}) as Record<string, unknown>;
}

/** The report schedule's dead-letter queue (the stack has the import queues too). */
function reportDeadLetterQueue(s: Synth): [string, Record<string, unknown>] {
  return only(ofType(s, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('ReportSchedule')));
}

/** The import queue and its dead-letter queue. */
function importQueues(s: Synth) {
  const queues = ofType(s, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('Imports'));
  return {
    queue: only(queues.filter(([id]) => id.startsWith('ImportsQueue'))),
    dlq: only(queues.filter(([id]) => id.startsWith('ImportsDeadLetterQueue'))),
  };
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

/** `{ Ref: X }` or `{ Fn::GetAtt: [X, ...] }` -> X. */
function refOf(value: unknown): string {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = v.Ref ?? v['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return id;
}

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: unknown;
}

function actions(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** The statements of every identity policy attached to a role. */
function roleStatements(s: Synth, roleId: string): Statement[] {
  return ofType(s, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Roles as unknown[]).some((r) => refOf(r) === roleId))
    .flatMap(([, p]) => (p.PolicyDocument as { Statement: Statement[] }).Statement);
}

function functionStatements(s: Synth, functionId: string): Statement[] {
  const fn = s.resources[functionId];
  if (!fn) throw new Error(`no function ${functionId}`);
  return roleStatements(s, refOf(fn.Properties?.Role));
}

/** The function behind an API route key, e.g. `GET /clients/{id}` or `$default`. */
function functionOfRoute(s: Synth, routeKey: string): string {
  const [, route] = only(ofType(s, 'AWS::ApiGatewayV2::Route').filter(([, p]) => p.RouteKey === routeKey));
  const target = JSON.stringify(route.Target);
  const integrationId = /"Ref":"([^"]+)"/.exec(target)?.[1];
  const integration = s.resources[integrationId ?? ''];
  return refOf(integration?.Properties?.IntegrationUri);
}

function tableActionsOf(statements: Statement[]): string[] {
  return statements
    .flatMap(actions)
    .filter((a) => a.startsWith('dynamodb:'))
    .sort();
}

function keyActionsOf(statements: Statement[]): string[] {
  return statements
    .flatMap(actions)
    .filter((a) => a.startsWith('kms:'))
    .sort();
}

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

const routeKeyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** Logical ID of the forms distribution. */
function distributionId(s: Synth): string {
  return only(ofType(s, 'AWS::CloudFront::Distribution'))[0];
}

/** `https://<distribution domain>` (+ suffix) as the template writes it. */
function cloudFrontOrigin(s: Synth, suffix = '') {
  return {
    'Fn::Join': [
      '',
      ['https://', { 'Fn::GetAtt': [distributionId(s), 'DomainName'] }, ...(suffix ? [suffix] : [])],
    ],
  };
}

/** Logical IDs of the stack's own functions (not aws-cdk-lib's forms publisher). */
function ownFunctionIds(s: Synth): string[] {
  return s.stack.allFunctions().map((f) => s.stack.getLogicalId(f.node.defaultChild as never));
}

/** An ARN as CDK writes it for a known account and region: `arn:<AWS::Partition><rest>`. */
function partitionArn(rest: string) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] };
}

// --- cdk-nag -----------------------------------------------------------------------------------

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing open in any configuration', () => {
    // beforeAll already synthesized with the checks (a finding throws); this says which.
    for (const s of [jt, papuaDefaults, papuaFull, jtRestored, jtFirst, fallbacks]) {
      const report = new AwsSolutionsChecks().validateScope(s.stack);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
        [],
      );
    }
  });

  it('acknowledges only the reviewed findings, each with a reason', () => {
    const expected = [
      /^AwsSolutions-L1$/,
      /^AwsSolutions-APIG4$/,
      /^AwsSolutions-SQS3$/,
      /^AwsSolutions-IAM5\[Resource::<Reports[0-9A-F]{8}\.Arn>\/reports\/\*]$/,
      /^AwsSolutions-IAM5\[Resource::<Reports[0-9A-F]{8}\.Arn>\/imports\/\*]$/,
      /^AwsSolutions-CFR[1-4]$/,
      /^AwsSolutions-IAM5\[Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\*]$/,
      /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-\d{12}-ap-southeast-3\/\*]$/,
      /^AwsSolutions-IAM5\[Resource::<FormsBucket[0-9A-F]{8}\.Arn>\/\*]$/,
      /^AwsSolutions-IAM5\[Resource::\*]$/,
      ...BACKUP_ROLE_POLICIES.map(
        (policy) =>
          new RegExp(`^AwsSolutions-IAM4\\[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]$`),
      ),
    ];
    const acks = [papuaFull.stack, jt.stack].flatMap(acknowledgements);

    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(
        expected.some((pattern) => pattern.test(ack.id)),
        `${ack.id} at ${ack.path}`,
      ).toBe(true);
      expect(ack.reason.length, `reason of ${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(80);
    }
    // Public routes: exactly the two of the route table, plus the CORS preflight.
    const apig4 = acknowledgements(papuaFull.stack).filter((a) => a.id === 'AwsSolutions-APIG4');
    expect(apig4.map((a) => a.path.split('/').at(-1)).sort()).toEqual(
      ['GET--health', 'GET--openapi.json', 'PreflightRoute'].sort(),
    );
  });

  describe('without the acknowledgements', () => {
    let spy: ReturnType<typeof vi.spyOn>;
    afterAll(() => spy?.mockRestore());

    it('finds exactly the acknowledged findings: none is stale', () => {
      spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => {});
      const app = new App({ context: NO_BUNDLING });
      const bare = addProvinceStack(app, papua, papuaComplete, {
        reportJobEntry: STAND_IN_JOB,
        routes: withDirectory,
        formsAssetDir: FORMS,
      });
      spy.mockRestore();

      const found = new AwsSolutionsChecks()
        .validateScope(bare)
        .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`))
        .sort();
      const acknowledged = acknowledgements(papuaFull.stack)
        // The stack's own path differs only by app; acknowledgements sit on the resource or
        // a parent of it.
        .map((a) => ({ id: a.id, path: a.path }));

      expect(found.length).toBe(
        found.filter((f) => acknowledged.some((a) => f.startsWith(`${a.id} ${a.path}`))).length,
      );
      for (const a of acknowledged) {
        expect(
          found.some((f) => f.startsWith(`${a.id} ${a.path}`)),
          `${a.id} at ${a.path} suppresses nothing`,
        ).toBe(true);
      }
    });
  });
});

// --- stack and names ---------------------------------------------------------------------------

describe('the province stack', () => {
  it('is named Pascarehab-<Province> and deploys to Jakarta by default', () => {
    expect(jt.stack.stackName).toBe('Pascarehab-JawaTengah');
    expect(papuaDefaults.stack.stackName).toBe('Pascarehab-Papua');
    expect(jt.stack.region).toBe('ap-southeast-3');
    expect(jt.stack.terminationProtection).toBe(true);
  });

  it('warns when a province has no settings file, and deploys it with defaults', () => {
    Annotations.fromStack(papuaDefaults.stack).hasWarning(
      '*',
      Match.stringLikeRegexp('papua: no settings file'),
    );
    Annotations.fromStack(papuaFull.stack).hasNoWarning('*', Match.stringLikeRegexp('no settings file'));
  });

  it('sets no account-unique physical name, so two provinces share no name', () => {
    // Properties that name a resource account- or region-wide.
    const physicalNames: Record<string, string[]> = {
      'AWS::DynamoDB::GlobalTable': ['TableName'],
      'AWS::S3::Bucket': ['BucketName'],
      'AWS::Lambda::Function': ['FunctionName'],
      'AWS::IAM::Role': ['RoleName'],
      'AWS::Logs::LogGroup': ['LogGroupName'],
      'AWS::Cognito::UserPool': ['UserPoolName'],
      'AWS::SNS::Topic': ['TopicName'],
      'AWS::SQS::Queue': ['QueueName'],
      'AWS::CloudWatch::Alarm': ['AlarmName'],
      'AWS::Scheduler::Schedule': ['Name'],
      'AWS::KMS::Alias': ['AliasName'],
      'AWS::CloudTrail::Trail': ['TrailName'],
      'AWS::Backup::BackupPlan': ['BackupPlanName'],
    };
    for (const s of [jt, papuaDefaults, papuaFull]) {
      for (const [type, props] of Object.entries(physicalNames)) {
        for (const [id, p] of ofType(s, type)) {
          for (const prop of props) expect(p[prop], `${id}.${prop}`).toBeUndefined();
        }
      }
    }
    // Names that do exist (console names) differ between the provinces.
    const apiName = (s: Synth) => only(ofType(s, 'AWS::ApiGatewayV2::Api'))[1].Name;
    expect(apiName(jt)).toBe('Pascarehab-JawaTengah');
    expect(apiName(papuaDefaults)).toBe('Pascarehab-Papua');
    // CDK names backup vaults itself, from the stack name: unique per province.
    const vaultName = (s: Synth) => only(ofType(s, 'AWS::Backup::BackupVault'))[1].BackupVaultName;
    expect(vaultName(jt)).toMatch(/^PascarehabJawaTengah/);
    expect(vaultName(papuaDefaults)).toMatch(/^PascarehabPapua/);
  });

  it('outputs the API URL, the user pool and client ids and the bucket name', () => {
    for (const s of [jt, papuaFull]) {
      const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(Object.keys(outputs)).toEqual(
        expect.arrayContaining([
          'ApiUrl',
          'UserPoolId',
          'UserPoolClientId',
          'ReportBucketName',
          'TableName',
          'ActiveTableName',
          'TableKeyArn',
          'FormsUrl',
          'SignInUrl',
        ]),
      );
      expect(JSON.stringify(outputs.ApiUrl?.Value)).toContain('.execute-api.ap-southeast-3.');
      expect(refOf(outputs.UserPoolId?.Value)).toBe(only(ofType(s, 'AWS::Cognito::UserPool'))[0]);
      expect(refOf(outputs.UserPoolClientId?.Value)).toBe(only(ofType(s, 'AWS::Cognito::UserPoolClient'))[0]);
      expect(refOf(outputs.ReportBucketName?.Value)).toBe(
        refOf({ Ref: s.stack.getLogicalId(s.stack.reports.bucket.node.defaultChild as never) }),
      );
    }
  });
});

// --- data --------------------------------------------------------------------------------------

describe('the table', () => {
  it('is the one table definition: keys, GSIs (projection ALL), TTL', () => {
    const [, table] = only(ofType(jt, 'AWS::DynamoDB::GlobalTable'));

    expect(table.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    );
    expect(table.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
  });

  it('is on-demand, with PITR, deletion protection, RetainExceptOnCreate and a rotated customer-managed key', () => {
    const [tableId, table] = only(ofType(jt, 'AWS::DynamoDB::GlobalTable'));
    const replica = (table.Replicas as { SSESpecification: { KMSMasterKeyId: unknown } }[])[0];
    const keyRef = refOf(replica?.SSESpecification.KMSMasterKeyId);
    const [keyId, key] = only(ofType(jt, 'AWS::KMS::Key').filter(([id]) => id === keyRef));

    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(replica).toMatchObject({
      Region: 'ap-southeast-3',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(jt.resources[tableId]).toMatchObject({
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    expect(key.EnableKeyRotation).toBe(true);
    expect(jt.resources[keyId]).toMatchObject({ DeletionPolicy: 'RetainExceptOnCreate' });
  });
});

describe('the report bucket', () => {
  const reportBucket = (s: Synth) => {
    const id = s.stack.getLogicalId(s.stack.reports.bucket.node.defaultChild as never);
    return { id, props: s.resources[id]?.Properties ?? {}, resource: s.resources[id] };
  };

  it('is versioned, encrypted, private, RetainExceptOnCreate, and logs access to a separate bucket', () => {
    const { id, props, resource } = reportBucket(jt);
    const logBucketId = jt.stack.getLogicalId(jt.stack.reports.accessLogBucket.node.defaultChild as never);

    expect(resource).toMatchObject({ DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      refOf((props.LoggingConfiguration as { DestinationBucketName: unknown }).DestinationBucketName),
    ).toBe(logBucketId);
    expect(logBucketId).not.toBe(id);
  });

  it('refuses plain HTTP (bucket policy denies aws:SecureTransport false)', () => {
    const { id } = reportBucket(jt);
    jt.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('moves reports to cheaper storage and expires them after the retention', () => {
    const { props } = reportBucket(jt);
    const rules = (props.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;

    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: 'reports/',
          Status: 'Enabled',
          ExpirationInDays: 1825,
          Transitions: [
            { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
            { StorageClass: 'GLACIER_IR', TransitionInDays: 90 },
          ],
        }),
      ]),
    );
  });
});

// --- users -------------------------------------------------------------------------------------

describe('the user pool', () => {
  it('has no self sign-up, a strong password policy, MFA required (TOTP) and threat protection', () => {
    const [, pool] = only(ofType(papuaDefaults, 'AWS::Cognito::UserPool'));

    expect(pool.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.Policies).toMatchObject({
      PasswordPolicy: {
        MinimumLength: 12,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      },
    });
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool.DeletionProtection).toBe('ACTIVE');
    expect(pool.Schema).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'office', AttributeDataType: 'String', Mutable: true }),
      ]),
    );
  });

  it('has one group per role', () => {
    const groups = ofType(jt, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('has a forms client without secret for authorization code + PKCE, back to the forms origin only', () => {
    for (const [s, origin, slash] of [
      [jt, cloudFrontOrigin(jt), cloudFrontOrigin(jt, '/')],
      [papuaFull, 'https://forms.example.go.id', 'https://forms.example.go.id/'],
    ] as const) {
      const [, client] = only(ofType(s, 'AWS::Cognito::UserPoolClient'));

      expect(client.GenerateSecret).toBe(false);
      expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
      expect(client.AllowedOAuthFlows).toEqual(['code']);
      expect(client.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
      expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
      expect(client.CallbackURLs).toEqual([origin, slash]);
      expect(client.LogoutURLs).toEqual([origin, slash]);
      expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
      // ID token at most an hour; the refresh token lasts an officer's working day.
      expect(client).toMatchObject({
        IdTokenValidity: 60,
        AccessTokenValidity: 60,
        RefreshTokenValidity: 720,
        TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
        EnableTokenRevocation: true,
        PreventUserExistenceErrors: 'ENABLED',
      });
      expect(client.ReadAttributes).toContain('custom:office');
      // A user able to write custom:office could move into another office's data.
      expect(client.WriteAttributes).toEqual(['name']);
    }
  });

  it('signs in on a Cognito domain with managed login (classic hosted UI as the fallback), MFA still required', () => {
    const [poolId, pool] = only(ofType(jt, 'AWS::Cognito::UserPool'));
    const [, domain] = only(ofType(jt, 'AWS::Cognito::UserPoolDomain'));
    const [clientId] = only(ofType(jt, 'AWS::Cognito::UserPoolClient'));

    expect(domain).toEqual({
      Domain: 'pascarehab-jawa-tengah-000000000000',
      UserPoolId: { Ref: poolId },
      ManagedLoginVersion: 2,
    });
    expect(pool.MfaConfiguration).toBe('ON');
    jt.template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: { Ref: poolId },
      ClientId: { Ref: clientId },
      UseCognitoProvidedValues: true,
    });
    // Fallback: classic hosted UI, no branding resource.
    const [, classic] = only(ofType(fallbacks, 'AWS::Cognito::UserPoolDomain'));
    expect(classic.ManagedLoginVersion).toBe(1);
    expect(ofType(fallbacks, 'AWS::Cognito::ManagedLoginBranding')).toEqual([]);
    // A province without account in its settings: the prefix takes the deploying account.
    const [, defaults] = only(ofType(papuaDefaults, 'AWS::Cognito::UserPoolDomain'));
    expect(defaults.Domain).toEqual({ 'Fn::Join': ['', ['pascarehab-papua-', { Ref: 'AWS::AccountId' }]] });
  });
});

// --- API and functions -------------------------------------------------------------------------

describe('the HTTP API', () => {
  it('has one route per route table entry plus $default (and the CORS preflight), each on its own function', () => {
    const keys = ofType(jt, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.RouteKey);
    expect(keys.sort()).toEqual([...routes.map(routeKeyOf), '$default', 'OPTIONS /{proxy+}'].sort());

    for (const route of routes) {
      const fnId = functionOfRoute(jt, routeKeyOf(route));
      expect(jt.resources[fnId]?.Properties?.Description).toBe(routeKeyOf(route));
    }
    const functions = new Set([
      ...routes.map((r) => functionOfRoute(jt, routeKeyOf(r))),
      functionOfRoute(jt, '$default'),
    ]);
    expect(functions.size).toBe(routes.length + 1);
    expect(jt.stack.api.functions.map((f) => f.node.id)).toContain('SystemFallback');
    expect(FALLBACK_HANDLER).toBe('system/fallback');
  });

  it('requires a Cognito JWT (issuer: the user pool, audience: the forms client) except on the public routes', () => {
    const [authorizerId, authorizer] = only(ofType(jt, 'AWS::ApiGatewayV2::Authorizer'));
    const [poolId] = only(ofType(jt, 'AWS::Cognito::UserPool'));
    const [clientId] = only(ofType(jt, 'AWS::Cognito::UserPoolClient'));

    expect(authorizer).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }] },
    });
    expect(JSON.stringify((authorizer.JwtConfiguration as { Issuer: unknown }).Issuer)).toBe(
      JSON.stringify({
        'Fn::Join': ['', ['https://cognito-idp.ap-southeast-3.amazonaws.com/', { Ref: poolId }]],
      }),
    );

    const expectedPublic = new Set(routes.filter((r) => !r.auth).map(routeKeyOf));
    expect([...expectedPublic].sort()).toEqual(['GET /health', 'GET /openapi.json']);
    // Browsers' CORS preflight carries no credentials; API Gateway answers it (see the CORS test).
    expectedPublic.add('OPTIONS /{proxy+}');
    for (const [, route] of ofType(jt, 'AWS::ApiGatewayV2::Route')) {
      if (expectedPublic.has(route.RouteKey as string)) {
        expect(route.AuthorizationType, String(route.RouteKey)).toBe('NONE');
      } else {
        expect(route.AuthorizationType, String(route.RouteKey)).toBe('JWT');
        expect(route.AuthorizerId, String(route.RouteKey)).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('throttles and writes access logs on its stage', () => {
    const [, stage] = only(ofType(jt, 'AWS::ApiGatewayV2::Stage'));
    const accessLogs = stage.AccessLogSettings as { DestinationArn: unknown; Format: string };

    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 });
    expect(jt.resources[refOf(accessLogs.DestinationArn)]?.Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(accessLogs.Format)).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
    });
  });

  it('throttles each route: reads at `throttle`, writes lower at `writeThrottle`, public routes lowest', () => {
    for (const [s, reads, writes] of [
      [
        jt,
        { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
        { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      ],
      [
        papuaFull,
        { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
        { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 8 },
      ],
    ] as const) {
      const [stageId, stage] = only(ofType(s, 'AWS::ApiGatewayV2::Stage'));
      const settings = stage.RouteSettings as Record<
        string,
        { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
      >;

      expect(Object.keys(settings).sort()).toEqual(s.stack.routes.map(routeKeyOf).sort());
      for (const route of s.stack.routes) {
        const expected = !route.auth
          ? {
              ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit,
              ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit,
            }
          : route.method === 'GET'
            ? reads
            : writes;
        expect(settings[routeKeyOf(route)], routeKeyOf(route)).toEqual(expected);
      }
      expect(writes.ThrottlingRateLimit).toBeLessThan(reads.ThrottlingRateLimit);
      if (s === jt) expect(PUBLIC_ROUTE_THROTTLE.rateLimit).toBeLessThan(writes.ThrottlingRateLimit);
      // Route settings name route keys: the stage must wait for every route.
      const routeIds = ofType(s, 'AWS::ApiGatewayV2::Route')
        .filter(([, r]) => r.RouteKey !== '$default' && r.RouteKey !== 'OPTIONS /{proxy+}')
        .map(([id]) => id);
      expect(s.resources[stageId]?.DependsOn).toEqual(expect.arrayContaining(routeIds));
    }
  });

  it('allows CORS for the forms origin only (formsOrigin, else the CloudFront domain), with an unauthorized preflight', () => {
    for (const [s, origin] of [
      [papuaFull, 'https://forms.example.go.id'],
      [jt, cloudFrontOrigin(jt)],
    ] as const) {
      const [, api] = only(ofType(s, 'AWS::ApiGatewayV2::Api'));
      expect(api.CorsConfiguration).toEqual({
        AllowOrigins: [origin],
        AllowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        ExposeHeaders: ['idempotent-replayed'],
        MaxAge: 3600,
      });
      const [, preflight] = only(
        ofType(s, 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.RouteKey === 'OPTIONS /{proxy+}'),
      );
      expect(preflight.AuthorizationType).toBe('NONE');
    }
  });
});

describe('the functions', () => {
  it('all run nodejs22.x on ARM64 with an explicit log group and the province environment', () => {
    for (const [s, timeZone] of [
      [jt, 'Asia/Jakarta'],
      [papuaFull, 'Asia/Jayapura'],
    ] as const) {
      const ours = new Set(ownFunctionIds(s));
      const all = ofType(s, 'AWS::Lambda::Function');
      // Besides ours, only aws-cdk-lib's handler that publishes the forms during deploys.
      expect(all.filter(([id]) => !ours.has(id)).map(([id]) => id)).toEqual([
        expect.stringMatching(/^CustomCDKBucketDeployment/),
      ]);
      const functions = all.filter(([id]) => ours.has(id));
      expect(functions.length).toBe(ours.size);
      const [tableId] = only(ofType(s, 'AWS::DynamoDB::GlobalTable'));
      for (const [id, fn] of functions) {
        expect(fn, id).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
        });
        expect(fn.MemorySize).toBeGreaterThanOrEqual(512);
        expect(fn.Timeout).toBeGreaterThanOrEqual(10);
        const logGroup = s.resources[refOf((fn.LoggingConfig as { LogGroup: unknown }).LogGroup)];
        expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
        expect(logGroup?.Properties?.RetentionInDays).toBe(365);
        const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(String(env.OFFICE_CODES).split(',')).toEqual(s.stack.settings.offices.map((o) => o.code));
        expect(env).toMatchObject({
          TABLE_NAME: { Ref: tableId },
          PROVINCE_TIME_ZONE: timeZone,
          LOG_LEVEL: 'INFO',
          POWERTOOLS_SERVICE_NAME: 'pascarehab',
          NODE_OPTIONS: '--enable-source-maps',
        });
        expect(refOf(env.REPORT_BUCKET)).toMatch(/^Reports/);
      }
    }
  });

  it('have roles without managed policies (but AWS Backup) and no wildcard action (but the forms publisher)', () => {
    for (const s of [jt, papuaFull]) {
      const backupRole = s.stack.getLogicalId(s.stack.backup.role.node.defaultChild as never);
      for (const [id, role] of ofType(s, 'AWS::IAM::Role')) {
        if (id === backupRole) continue;
        expect(role.ManagedPolicyArns, id).toBeUndefined();
      }
      // aws-cdk-lib's forms publisher keeps CDK's grants (acknowledged one by one in forms.ts).
      const publisher = s.stack.getLogicalId(
        s.stack.node.findChild('Forms').node.findChild('PublishRole').node.defaultChild as never,
      );
      const policies = ofType(s, 'AWS::IAM::Policy').filter(
        ([, p]) => !(p.Roles as unknown[]).some((r) => refOf(r) === publisher),
      );
      expect(policies.length).toBe(ofType(s, 'AWS::IAM::Policy').length - 1);
      for (const [id, policy] of policies) {
        for (const statement of (policy.PolicyDocument as { Statement: Statement[] }).Statement) {
          for (const action of actions(statement)) expect(action, `${id}: ${action}`).not.toContain('*');
          expect(JSON.stringify(statement.Resource), id).not.toMatch(/"\*"|index\/\*/);
        }
      }
    }
  });

  // jt serves the route table; papuaFull the table with two officer-administration rows.
  it.each([
    ...routes.map((r) => ['jawa-tengah', routeKeyOf(r)] as const),
    ...withDirectory.filter((r) => r.directory).map((r) => ['papua', routeKeyOf(r)] as const),
  ])(
    '%s %s gets exactly the access its route declares (table, report objects, directory)',
    (province, key) => {
      const s = province === 'papua' ? papuaFull : jt;
      const route = s.stack.routes.find((r) => routeKeyOf(r) === key);
      if (!route) throw new Error(`no route ${key}`);
      const { table: access } = route;
      const reports = route.reports ?? [];
      const imports = route.imports ?? [];
      const importObjects = imports.filter((a) => a !== 'queue');
      const statements = functionStatements(s, functionOfRoute(s, routeKeyOf(route)));
      const expectedTable = access === 'read' ? TABLE_ACTIONS.RO : access === 'write' ? TABLE_ACTIONS.RW : [];
      const expectedKey =
        access === 'read' ? TABLE_KEY_ACTIONS.RO : access === 'write' ? TABLE_KEY_ACTIONS.RW : [];

      expect(tableActionsOf(statements)).toEqual([...expectedTable].sort());
      expect(keyActionsOf(statements)).toEqual([...expectedKey].sort());
      // Only the function's own log group besides the table, S3 only for report routes, Cognito
      // only for officer administration.
      const services = new Set(statements.flatMap(actions).map((a) => a.split(':')[0]));
      expect([...services].sort()).toEqual(
        [
          ...(access === 'none' ? ['logs'] : ['dynamodb', 'kms', 'logs']),
          ...(reports.length || importObjects.length ? ['s3'] : []),
          ...(imports.includes('queue') ? ['sqs'] : []),
          ...(route.directory ? ['cognito-idp'] : []),
        ].sort(),
      );
      const s3 = statements.filter((st) => actions(st)[0]?.startsWith('s3:'));
      const onPrefix = (prefix: string) =>
        s3
          .filter((st) => JSON.stringify(st.Resource).includes(prefix))
          .flatMap(actions)
          .sort();
      expect(onPrefix('/reports/*')).toEqual(
        [
          ...(reports.includes('read') ? ['s3:GetObject'] : []),
          ...(reports.includes('write') ? ['s3:PutObject'] : []),
        ].sort(),
      );
      // Imports: upload signs PUTs, read looks at the workbook, both under imports/ only.
      expect(onPrefix('/imports/*')).toEqual(
        [
          ...(imports.includes('read') ? ['s3:GetObject'] : []),
          ...(imports.includes('upload') ? ['s3:PutObject'] : []),
        ].sort(),
      );
      for (const st of s3) expect(JSON.stringify(st.Resource)).toMatch(/\/(reports|imports)\/\*/);
      const sqs = statements.filter((st) => actions(st)[0]?.startsWith('sqs:'));
      expect(sqs.flatMap(actions)).toEqual(imports.includes('queue') ? ['sqs:SendMessage'] : []);
      for (const statement of statements.filter((st) => actions(st)[0]?.startsWith('kms:'))) {
        expect(statement.Condition).toEqual({
          StringEquals: { 'kms:ViaService': 'dynamodb.ap-southeast-3.amazonaws.com' },
        });
      }
      const directory = statements.filter((st) => actions(st)[0]?.startsWith('cognito-idp:'));
      const env = (
        s_fn(s, functionOfRoute(s, routeKeyOf(route))).Environment as { Variables: Record<string, unknown> }
      ).Variables;
      if (route.directory) {
        const [poolId] = only(ofType(s, 'AWS::Cognito::UserPool'));
        expect(directory.flatMap(actions).sort()).toEqual([...DIRECTORY_ACTIONS[route.directory]].sort());
        for (const st of directory) expect(st.Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
        expect(env.USER_POOL_ID).toEqual({ Ref: poolId });
      } else {
        expect(directory).toEqual([]);
        expect(env.USER_POOL_ID).toBeUndefined();
      }
    },
  );

  it('grants directory reads only ListUsers, AdminGetUser, AdminListGroupsForUser; writes add the Admin* changes', () => {
    expect([...DIRECTORY_ACTIONS.read].sort()).toEqual(
      ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:ListUsers'].sort(),
    );
    expect(DIRECTORY_ACTIONS.write).toEqual(expect.arrayContaining([...DIRECTORY_ACTIONS.read]));
    expect(
      DIRECTORY_ACTIONS.write
        .filter((a) => !(DIRECTORY_ACTIONS.read as readonly string[]).includes(a))
        .sort(),
    ).toEqual(
      [
        'cognito-idp:AdminAddUserToGroup',
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminRemoveUserFromGroup',
        'cognito-idp:AdminUpdateUserAttributes',
        'cognito-idp:AdminUserGlobalSignOut',
      ].sort(),
    );
  });

  it('give the report writers (job, import worker, routes that make reports or comparisons) WHOQOL_PERMISSION_REF when set, nobody else', () => {
    const writers = new Set([
      papuaFull.stack.getLogicalId(papuaFull.stack.reportJob?.node.defaultChild as never),
      papuaFull.stack.getLogicalId(papuaFull.stack.importWorker.fn.node.defaultChild as never),
      ...withDirectory
        .filter((r) => r.reports?.includes('write'))
        .map((r) => functionOfRoute(papuaFull, routeKeyOf(r))),
    ]);
    // The job, the import worker, on-demand and revised reports, closing a period, comparisons.
    expect(writers.size).toBe(6);
    expect(writers).toContain(functionOfRoute(papuaFull, 'POST /periods/{id}/reports'));
    expect(writers).toContain(functionOfRoute(papuaFull, 'POST /periods/{id}/close'));
    expect(writers).toContain(functionOfRoute(papuaFull, 'POST /comparisons'));
    for (const [id, fn] of ofType(papuaFull, 'AWS::Lambda::Function').filter(([, f]) => f.Environment)) {
      const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.WHOQOL_PERMISSION_REF, id).toBe(
        writers.has(id) ? 'WHO/MNH/PSF/97.4 izin no. 123' : undefined,
      );
    }
    // Not set: no variable at all.
    for (const [id, fn] of ofType(jt, 'AWS::Lambda::Function').filter(([, f]) => f.Environment)) {
      expect(
        (fn.Environment as { Variables: Record<string, unknown> }).Variables.WHOQOL_PERMISSION_REF,
        id,
      ).toBeUndefined();
    }
  });

  it('sizes each route function as the route table says (on-demand reports: 1024 MB, 29 s)', () => {
    for (const r of routes) {
      const fn = s_fn(jt, functionOfRoute(jt, routeKeyOf(r)));
      expect(fn.MemorySize, routeKeyOf(r)).toBe(r.memoryMB ?? 512);
      expect(fn.Timeout, routeKeyOf(r)).toBe(r.timeoutSeconds ?? 10);
    }
    expect(routes.find((r) => r.handler === 'reports/create-report')).toMatchObject({
      memoryMB: 1024,
      timeoutSeconds: 29,
    });
  });

  it('grants table access on the table and its named indexes only', () => {
    const statements = functionStatements(jt, functionOfRoute(jt, 'GET /clients'));
    const [tableId] = only(ofType(jt, 'AWS::DynamoDB::GlobalTable'));
    const [dynamo] = statements.filter((st) => actions(st)[0]?.startsWith('dynamodb:'));

    expect(dynamo?.Resource).toEqual([
      { 'Fn::GetAtt': [tableId, 'Arn'] },
      ...tableDefinition.globalSecondaryIndexes.map((index) => ({
        'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${index.indexName}`]],
      })),
    ]);
  });

  it('cover every DynamoDB command the code sends (TABLE_ACTIONS.RW)', () => {
    // SDK command -> the IAM actions it needs. A new command fails here until it is mapped and
    // granted, instead of failing in production with AccessDenied.
    const needs: Record<string, string[]> = {
      GetCommand: ['dynamodb:GetItem'],
      GetItemCommand: ['dynamodb:GetItem'],
      BatchGetCommand: ['dynamodb:BatchGetItem'],
      BatchGetItemCommand: ['dynamodb:BatchGetItem'],
      QueryCommand: ['dynamodb:Query'],
      PutCommand: ['dynamodb:PutItem'],
      PutItemCommand: ['dynamodb:PutItem'],
      UpdateCommand: ['dynamodb:UpdateItem'],
      UpdateItemCommand: ['dynamodb:UpdateItem'],
      DeleteCommand: ['dynamodb:DeleteItem'],
      DeleteItemCommand: ['dynamodb:DeleteItem'],
      TransactWriteCommand: [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
      TransactWriteItemsCommand: [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
    };
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const sources = ['shared', 'functions'].flatMap((dir) =>
      (readdirSync(join(root, dir), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(join(root, dir, f), 'utf8'))
        .filter((text) => /from '@aws-sdk\/(lib|client)-dynamodb'/.test(text)),
    );
    const commands = new Set(
      sources.flatMap((text) => [...text.matchAll(/new (\w+Command)\(/g)].map((m) => m[1] ?? '')),
    );

    expect(commands.size).toBeGreaterThan(0);
    for (const command of commands) {
      expect(
        needs[command],
        `${command}: map it to IAM actions here and grant them in TABLE_ACTIONS`,
      ).toBeDefined();
      for (const action of needs[command] ?? []) expect(TABLE_ACTIONS.RW).toContain(action);
    }
  });

  it('are bundled as minified ESM with the createRequire banner, a source map and the SDK inside', () => {
    // One real esbuild run (the others are proven by `npm run synth -- jawa-tengah`).
    const outdir = mkdtempSync(join(tmpdir(), 'pascarehab-bundle-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Bundle');
      new PascarehabFunction(stack, 'GetClient', {
        handler: 'clients/get-client',
        description: 'bundle test',
        environment: {},
        logRetention: RetentionDays.ONE_WEEK,
      });
      app.synth();
      const [asset] = readdirSync(outdir).filter((f) => f.startsWith('asset.'));
      const dir = join(outdir, asset ?? 'missing');
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');

      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
      // The SDK is inside: nothing is imported from @aws-sdk at run time.
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(code).toContain('DynamoDBClient');
      // Minified: very long lines (esbuild keeps only the newlines inside template literals).
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

// --- report schedule ---------------------------------------------------------------------------

describe('the daily report schedule', () => {
  it('runs the period-end job daily at 01:00 Asia/Jakarta for jawa-tengah', () => {
    expect(reportJobExists()).toBe(true);
    const [, schedule] = only(ofType(jt, 'AWS::Scheduler::Schedule'));
    expect(schedule.ScheduleExpression).toBe('cron(0 1 * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Jakarta');
    expect(jt.stack.reportJob).toBeDefined();
  });

  it("runs at the province's hour in the province's time zone (papua: Asia/Jayapura)", () => {
    const [, schedule] = only(ofType(papuaFull, 'AWS::Scheduler::Schedule'));
    const target = schedule.Target as Record<string, unknown>;
    const jobId = papuaFull.stack.getLogicalId(papuaFull.stack.reportJob?.node.defaultChild as never);
    const [queueId] = reportDeadLetterQueue(papuaFull);

    expect(schedule.ScheduleExpression).toBe('cron(0 7 * * ? *)');
    expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Jayapura');
    expect(schedule.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    expect(refOf(target.Arn)).toBe(jobId);
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
    expect(refOf((target.DeadLetterConfig as { Arn: unknown }).Arn)).toBe(queueId);
    expect(JSON.parse(target.Input as string)).toEqual({
      trigger: 'schedule',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
  });

  it('sends a failed run to the dead-letter queue after Lambda retries it', () => {
    const [, config] = only(ofType(papuaFull, 'AWS::Lambda::EventInvokeConfig'));
    const [queueId, queue] = reportDeadLetterQueue(papuaFull);

    expect(config.MaximumRetryAttempts).toBe(2);
    expect(
      refOf((config.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination),
    ).toBe(queueId);
    expect(queue.SqsManagedSseEnabled).toBe(true);
  });

  it('lets the scheduler invoke the job and write the DLQ, and nothing else', () => {
    const [, schedule] = only(ofType(papuaFull, 'AWS::Scheduler::Schedule'));
    const roleId = refOf((schedule.Target as { RoleArn: unknown }).RoleArn);
    const role = papuaFull.resources[roleId]?.Properties ?? {};

    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    expect(roleStatements(papuaFull, roleId).flatMap(actions).sort()).toEqual([
      'lambda:InvokeFunction',
      'sqs:SendMessage',
    ]);
  });

  it('gives the job table reads plus PutItem (report record + audit) and report writes under reports/ only', () => {
    const jobId = papuaFull.stack.getLogicalId(papuaFull.stack.reportJob?.node.defaultChild as never);
    const statements = functionStatements(papuaFull, jobId);
    const s3 = statements.filter((st) => actions(st)[0]?.startsWith('s3:'));

    expect(tableActionsOf(statements)).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']);
    expect(s3.flatMap(actions)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(s3[0]?.Resource)).toContain('/reports/*');
    // docs/reports.md relies on this size for a 10,000-enrollment period.
    expect(s_fn(papuaFull, jobId)).toMatchObject({ MemorySize: 1024, Timeout: 300 });
  });
});

describe('the import worker', () => {
  it('takes one job at a time from an encrypted queue, with a dead-letter queue after three deliveries', () => {
    const { queue, dlq } = importQueues(papuaFull);
    const workerId = papuaFull.stack.getLogicalId(papuaFull.stack.importWorker.fn.node.defaultChild as never);
    const [, mapping] = only(ofType(papuaFull, 'AWS::Lambda::EventSourceMapping'));

    expect(queue[1]).toMatchObject({ SqsManagedSseEnabled: true, VisibilityTimeout: 960 });
    expect(refOf((queue[1].RedrivePolicy as { deadLetterTargetArn: unknown }).deadLetterTargetArn)).toBe(
      dlq[0],
    );
    expect((queue[1].RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount).toBe(3);
    expect(mapping).toMatchObject({ BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } });
    expect(refOf(mapping.FunctionName)).toBe(workerId);
    expect(s_fn(papuaFull, workerId)).toMatchObject({ MemorySize: 2048, Timeout: 900 });
  });

  it('reads workbooks under imports/, writes reports under reports/, sends only to its own queue', () => {
    const workerId = papuaFull.stack.getLogicalId(papuaFull.stack.importWorker.fn.node.defaultChild as never);
    const statements = functionStatements(papuaFull, workerId);
    const s3 = statements.filter((st) => actions(st)[0]?.startsWith('s3:'));
    const sqsStatements = statements.filter((st) => actions(st).some((a) => a.startsWith('sqs:')));
    const { queue } = importQueues(papuaFull);

    expect(tableActionsOf(statements)).toEqual([...TABLE_ACTIONS.RW].sort());
    expect(
      s3
        .map((st) => [
          actions(st).join(','),
          JSON.stringify(st.Resource).match(/\/(reports|imports)\/\*/)?.[1],
        ])
        .sort(),
    ).toEqual([
      ['s3:GetObject', 'imports'],
      ['s3:PutObject', 'reports'],
    ]);
    // Its own sends (a long job continues) and the event source's receive and delete.
    for (const st of sqsStatements) expect(refOf(st.Resource)).toBe(queue[0]);
    expect(sqsStatements.flatMap(actions)).toContain('sqs:SendMessage');
  });

  it('expires uploaded workbooks after a week (they hold identities)', () => {
    const bucketId = papuaFull.stack.getLogicalId(papuaFull.stack.reports.bucket.node.defaultChild as never);
    const bucket = s_fn(papuaFull, bucketId);
    const rules = (bucket.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    expect(rules.find((r) => r.Id === 'expire-import-uploads')).toMatchObject({
      Prefix: 'imports/',
      ExpirationInDays: 7,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      Status: 'Enabled',
    });
  });
});

// --- alarms ------------------------------------------------------------------------------------

describe('the alarms', () => {
  const alarmsOf = (s: Synth) => ofType(s, 'AWS::CloudWatch::Alarm');

  it('reach an encrypted SNS topic that CloudWatch may publish to (this account only), with the e-mail subscription', () => {
    const [topicId, topic] = only(ofType(papuaFull, 'AWS::SNS::Topic'));
    expect(topic.KmsMasterKeyId).toBeDefined();
    const [, policy] = only(ofType(papuaFull, 'AWS::SNS::TopicPolicy'));
    const statements = (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    const publish = statements.filter(
      (st) => st.Effect === 'Allow' && JSON.stringify(st.Principal).includes('cloudwatch.amazonaws.com'),
    );

    // Without this Allow the topic policy (which enforceSSL creates) holds only a Deny, and
    // CloudWatch cannot deliver a single alarm.
    expect(publish).toHaveLength(1);
    expect(publish[0]).toMatchObject({
      Action: 'sns:Publish',
      Resource: { Ref: topicId },
      Condition: {
        StringEquals: { 'aws:SourceAccount': '111122223333' },
        ArnLike: { 'aws:SourceArn': partitionArn(':cloudwatch:ap-southeast-3:111122223333:alarm:*') },
      },
    });
    // Still TLS only.
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
    // The topic key lets CloudWatch (and AWS Backup) use it only for this account's alarms.
    const keyStatements = ofType(papuaFull, 'AWS::KMS::Key').flatMap(
      ([, k]) => (k.KeyPolicy as { Statement: Array<Record<string, unknown>> }).Statement,
    );
    const forCloudWatch = keyStatements.filter((st) =>
      JSON.stringify(st.Principal).includes('cloudwatch.amazonaws.com'),
    );
    expect(forCloudWatch).toHaveLength(1);
    expect(forCloudWatch[0]?.Condition).toEqual(publish[0]?.Condition);
    // AWS Backup announces failed jobs on the same topic, for this account's vaults only.
    const backupPublish = statements.filter(
      (st) => st.Effect === 'Allow' && JSON.stringify(st.Principal).includes('backup.amazonaws.com'),
    );
    expect(backupPublish).toEqual([
      expect.objectContaining({
        Action: 'sns:Publish',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111122223333' },
          ArnLike: { 'aws:SourceArn': partitionArn(':backup:ap-southeast-3:111122223333:backup-vault:*') },
        },
      }),
    ]);
    expect(
      keyStatements.filter((st) => JSON.stringify(st.Principal).includes('backup.amazonaws.com')),
    ).toHaveLength(1);
    papuaFull.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'alarm@example.go.id',
      TopicArn: { Ref: topicId },
    });
    // The shipped jawa-tengah settings hold a placeholder address: synth warns, deploy refuses.
    Annotations.fromStack(jt.stack).hasWarning('*', Match.stringLikeRegexp('alarmEmail .* is a placeholder'));
  });

  it('notify when they fire and when they clear (OK), every one of them', () => {
    for (const s of [jt, papuaFull, fallbacks]) {
      const [topicId] = only(ofType(s, 'AWS::SNS::Topic'));
      for (const [id, alarm] of alarmsOf(s)) {
        expect(alarm.AlarmActions, id).toEqual([{ Ref: topicId }]);
        expect(alarm.OKActions, id).toEqual([{ Ref: topicId }]);
      }
    }
  });

  it(`are at most ${MAX_ALARMS} per province, one per symptom`, () => {
    const symptoms = (s: Synth) =>
      alarmsOf(s)
        .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))
        .sort();
    for (const s of [jt, papuaDefaults, papuaFull, jtRestored, fallbacks]) {
      expect(alarmsOf(s).length).toBeLessThanOrEqual(MAX_ALARMS);
    }
    const groups = Math.ceil(ownFunctionIds(jt).length / METRICS_PER_EXPRESSION);
    expect(symptoms(jt)).toEqual(
      [
        'Api5xxRateAlarm',
        ...Array.from({ length: groups }, (_, i) => `FunctionErrorsAlarm${i + 1}`),
        'TableThrottlesAlarm',
        'ReportJobHeartbeatAlarm',
        'ReportScheduleDeadLetterAlarm',
        'ImportsDeadLetterAlarm',
        'SignInRiskAlarm',
      ].sort(),
    );
    // Essentials has no threat protection, so no risk metrics to watch.
    expect(symptoms(fallbacks)).not.toContain('SignInRiskAlarm');
  });

  it('fire on a 5xx rate over two of three 5-minute periods, not on one failed request', () => {
    const [, alarm] = only(alarmsOf(jt).filter(([id]) => id.startsWith('Api5xxRate')));
    const metrics = alarm.Metrics as Array<{
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string } };
    }>;
    const expression = metrics.find((m) => m.Expression);

    expect(expression?.Expression).toBe('IF(requests >= 3, 100 * errors / requests, 0)');
    expect(
      metrics
        .map((m) => m.MetricStat?.Metric.MetricName)
        .filter(Boolean)
        .sort(),
    ).toEqual(['5xx', 'Count']);
    expect(alarm).toMatchObject({
      Threshold: 10,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('sum the errors of every function exactly once, at most ten per alarm, two of three periods', () => {
    for (const s of [jt, papuaFull]) {
      const errorAlarms = alarmsOf(s).filter(([id]) => id.startsWith('FunctionErrorsAlarm'));
      const watched = errorAlarms.flatMap(([, a]) => {
        const metrics = a.Metrics as Array<{
          MetricStat?: { Metric: { MetricName: string; Dimensions: { Value: unknown }[] } };
        }>;
        const stats = metrics.filter((m) => m.MetricStat);
        expect(stats.length).toBeLessThanOrEqual(METRICS_PER_EXPRESSION);
        expect(a).toMatchObject({ EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 1 });
        return stats.map((m) => {
          expect(m.MetricStat?.Metric.MetricName).toBe('Errors');
          return refOf(m.MetricStat?.Metric.Dimensions[0]?.Value);
        });
      });
      expect(watched.sort()).toEqual(ownFunctionIds(s).sort());
    }
  });

  it('watch throttles of the table the functions use (the restored one after a restore)', () => {
    const dims = (s: Synth) => {
      const [, alarm] = only(alarmsOf(s).filter(([id]) => id.startsWith('TableThrottles')));
      return (
        alarm.Metrics as Array<{ MetricStat?: { Metric: { MetricName: string; Dimensions: unknown[] } } }>
      )
        .filter((m) => m.MetricStat)
        .map((m) => [m.MetricStat?.Metric.MetricName, m.MetricStat?.Metric.Dimensions]);
    };
    const [tableId] = only(ofType(jt, 'AWS::DynamoDB::GlobalTable'));
    expect(dims(jt)).toEqual([
      ['ReadThrottleEvents', [{ Name: 'TableName', Value: { Ref: tableId } }]],
      ['WriteThrottleEvents', [{ Name: 'TableName', Value: { Ref: tableId } }]],
    ]);
    expect(dims(jtRestored).map(([, d]) => d)).toEqual([
      [{ Name: 'TableName', Value: RESTORED_TABLE }],
      [{ Name: 'TableName', Value: RESTORED_TABLE }],
    ]);
  });

  it('notice a report job that did not run for a day (heartbeat: silence breaches)', () => {
    const [, alarm] = only(alarmsOf(papuaFull).filter(([id]) => id.startsWith('ReportJobHeartbeat')));
    const jobId = papuaFull.stack.getLogicalId(papuaFull.stack.reportJob?.node.defaultChild as never);
    expect(alarm).toMatchObject({
      MetricName: 'Invocations',
      Namespace: 'AWS/Lambda',
      Period: 3600,
      Statistic: 'Sum',
      EvaluationPeriods: 24,
      DatapointsToAlarm: 24,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect(refOf((alarm.Dimensions as { Value: unknown }[])[0]?.Value)).toBe(jobId);
  });

  it('alarm on each report run that failed after its retries (messages sent to the DLQ)', () => {
    const [queueId] = reportDeadLetterQueue(papuaFull);
    const [, alarm] = only(
      alarmsOf(papuaFull).filter(
        ([, a]) => a.MetricName === 'NumberOfMessagesSent' && JSON.stringify(a.Dimensions).includes(queueId),
      ),
    );
    expect(alarm).toMatchObject({ Statistic: 'Sum', Threshold: 1, EvaluationPeriods: 1 });
  });

  it('alarm on an import job that failed three deliveries (messages sent to the import DLQ)', () => {
    const [queueId] = importQueues(papuaFull).dlq;
    const [, alarm] = only(
      alarmsOf(papuaFull).filter(
        ([, a]) => a.MetricName === 'NumberOfMessagesSent' && JSON.stringify(a.Dimensions).includes(queueId),
      ),
    );
    expect(alarm).toMatchObject({ Statistic: 'Sum', Threshold: 1, EvaluationPeriods: 1 });
  });

  it('watch risky sign-ins of this pool (threat protection), three or more in an hour', () => {
    const [poolId] = only(ofType(jt, 'AWS::Cognito::UserPool'));
    const [, alarm] = only(alarmsOf(jt).filter(([id]) => id.startsWith('SignInRisk')));
    const metrics = (
      alarm.Metrics as Array<{ MetricStat?: { Metric: Record<string, unknown>; Period: number } }>
    ).filter((m) => m.MetricStat);
    expect(metrics).toHaveLength(SIGN_IN_RISK_METRICS.length);
    for (const m of metrics) {
      expect(m.MetricStat?.Metric.Namespace).toBe('AWS/Cognito');
      expect(m.MetricStat?.Metric.Dimensions).toEqual(
        expect.arrayContaining([{ Name: 'UserPoolId', Value: { Ref: poolId } }]),
      );
      expect(m.MetricStat?.Period).toBe(3600);
    }
    expect(alarm).toMatchObject({ Threshold: 3, EvaluationPeriods: 1 });
  });
});

// --- backups and restore ----------------------------------------------------------------------

describe('backups', () => {
  it('run daily into a vault of this region, kept 35 days, never copied elsewhere', () => {
    const [vaultId, vault] = only(ofType(jt, 'AWS::Backup::BackupVault'));
    const [, plan] = only(ofType(jt, 'AWS::Backup::BackupPlan'));
    const rules = (plan.BackupPlan as { BackupPlanRule: Array<Record<string, unknown>> }).BackupPlanRule;
    const [rule] = rules;

    expect(rules).toHaveLength(1);
    expect(rule).toMatchObject({
      RuleName: 'daily-35-days',
      ScheduleExpression: 'cron(0 20 * * ? *)',
      Lifecycle: { DeleteAfterDays: BACKUP_RETENTION_DAYS },
      TargetBackupVault: { 'Fn::GetAtt': [vaultId, 'BackupVaultName'] },
    });
    expect(BACKUP_RETENTION_DAYS).toBe(35);
    // Data residency: no copy action, so no recovery point leaves ap-southeast-3.
    expect(rule?.CopyActions).toBeUndefined();
    expect(jt.stack.region).toBe('ap-southeast-3');
    expect(jt.resources[vaultId]).toMatchObject({ DeletionPolicy: 'RetainExceptOnCreate' });
    // Failed backup and restore jobs are announced on the alarm topic.
    const [topicId] = only(ofType(jt, 'AWS::SNS::Topic'));
    expect(vault.Notifications).toEqual({
      BackupVaultEvents: ['BACKUP_JOB_FAILED', 'RESTORE_JOB_FAILED'],
      SNSTopicArn: { Ref: topicId },
    });
  });

  it('cover the table and the report bucket, with a role only AWS Backup of this account assumes', () => {
    for (const s of [jt, jtRestored]) {
      const [, selection] = only(ofType(s, 'AWS::Backup::BackupSelection'));
      const spec = selection.BackupSelection as { Resources: unknown[]; IamRoleArn: unknown };
      const bucketId = s.stack.getLogicalId(s.stack.reports.bucket.node.defaultChild as never);
      const expectedTable =
        s === jt
          ? { 'Fn::GetAtt': [only(ofType(s, 'AWS::DynamoDB::GlobalTable'))[0], 'Arn'] }
          : JSON.parse(JSON.stringify(s.stack.resolve(s.stack.activeTable.tableArn)));
      expect(spec.Resources).toEqual([expectedTable, { 'Fn::GetAtt': [bucketId, 'Arn'] }]);
      const role = s.resources[refOf(spec.IamRoleArn)]?.Properties ?? {};
      expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('backup.amazonaws.com');
      expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
      expect(JSON.stringify(role.ManagedPolicyArns)).toEqual(
        JSON.stringify(
          BACKUP_ROLE_POLICIES.map((p) => ({
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${p}`]],
          })),
        ),
      );
    }
  });
});

describe('a point-in-time restore (restoredTableName)', () => {
  it('leaves the stack table exactly as it is: nothing is replaced', () => {
    const [id, before] = only(ofType(jt, 'AWS::DynamoDB::GlobalTable'));
    const [idAfter, after] = only(ofType(jtRestored, 'AWS::DynamoDB::GlobalTable'));
    expect(idAfter).toBe(id);
    expect(after).toEqual(before);
    expect(
      compareStateful(statefulSnapshot(jt.template.toJSON()), statefulSnapshot(jtRestored.template.toJSON())),
    ).toEqual({
      dangers: [],
      added: [],
    });
  });

  it('points every function, its grants and the outputs at the restored table', () => {
    const restoredArn = `:dynamodb:ap-southeast-3:000000000000:table/${RESTORED_TABLE}`;
    const [keyId] = only(ofType(jtRestored, 'AWS::KMS::Key').filter(([id]) => id.startsWith('DataKey')));
    const ours = new Set(ownFunctionIds(jtRestored));
    const functions = ofType(jtRestored, 'AWS::Lambda::Function').filter(([id]) => ours.has(id));
    expect(functions.length).toBe(ours.size);
    for (const [id, fn] of functions) {
      const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.TABLE_NAME, id).toBe(RESTORED_TABLE);
      for (const st of functionStatements(jtRestored, id)) {
        const text = JSON.stringify(st.Resource);
        if (actions(st)[0]?.startsWith('dynamodb:')) {
          expect(st.Resource).toEqual([
            partitionArn(restoredArn),
            ...tableDefinition.globalSecondaryIndexes.map((i) =>
              partitionArn(`${restoredArn}/index/${i.indexName}`),
            ),
          ]);
        }
        // The restored table is encrypted with the stack's key (the drill restores with it).
        if (actions(st)[0]?.startsWith('kms:')) expect(text).toContain(keyId);
      }
    }
    const outputs = jtRestored.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.ActiveTableName?.Value).toBe(RESTORED_TABLE);
    expect(refOf(outputs.TableName?.Value)).toBe(only(ofType(jtRestored, 'AWS::DynamoDB::GlobalTable'))[0]);
  });
});

// --- safe updates -----------------------------------------------------------------------------

describe('stateful resources', () => {
  it('match the pinned snapshot (npm run stateful-snapshot rewrites it after a reviewed change)', () => {
    const current = statefulSnapshot(jt.template.toJSON());
    const pinned = readSnapshot();
    const { dangers, added } = compareStateful(pinned, current);

    expect(dangers, 'a change would replace, remove or unprotect a stateful resource').toEqual([]);
    expect(added, 'new stateful resources: pin them with npm run stateful-snapshot').toEqual([]);
    expect(current).toEqual(pinned);
  });

  it('are the table, the user pool, the buckets, the keys and the backup vault', () => {
    const types = Object.values(statefulSnapshot(jt.template.toJSON())).map((e) => e.type);
    expect([...new Set(types)].sort()).toEqual(
      [
        'AWS::Backup::BackupVault',
        'AWS::Cognito::UserPool',
        'AWS::DynamoDB::GlobalTable',
        'AWS::KMS::Key',
        'AWS::S3::Bucket',
      ].sort(),
    );
    expect(STATEFUL_TYPES).toContain('AWS::DynamoDB::Table');
  });

  it('take their replacement-causing properties from the CDK CLI spec database (what cdk diff uses)', () => {
    const props = replacementProperties();
    expect(props.get('AWS::DynamoDB::GlobalTable')).toEqual([
      'KeySchema',
      'LocalSecondaryIndexes',
      'TableName',
    ]);
    expect(props.get('AWS::S3::Bucket')).toEqual(expect.arrayContaining(['BucketName', 'ObjectLockEnabled']));
    expect(props.get('AWS::Backup::BackupVault')).toEqual(['BackupVaultName', 'EncryptionKeyArn']);
  });

  it('a changed key schema, a removed bucket or a retyped table is caught', () => {
    const base = statefulSnapshot(jt.template.toJSON());
    const [tableId, table] =
      Object.entries(base).find(([, e]) => e.type === 'AWS::DynamoDB::GlobalTable') ?? [];
    const [bucketId] = Object.entries(base).find(([, e]) => e.type === 'AWS::S3::Bucket') ?? [];
    if (!tableId || !table || !bucketId) throw new Error('fixture: no table or bucket');

    const changedKey = structuredClone(base);
    (changedKey[tableId] as typeof table).replacementProperties.KeySchema = [
      { AttributeName: 'id', KeyType: 'HASH' },
    ];
    expect(compareStateful(base, changedKey).dangers).toEqual([
      expect.stringMatching(/changes KeySchema .*replaces/),
    ]);

    const removed = structuredClone(base);
    delete removed[bucketId];
    expect(compareStateful(base, removed).dangers).toEqual([
      expect.stringContaining(`${bucketId} (AWS::S3::Bucket) leaves`),
    ]);

    const retyped = structuredClone(base);
    (retyped[tableId] as typeof table).type = 'AWS::DynamoDB::Table';
    expect(compareStateful(base, retyped).dangers).toEqual([expect.stringContaining('changes type')]);

    const unprotected = structuredClone(base);
    (unprotected[tableId] as typeof table).deletionPolicy = 'Delete';
    expect(compareStateful(base, unprotected).dangers).toEqual([expect.stringContaining('deletionPolicy')]);
  });

  it('use RetainExceptOnCreate (kept on update and delete, removed when their first deploy fails)', () => {
    for (const s of [jt, papuaFull, fallbacks]) {
      const alarmKey = s.stack.getLogicalId(s.stack.alarms.key.node.defaultChild as never);
      for (const [id, entry] of Object.entries(statefulSnapshot(s.template.toJSON()))) {
        // The alarm topic key encrypts notifications in flight only.
        const expected = id === alarmKey ? ['Delete', 'Delete'] : ['RetainExceptOnCreate', 'Retain'];
        expect([entry.deletionPolicy, entry.updateReplacePolicy], id).toEqual(expected);
      }
    }
  });

  it('a first deploy runs without deletion protection (clean rollback); every later one with it', () => {
    const protection = (s: Synth) => {
      const [, table] = only(ofType(s, 'AWS::DynamoDB::GlobalTable'));
      const [, pool] = only(ofType(s, 'AWS::Cognito::UserPool'));
      return [
        (table.Replicas as { DeletionProtectionEnabled: boolean }[])[0]?.DeletionProtectionEnabled,
        pool.DeletionProtection,
      ];
    };
    expect(protection(jt)).toEqual([true, 'ACTIVE']);
    expect(protection(jtFirst)).toEqual([false, 'INACTIVE']);
    // Switching protection on afterwards replaces nothing.
    expect(
      compareStateful(statefulSnapshot(jtFirst.template.toJSON()), statefulSnapshot(jt.template.toJSON()))
        .dangers,
    ).toEqual([]);
  });

  it("deploy to the account the settings name (jawa-tengah's placeholder until it is set)", () => {
    expect(jt.stack.account).toBe('000000000000');
    expect(papuaFull.stack.account).toBe('111122223333');
  });
});

// --- guarded edges -----------------------------------------------------------------------------

describe('the report job', () => {
  it('runs one at a time (reserved concurrency)', () => {
    for (const s of [jt, papuaFull]) {
      const jobId = s.stack.getLogicalId(s.stack.reportJob?.node.defaultChild as never);
      expect(s_fn(s, jobId).ReservedConcurrentExecutions).toBe(REPORT_JOB_CONCURRENCY);
    }
    expect(REPORT_JOB_CONCURRENCY).toBe(1);
    // No other function reserves concurrency (it would shrink the account's shared pool).
    const reserved = ofType(jt, 'AWS::Lambda::Function').filter(
      ([, f]) => f.ReservedConcurrentExecutions !== undefined,
    );
    expect(reserved).toHaveLength(1);
  });
});

describe('CloudTrail', () => {
  it('records management events of every region, validated, in a private bucket with access logs', () => {
    const [, trail] = only(ofType(jt, 'AWS::CloudTrail::Trail'));
    expect(trail).toMatchObject({
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
    });
    expect(trail.AdvancedEventSelectors).toBeUndefined();
    const bucket = jt.resources[refOf(trail.S3BucketName)];
    expect(bucket?.Type).toBe('AWS::S3::Bucket');
    expect(bucket).toMatchObject({ DeletionPolicy: 'RetainExceptOnCreate' });
    expect(bucket?.Properties?.PublicAccessBlockConfiguration).toMatchObject({ RestrictPublicBuckets: true });
    expect(JSON.stringify(bucket?.Properties?.LoggingConfiguration)).toContain('trail-bucket/');
  });

  it("adds the table's data events when tableDataEvents is set, and is off when cloudTrail.enabled is false", () => {
    const [, trail] = only(ofType(papuaFull, 'AWS::CloudTrail::Trail'));
    const [tableId] = only(ofType(papuaFull, 'AWS::DynamoDB::GlobalTable'));
    expect(trail.EventSelectors).toBeUndefined();
    expect(trail.AdvancedEventSelectors).toEqual([
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      {
        Name: 'Program table data events',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
          { Field: 'resources.ARN', Equals: [{ 'Fn::GetAtt': [tableId, 'Arn'] }] },
        ],
      },
    ]);
    expect(ofType(fallbacks, 'AWS::CloudTrail::Trail')).toEqual([]);
  });
});

describe('the cost budget', () => {
  it('lives in a us-east-1 stack of its own (no AWS::Budgets::Budget in ap-southeast-3) and e-mails at 80 % actual and 100 % forecast', () => {
    const app = new App({ context: NO_BUNDLING });
    const budgetStack = addBudgetStack(app, papua, papuaComplete);
    if (!budgetStack) throw new Error('expected a budget stack');
    const [, budget] = only(
      Object.entries(Template.fromStack(budgetStack).toJSON().Resources as Resources).map(
        ([id, r]) => [id, r.Properties ?? {}] as const,
      ),
    );

    expect(budgetStack.region).toBe('us-east-1');
    expect(budgetStack.stackName).toBe('Pascarehab-Papua-Budget');
    expect(budget.Budget).toEqual({
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: 50, Unit: 'USD' },
    });
    const notifications = budget.NotificationsWithSubscribers as Array<
      Record<string, Record<string, unknown>>
    >;
    expect(notifications.map((n) => [n.Notification?.NotificationType, n.Notification?.Threshold])).toEqual([
      ['ACTUAL', 80],
      ['FORECASTED', 100],
    ]);
    for (const n of notifications) {
      expect(n.Subscribers).toEqual([{ SubscriptionType: 'EMAIL', Address: 'alarm@example.go.id' }]);
    }
    // Off by setting, or without an address to alert.
    expect(addBudgetStack(new App(), papua, papuaFallbacks)).toBeUndefined();
    expect(addBudgetStack(new App(), papua, loadSettings(papua))).toBeUndefined();
  });
});

describe('ap-southeast-3 (CDK validates every resource type against the region)', () => {
  it('fails the synth for a resource type the region does not offer', () => {
    const app = new App({ context: NO_BUNDLING });
    const stack = new Stack(app, 'Probe', { env: { account: '111122223333', region: 'ap-southeast-3' } });
    // The budget construct in Jakarta: AWS's schema for the region has no such type.
    new CostBudget(stack, 'Cost', { monthlyUsd: 1, email: 'it@example.go.id' });
    expect(() => app.synth()).toThrow(/AWS::Budgets::Budget.*ap-southeast-3|does not exist/s);
  });
});

describe('region fallbacks', () => {
  it('switch Cognito to Essentials, Lambda to x86_64 and the table to AWS::DynamoDB::Table', () => {
    const [, pool] = only(ofType(fallbacks, 'AWS::Cognito::UserPool'));
    expect(pool.UserPoolTier).toBe('ESSENTIALS');
    expect(pool.UserPoolAddOns).toBeUndefined();
    for (const id of ownFunctionIds(fallbacks))
      expect(s_fn(fallbacks, id).Architectures, id).toEqual(['x86_64']);
    expect(ofType(fallbacks, 'AWS::DynamoDB::GlobalTable')).toEqual([]);
    const [, table] = only(ofType(fallbacks, 'AWS::DynamoDB::Table'));
    expect(table).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    });
    expect((table.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName)).toEqual(
      tableDefinition.globalSecondaryIndexes.map((i) => i.indexName),
    );
  });

  it('sends Cognito e-mail through SES from sesFromAddress', () => {
    const [, pool] = only(ofType(papuaFull, 'AWS::Cognito::UserPool'));
    expect(pool.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Pascarehab Papua <pascarehab@bnnp-papua.example.go.id>',
      SourceArn: partitionArn(
        ':ses:ap-southeast-3:111122223333:identity/pascarehab@bnnp-papua.example.go.id',
      ),
    });
    const [, defaults] = only(ofType(jt, 'AWS::Cognito::UserPool'));
    expect(JSON.stringify(defaults.EmailConfiguration ?? {})).not.toContain('DEVELOPER');
  });
});

// --- the forms --------------------------------------------------------------------------------

describe('the forms hosting', () => {
  const resolve = (s: Synth, value: unknown) => JSON.parse(JSON.stringify(s.stack.resolve(value)));

  it('keeps the build in a private bucket that only this distribution reads (origin access control)', () => {
    const bucketId = jt.stack.getLogicalId(jt.stack.forms.bucket.node.defaultChild as never);
    const bucket = jt.resources[bucketId];
    expect(bucket).toMatchObject({ DeletionPolicy: 'RetainExceptOnCreate' });
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { LogFilePrefix: 'forms-bucket/' },
    });
    const [, oac] = only(ofType(jt, 'AWS::CloudFront::OriginAccessControl'));
    expect(oac.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const [, policy] = only(
      ofType(jt, 'AWS::S3::BucketPolicy').filter(([, p]) => refOf(p.Bucket) === bucketId),
    );
    const statements = (policy.PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
    const read = statements.find((st) => st.Effect === 'Allow');
    expect(read).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
    });
    expect(JSON.stringify(read?.Condition)).toContain(distributionId(jt));
  });

  it('serves HTTPS only, index.html for app paths (SPA), from Asian edge locations', () => {
    const [, distribution] = only(ofType(jt, 'AWS::CloudFront::Distribution'));
    const config = distribution.DistributionConfig as Record<string, unknown>;
    const behavior = config.DefaultCacheBehavior as Record<string, unknown>;
    const [origin] = config.Origins as Array<Record<string, unknown>>;

    expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(refOf(behavior.ResponseHeadersPolicyId)).toBe(
      jt.stack.getLogicalId(jt.stack.forms.headers.node.defaultChild as never),
    );
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
    expect(config.PriceClass).toBe('PriceClass_200');
    expect(refOf((origin as { OriginAccessControlId: unknown }).OriginAccessControlId)).toMatch(
      /OriginAccessControl/,
    );
    expect(origin?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    // The CloudFront domain: no alias, CloudFront's certificate.
    expect(config.Aliases).toBeUndefined();
  });

  it('serves a custom formsOrigin under its us-east-1 certificate with TLS 1.2 at least', () => {
    const [, distribution] = only(ofType(papuaFull, 'AWS::CloudFront::Distribution'));
    const config = distribution.DistributionConfig as Record<string, unknown>;
    expect(config.Aliases).toEqual(['forms.example.go.id']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn:
        'arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  it('sends the CSP of shared/web-headers.ts plus the API and Cognito origins, HSTS, DENY, nosniff, no-referrer', () => {
    for (const s of [jt, papuaFull]) {
      const [, policy] = only(ofType(s, 'AWS::CloudFront::ResponseHeadersPolicy'));
      const security = (
        policy.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, unknown> }
      ).SecurityHeadersConfig;
      const api =
        s === papuaFull ? s.stack.api.api.apiEndpoint : 'https://*.execute-api.ap-southeast-3.amazonaws.com';
      const expected = contentSecurityPolicy({
        connectSrc: [api, s.stack.users.domain.baseUrl(), 'https://cognito-idp.ap-southeast-3.amazonaws.com'],
      });

      expect(security.ContentSecurityPolicy).toEqual({
        ContentSecurityPolicy: resolve(s, expected),
        Override: true,
      });
      expect(security).toMatchObject({
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
          IncludeSubdomains: true,
          Override: true,
        },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      });
    }
    // With the CloudFront domain the CSP cannot name the API itself (the API's CORS names the
    // distribution): this region's execute-api hosts. A custom origin names the API exactly.
    const csp = (s: Synth) =>
      JSON.stringify(
        only(ofType(s, 'AWS::CloudFront::ResponseHeadersPolicy'))[1].ResponseHeadersPolicyConfig,
      );
    expect(csp(jt)).toContain(
      "connect-src 'self' https://*.execute-api.ap-southeast-3.amazonaws.com https://",
    );
    expect(csp(papuaFull)).not.toContain('*.execute-api');
    expect(csp(papuaFull)).toContain('ApiEndpoint');
    expect(csp(jt)).toContain("frame-ancestors 'none'");
  });

  it('publishes the build and a config.json of deploy-time values, pruning old files and emptying the cache', () => {
    const [, deployment] = only(ofType(papuaFull, 'Custom::CDKBucketDeployment'));
    const [apiId] = only(ofType(papuaFull, 'AWS::ApiGatewayV2::Api'));
    const [poolId] = only(ofType(papuaFull, 'AWS::Cognito::UserPool'));
    const [clientId] = only(ofType(papuaFull, 'AWS::Cognito::UserPoolClient'));
    const [domainId] = only(ofType(papuaFull, 'AWS::Cognito::UserPoolDomain'));

    expect(deployment).toMatchObject({
      Prune: true,
      DistributionId: { Ref: distributionId(papuaFull) },
      DistributionPaths: ['/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DestinationBucketName: {
        Ref: papuaFull.stack.getLogicalId(papuaFull.stack.forms.bucket.node.defaultChild as never),
      },
    });
    // Two sources: the build, and config.json whose markers CloudFormation fills in.
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    expect(Object.values((deployment.SourceMarkers as Record<string, unknown>[])[1] ?? {})).toEqual([
      { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] },
      { 'Fn::GetAtt': [poolId, 'ProviderURL'] },
      { Ref: clientId },
      { Ref: domainId },
    ]);

    const config = resolve(papuaFull, papuaFull.stack.forms.config);
    expect(Object.keys(config).sort()).toEqual(
      ['apiUrl', 'issuer', 'clientId', 'logoutUrl', 'timeZone', 'offices', 'province', 'provinceName'].sort(),
    );
    expect(config).toEqual({
      apiUrl: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] },
      issuer: { 'Fn::GetAtt': [poolId, 'ProviderURL'] },
      clientId: { Ref: clientId },
      logoutUrl: {
        'Fn::Join': ['', ['https://', { Ref: domainId }, '.auth.ap-southeast-3.amazoncognito.com/logout']],
      },
      timeZone: 'Asia/Jayapura',
      offices: ['bapas-jayapura', 'bnnp-papua'],
      province: 'papua',
      provinceName: 'Papua',
    });
  });

  it('outputs FormsUrl: the custom origin or the CloudFront domain', () => {
    const outputs = (s: Synth) => s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs(papuaFull).FormsUrl?.Value).toBe('https://forms.example.go.id');
    expect(outputs(jt).FormsUrl?.Value).toEqual(cloudFrontOrigin(jt));
  });
});

// --- cost ---------------------------------------------------------------------------------------

describe('the cost per province (docs/deployment.md)', () => {
  it("is the cost script's table for jawa-tengah's template, counted from its resources", () => {
    const docs = readFileSync(fileURLToPath(new URL('../../docs/deployment.md', import.meta.url)), 'utf8');
    const block = /<!-- cost:begin -->\n([\s\S]*?)\n<!-- cost:end -->/.exec(docs)?.[1];
    const template = jt.template.toJSON();

    expect(block, 'regenerate with: npm run ops:cost -- jawa-tengah').toBe(costTable(template));
    // The counts behind it: two keys (table, alarm topic), and the alarm metrics.
    const fixed = fixedCosts(template);
    expect(fixed[0]).toMatchObject({ item: 'KMS keys', count: ofType(jt, 'AWS::KMS::Key').length });
    expect(fixed[1]?.count).toBe(alarmMetrics(template));
    expect(alarmMetrics(template)).toBeGreaterThan(ofType(jt, 'AWS::CloudWatch::Alarm').length);
  });
});
