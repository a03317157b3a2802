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
import { FALLBACK_HANDLER, routes } from '../../functions/routes';
import { addProvinceStack, addSecurityChecks } from '../../infra/assembly';
import {
  ESM_REQUIRE_BANNER,
  PascarehabFunction,
  TABLE_ACTIONS,
  TABLE_KEY_ACTIONS,
} from '../../infra/constructs/pascarehab-function';
import { reportJobExists } from '../../infra/paths';
import { provinceBySlug } from '../../infra/provinces';
import { type LoadedSettings, parseSettings } from '../../infra/settings';
import type { ProvinceStack } from '../../infra/stack';
import { ROLES } from '../../shared/domain/actor';
import { tableDefinition } from '../../shared/table';

/**
 * Template tests of the province stack. Each configuration is synthesized once (bundling
 * skipped: `npm run synth -- jawa-tengah` proves the bundles, and one test below bundles one
 * function for real). Synthesis itself runs cdk-nag: an open finding throws in beforeAll.
 */

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>;

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const STAND_IN_JOB = fileURLToPath(new URL('./fixtures/period-end-job.ts', import.meta.url));
const papua = provinceBySlug('papua');
const jawaTengah = provinceBySlug('jawa-tengah');

/** Papua with every optional setting, and the report job (stand-in handler). */
const papuaComplete: LoadedSettings = parseSettings(
  papua,
  {
    alarmEmail: 'alarm@example.go.id',
    formsOrigin: 'https://forms.example.go.id',
    reportScheduleHour: 7,
    offices: [
      { code: 'bapas-jayapura', name: 'Bapas Jayapura' },
      { code: 'bnnp-papua', name: 'BNNP Papua' },
    ],
  },
  'test',
);

interface Synth {
  stack: ProvinceStack;
  template: Template;
  resources: Resources;
}

function synth(stack: ProvinceStack): Synth {
  const template = Template.fromStack(stack);
  return { stack, template, resources: template.toJSON().Resources as Resources };
}

let jt: Synth;
let papuaDefaults: Synth;
let papuaFull: Synth;

