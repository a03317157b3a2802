import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../shared/table';
import { BUNDLE } from '../bundling';
import { REPO_ROOT } from '../paths';

/**
 * The one runtime every function uses. nodejs22.x: the bundle targets node22 and the team runs
 * and measures the code on Node 22 semantics; moving to a newer runtime is a
 * deliberate, tested change made here, in one line, not a side effect of a CDK upgrade.
 */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

/** The bundle's `require` banner (infra/bundling.ts: the settings every bundle is built with). */
export const ESM_REQUIRE_BANNER = BUNDLE.banner;

/**
 * DynamoDB actions per access mode: exactly the calls the repository layer (shared/data,
 * shared/services) makes. RO: GetItem, BatchGetItem, Query. RW adds the item writes a
 * TransactWriteItems is made of (Put, Update, Delete, ConditionCheck). Scan is left out on
 * purpose: a full-table read bypasses the office scoping the keys carry. test/infra checks that
 * every SDK command the code uses is covered here.
 */
export const TABLE_ACTIONS = {
  RO: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  /** Reads and adds items, never changes or deletes one (the report job's record + audit). */
  APPEND: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
  RW: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const;

/**
 * KMS actions on the table's customer-managed key, spelled out (no `kms:GenerateDataKey*`
 * style wildcards). They mirror aws-cdk-lib's grantReadData / grantReadWriteData key actions
 * with the wildcards expanded to the symmetric-key actions they stand for, and the statement
 * is conditioned on kms:ViaService, so the role can use the key only through DynamoDB, never
 * to decrypt anything directly.
 */
export const TABLE_KEY_ACTIONS = {
  RO: ['kms:Decrypt', 'kms:DescribeKey'],
  APPEND: [
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
  ],
  RW: [
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
  ],
} as const;

export type AccessMode = 'RO' | 'APPEND' | 'RW';

export interface PascarehabFunctionProps {
  /** Path under functions/ without extension, e.g. `clients/create-client` (exports `handler`). */
  handler: string;
  /** Absolute entry file instead of functions/<handler>.ts (tests use a stand-in). */
  entry?: string;
  description: string;
  /** Variables every function of the province gets (table, bucket, time zone, log level). */
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** Default 512 MB: the bundled SDK and zod load faster with the CPU share 512 MB brings. */
  memorySize?: number;
  /** Default 10 s: API Gateway gives up at 30 s; a request that needs more is a bug. */
  timeout?: Duration;
  /** Default arm64; x86_64 only where a region lacks arm64 (settings `lambdaArchitecture`). */
  architecture?: 'arm64' | 'x86_64';
  /** Concurrent runs reserved for (and limited to) this function; default: none. */
  reservedConcurrentExecutions?: number;
}

/**
 * Every Lambda function of the province stack (route functions and the report job) is a
 * PascarehabFunction: NodejsFunction on nodejs22.x, ARM64, bundled
 * with esbuild as minified ESM with source maps and the AWS SDK inside the bundle (a fixed,
 * tested SDK version instead of whatever the runtime ships). Each function gets its own
 * log group with a retention, and its own role with no managed policy: the only permissions
 * are writing to that log group plus what bindTable / bindReportBucket add.
 */
export class PascarehabFunction extends NodejsFunction {
  /** The function's own role (also `role`, typed as the concrete Role for policy edits). */
  readonly executionRole: Role;
  /** The handler file under functions/, e.g. "reports/list-reports". */
  readonly handlerName: string;

  constructor(scope: Construct, id: string, props: PascarehabFunctionProps) {
    const entry = props.entry ?? join(REPO_ROOT, 'functions', `${props.handler}.ts`);
    if (!existsSync(entry)) throw new Error(`${entry} does not exist (handler of ${id})`);
    // Created in the parent scope because `this` does not exist before super(); the ids
    // derive from the function's id, so they stay unique per function.
    const logGroup = new LogGroup(scope, `${id}LogGroup`, { retention: props.logRetention });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.handler}`,
    });
    // Instead of AWSLambdaBasicExecutionRole (create and write any log group of the account):
    // write to this log group only.
    // No CreateLogGroup: the group exists before the function runs.
    logGroup.grantWrite(role);

    super(scope, id, {
      entry,
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: props.architecture === 'x86_64' ? Architecture.X86_64 : Architecture.ARM_64,
      ...(props.reservedConcurrentExecutions
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      environment: {
        ...props.environment,
        // Stack traces point at the TypeScript source, through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      // infra/bundling.ts: the same settings the bundle budget builds with.
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE.target,
        mainFields: [...BUNDLE.mainFields],
        banner: BUNDLE.banner,
        minify: BUNDLE.minify,
        sourceMap: BUNDLE.sourceMap,
        sourcesContent: BUNDLE.sourcesContent,
        bundleAwsSDK: true,
        externalModules: [],
      },
    });
    this.executionRole = role;
    this.handlerName = props.handler;
  }

  /**
   * Least-privilege table access in one call: the actions of the mode on the table and on
   * its indexes by name (not `index/*`), the key's actions through DynamoDB only, and
   * TABLE_NAME.
   */
  bindTable({ table, accessMode }: { table: ITable; accessMode: AccessMode }): void {
    const indexArns = tableDefinition.globalSecondaryIndexes.map(
      (index) => `${table.tableArn}/index/${index.indexName}`,
    );
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...TABLE_ACTIONS[accessMode]],
        resources: [table.tableArn, ...indexArns],
      }),
    );
    if (table.encryptionKey) {
      this.executionRole.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: [...TABLE_KEY_ACTIONS[accessMode]],
          resources: [table.encryptionKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
    this.addEnvironment('TABLE_NAME', table.tableName);
  }

  /**
   * Access to report objects under `reports/` only (no delete, no listing, no bucket
   * configuration), plus REPORT_BUCKET: 'write' puts report files (s3:PutObject); 'read'
   * signs download URLs, which act with this role's s3:GetObject.
   */
  bindReportBucket(bucket: IBucket, access: ReadonlyArray<'read' | 'write'> = ['write']): void {
    const actions = [
      ...(access.includes('write') ? ['s3:PutObject'] : []),
      ...(access.includes('read') ? ['s3:GetObject'] : []),
    ];
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions,
        resources: [bucket.arnForObjects(`${REPORT_PREFIX}*`)],
      }),
    );
    this.addEnvironment('REPORT_BUCKET', bucket.bucketName);
  }

  /**
   * Spreadsheet imports: 'upload' signs PUTs of workbooks (s3:PutObject), 'read' reads them
   * (s3:GetObject, which HeadObject needs too), both under imports/ only; 'queue' sends jobs to
   * the import queue (and sets IMPORT_QUEUE_URL). REPORT_BUCKET is set with the bucket.
   */
  bindImports(bucket: IBucket, access: ReadonlyArray<'upload' | 'read' | 'queue'>, queue: IQueue): void {
    const actions = [
      ...(access.includes('upload') ? ['s3:PutObject'] : []),
      ...(access.includes('read') ? ['s3:GetObject'] : []),
    ];
    if (actions.length > 0) {
      this.executionRole.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions,
          resources: [bucket.arnForObjects(`${IMPORT_PREFIX}*`)],
        }),
      );
      this.addEnvironment('REPORT_BUCKET', bucket.bucketName);
    }
    if (access.includes('queue')) {
      this.executionRole.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['sqs:SendMessage'],
          resources: [queue.queueArn],
        }),
      );
      this.addEnvironment('IMPORT_QUEUE_URL', queue.queueUrl);
    }
  }

  /**
   * Officer administration: the directory actions of `access` on this province's user pool
   * only (its ARN, no wildcard), plus USER_POOL_ID.
   */
  bindUserDirectory(userPool: IUserPool, access: keyof typeof DIRECTORY_ACTIONS): void {
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...DIRECTORY_ACTIONS[access]],
        resources: [userPool.userPoolArn],
      }),
    );
    this.addEnvironment('USER_POOL_ID', userPool.userPoolId);
  }
}

/**
 * Cognito actions per directory access (route table `directory`): exactly the calls officer
 * administration makes (docs/api.md). `read` lists and reads officers; `write` adds the
 * changes an admin or kasi makes: invite, edit attributes, move between role groups,
 * disable/enable, and end all sessions of a disabled officer.
 */
export const DIRECTORY_ACTIONS = {
  read: ['cognito-idp:ListUsers', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'],
  write: [
    'cognito-idp:ListUsers',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminListGroupsForUser',
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminUpdateUserAttributes',
    'cognito-idp:AdminAddUserToGroup',
    'cognito-idp:AdminRemoveUserFromGroup',
    'cognito-idp:AdminDisableUser',
    'cognito-idp:AdminEnableUser',
    'cognito-idp:AdminUserGlobalSignOut',
  ],
} as const;

/** Key prefix of report objects in the report bucket. */
export const REPORT_PREFIX = 'reports/';
/** Key prefix of uploaded import workbooks in the report bucket (docs/imports.md). */
export const IMPORT_PREFIX = 'imports/';