beforeAll(() => {
  // Two provinces side by side in one app, as they would share an account.
  const app = new App({ context: NO_BUNDLING });
  addSecurityChecks(app);
  const jtStack = addProvinceStack(app, jawaTengah);
  const papuaStack = addProvinceStack(app, papua);
  jt = synth(jtStack);
  papuaDefaults = synth(papuaStack);

  const full = new App({ context: NO_BUNDLING });
  addSecurityChecks(full);
  papuaFull = synth(addProvinceStack(full, papua, papuaComplete, { reportJobEntry: STAND_IN_JOB }));
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

// --- cdk-nag -----------------------------------------------------------------------------------

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing open in any configuration', () => {
    // beforeAll already synthesized with the checks (a finding throws); this says which.
    for (const s of [jt, papuaDefaults, papuaFull]) {
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
      const bare = addProvinceStack(app, papua, papuaComplete, { reportJobEntry: STAND_IN_JOB });
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
  });

  it('outputs the API URL, the user pool and client ids and the bucket name', () => {
    for (const s of [jt, papuaFull]) {
      const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(Object.keys(outputs)).toEqual(
        expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'ReportBucketName']),
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

  it('is on-demand, with PITR, deletion protection, RETAIN and a rotated customer-managed key', () => {
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
    expect(jt.resources[tableId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(key.EnableKeyRotation).toBe(true);
    expect(jt.resources[keyId]).toMatchObject({ DeletionPolicy: 'Retain' });
  });
});

describe('the report bucket', () => {
  const reportBucket = (s: Synth) => {
    const id = s.stack.getLogicalId(s.stack.reports.bucket.node.defaultChild as never);
    return { id, props: s.resources[id]?.Properties ?? {}, resource: s.resources[id] };
  };

  it('is versioned, encrypted, private, RETAIN, and logs access to a separate bucket', () => {
    const { id, props, resource } = reportBucket(jt);
    const logBucketId = jt.stack.getLogicalId(jt.stack.reports.accessLogBucket.node.defaultChild as never);

    expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
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

  it('has a forms client without secret that reads custom:office but cannot write it', () => {
    const [, client] = only(ofType(jt, 'AWS::Cognito::UserPoolClient'));

    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(client.ReadAttributes).toContain('custom:office');
    // A user able to write custom:office could move into another office's data.
    expect(client.WriteAttributes).toEqual(['name']);
  });
});

// --- API and functions -------------------------------------------------------------------------

describe('the HTTP API', () => {
  it('has one route per route table entry plus $default, each on its own function', () => {
    const keys = ofType(jt, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.RouteKey);
    expect(keys.sort()).toEqual([...routes.map(routeKeyOf), '$default'].sort());

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

  it('allows CORS for the forms origin only, with an unauthorized preflight route', () => {
    const [, api] = only(ofType(papuaFull, 'AWS::ApiGatewayV2::Api'));
    expect(api.CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://forms.example.go.id'],
      AllowHeaders: expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
    });
    const [, preflight] = only(
      ofType(papuaFull, 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.RouteKey === 'OPTIONS /{proxy+}'),
    );
    expect(preflight.AuthorizationType).toBe('NONE');

    // Without a forms origin: no CORS and no preflight route.
    const [, plain] = only(ofType(jt, 'AWS::ApiGatewayV2::Api'));
    expect(plain.CorsConfiguration).toBeUndefined();
    expect(ofType(jt, 'AWS::ApiGatewayV2::Route').some(([, r]) => r.RouteKey === 'OPTIONS /{proxy+}')).toBe(
      false,
    );
  });
});

describe('the functions', () => {
  it('all run nodejs22.x on ARM64 with an explicit log group and the province environment', () => {
    for (const [s, timeZone] of [
      [jt, 'Asia/Jakarta'],
      [papuaFull, 'Asia/Jayapura'],
    ] as const) {
      const functions = ofType(s, 'AWS::Lambda::Function');
      expect(functions.length).toBe(s.stack.allFunctions().length);
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

  it('have roles without managed policies and no wildcard action anywhere', () => {
    for (const s of [jt, papuaFull]) {
      for (const [id, role] of ofType(s, 'AWS::IAM::Role')) {
        expect(role.ManagedPolicyArns, id).toBeUndefined();
      }
      for (const [id, policy] of ofType(s, 'AWS::IAM::Policy')) {
        for (const statement of (policy.PolicyDocument as { Statement: Statement[] }).Statement) {
          for (const action of actions(statement)) expect(action, `${id}: ${action}`).not.toContain('*');
          expect(JSON.stringify(statement.Resource), id).not.toMatch(/"\*"|index\/\*/);
        }
      }
    }
  });

  it.each(routes.map((r) => [routeKeyOf(r), r.table, r.reports ?? []] as const))(
    '%s gets exactly the table access its route declares (%s), and report objects only if it says so',
    (routeKey, access, reports) => {
      const statements = functionStatements(jt, functionOfRoute(jt, routeKey));
      const expectedTable = access === 'read' ? TABLE_ACTIONS.RO : access === 'write' ? TABLE_ACTIONS.RW : [];
      const expectedKey =
        access === 'read' ? TABLE_KEY_ACTIONS.RO : access === 'write' ? TABLE_KEY_ACTIONS.RW : [];

      expect(tableActionsOf(statements)).toEqual([...expectedTable].sort());
      expect(keyActionsOf(statements)).toEqual([...expectedKey].sort());
      // Only the function's own log group besides the table, and S3 only for report routes.
      const services = new Set(statements.flatMap(actions).map((a) => a.split(':')[0]));
      expect([...services].sort()).toEqual(
        [
          ...(access === 'none' ? ['logs'] : ['dynamodb', 'kms', 'logs']),
          ...(reports.length ? ['s3'] : []),
        ].sort(),
      );
      const s3 = statements.filter((st) => actions(st)[0]?.startsWith('s3:'));
      expect(s3.flatMap(actions).sort()).toEqual(
        [
          ...(reports.includes('read') ? ['s3:GetObject'] : []),
          ...(reports.includes('write') ? ['s3:PutObject'] : []),
        ].sort(),
      );
      for (const st of s3) expect(JSON.stringify(st.Resource)).toContain('/reports/*');
      for (const statement of statements.filter((st) => actions(st)[0]?.startsWith('kms:'))) {
        expect(statement.Condition).toEqual({
          StringEquals: { 'kms:ViaService': 'dynamodb.ap-southeast-3.amazonaws.com' },
        });
      }
    },
  );

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
    const [queueId] = only(ofType(papuaFull, 'AWS::SQS::Queue'));

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
    const [queueId, queue] = only(ofType(papuaFull, 'AWS::SQS::Queue'));

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

// --- alarms ------------------------------------------------------------------------------------

describe('the alarms', () => {
  it('go to an encrypted SNS topic with the e-mail subscription from the settings', () => {
    const [topicId, topic] = only(ofType(papuaFull, 'AWS::SNS::Topic'));
    expect(topic.KmsMasterKeyId).toBeDefined();
    // The topic key lets CloudWatch use it only for this account's alarms (confused deputy).
    const keyStatements = ofType(papuaFull, 'AWS::KMS::Key').flatMap(
      ([, k]) => (k.KeyPolicy as { Statement: Array<Record<string, unknown>> }).Statement,
    );
    const forCloudWatch = keyStatements.filter((st) =>
      JSON.stringify(st.Principal).includes('cloudwatch.amazonaws.com'),
    );
    expect(forCloudWatch).toHaveLength(1);
    expect(JSON.stringify(forCloudWatch[0]?.Condition)).toContain('aws:SourceAccount');
    expect(JSON.stringify(forCloudWatch[0]?.Condition)).toContain(':alarm:*');
    papuaFull.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'alarm@example.go.id',
      TopicArn: { Ref: topicId },
    });
    // No e-mail configured: no subscription (and a synth warning).
    expect(ofType(jt, 'AWS::SNS::Subscription')).toEqual([]);
    Annotations.fromStack(jt.stack).hasWarning('*', Match.stringLikeRegexp('no alarmEmail'));

    for (const [id, alarm] of ofType(papuaFull, 'AWS::CloudWatch::Alarm')) {
      expect(alarm.AlarmActions, id).toEqual([{ Ref: topicId }]);
    }
  });

  it('watch API 5xx, every function for errors and throttles, and the report DLQ', () => {
    const alarms = ofType(papuaFull, 'AWS::CloudWatch::Alarm').map(([, a]) => a);
    const functionIds = ofType(papuaFull, 'AWS::Lambda::Function').map(([id]) => id);
    const watching = (metricName: string, namespace: string) =>
      alarms.filter((a) => a.MetricName === metricName && a.Namespace === namespace);

    expect(watching('5xx', 'AWS/ApiGateway')).toHaveLength(1);
    for (const metric of ['Errors', 'Throttles']) {
      const watched = watching(metric, 'AWS/Lambda').map((a) =>
        refOf((a.Dimensions as { Name: string; Value: unknown }[])[0]?.Value),
      );
      expect(watched.sort()).toEqual([...functionIds].sort());
    }
    const [queueId] = only(ofType(papuaFull, 'AWS::SQS::Queue'));
    // Messages sent, so that each new failure alarms even while older ones wait in the queue.
    const [dlqAlarm] = watching('NumberOfMessagesSent', 'AWS/SQS');
    expect(JSON.stringify(dlqAlarm?.Dimensions)).toContain(queueId);
    expect(dlqAlarm?.Statistic).toBe('Sum');
    expect(alarms).toHaveLength(1 + 2 * functionIds.length + 1);
  });
});
