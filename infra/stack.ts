import { existsSync } from 'node:fs';
import {
  Annotations,
  type CfnElement,
  CfnOutput,
  Duration,
  Lazy,
  Stack,
  type StackProps,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import { type ITable, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  AlarmTopic,
  api5xxAlarm,
  functionErrorAlarms,
  reportHeartbeatAlarm,
  signInRiskAlarm,
  tableThrottleAlarm,
} from './constructs/alarms';
import { ProvinceApi } from './constructs/api';
import { ProvinceUsers } from './constructs/auth';
import { BACKUP_ROLE_POLICIES, ProvinceBackup } from './constructs/backup';
import { ProvinceTable, ReportBucket } from './constructs/data';
import { FormsHosting } from './constructs/forms';
import { AuditTrail } from './constructs/governance';
import { ImportWorker } from './constructs/import-worker';
import { FUNCTION_RUNTIME, PascarehabFunction } from './constructs/pascarehab-function';
import { ReportSchedule } from './constructs/report-schedule';
import { FIRST_DEPLOY_CONTEXT } from './names';
import { FORMS_DIST_DIR, REPORT_JOB_ENTRY, REPORT_JOB_HANDLER, reportJobExists } from './paths';
import { type Province, stackName } from './provinces';
import { type RouteDefinition, routes as routeTable } from './routes';
import type { LoadedSettings } from './settings';

/** Concurrent runs of the daily report job: one; a second run waits (or retries). */
export const REPORT_JOB_CONCURRENCY = 1;

export const STACK_FEATURE_FLAGS = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
} as const;

export interface ProvinceStackProps extends StackProps {
  province: Province;
  loaded: LoadedSettings;
  /** Default: the route table (infra/routes.ts). */
  routes?: readonly RouteDefinition[];
  /**
   * Entry file of the report job. Default: functions/reports/period-end-job.ts when it exists;
   * without it the stack has no report job and no schedule.
   */
  reportJobEntry?: string;
  /** Default: the FIRST_DEPLOY_CONTEXT context value (set by `npm run deploy` only). */
  firstDeploy?: boolean;
  /** The built forms to publish. Default: web/dist (FORMS_DIST_DIR), which must exist. */
  formsAssetDir?: string;
}

/**
 * One province's whole deployment. Nothing has a hard-coded physical name (CloudFormation
 * generates them from the stack name), so any two provinces can share an account and region.
 */
export class ProvinceStack extends Stack {
  readonly data: ProvinceTable;
  /** The table the functions use: the stack's own, or the restored one (`restoredTableName`). */
  readonly activeTable: ITable;
  readonly reports: ReportBucket;
  readonly users: ProvinceUsers;
  readonly forms: FormsHosting;
  readonly api: ProvinceApi;
  readonly alarms: AlarmTopic;
  readonly backup: ProvinceBackup;
  readonly trail: AuditTrail | undefined;
  readonly reportJob: PascarehabFunction | undefined;
  readonly importWorker: ImportWorker;
  readonly reportSchedule: ReportSchedule | undefined;
  /** The province's validated settings. */
  readonly settings: LoadedSettings['settings'];
  /** The routes this stack serves (the route table unless a test passes its own). */
  readonly routes: readonly RouteDefinition[];

  constructor(scope: Construct, id: string, props: ProvinceStackProps) {
    const { province, loaded } = props;
    const settings = loaded.settings;
    super(scope, id, {
      ...props,
      stackName: stackName(province),
      description: `Pascarehab ${province.name} (BPS ${province.bpsCode}): post-rehabilitation program API`,
      // An accidental `cdk destroy` must not take a province offline (table, bucket, key and
      // user pool are retained anyway); switching protection off is a deliberate step.
      terminationProtection: props.terminationProtection ?? true,
    });
    this.routes = props.routes ?? routeTable;
    this.settings = settings;
    const firstDeploy = props.firstDeploy ?? String(this.node.tryGetContext(FIRST_DEPLOY_CONTEXT)) === 'true';
    // Feature flags this stack relies on, set here (before any child exists) so that the
    // stack behaves the same whatever cdk.json holds: the access-log bucket is granted by a
    // bucket policy, not by ACLs (ACLs stay disabled on every bucket).
    for (const [flag, value] of Object.entries(STACK_FEATURE_FLAGS)) this.node.setContext(flag, value);
    for (const warning of loaded.warnings) Annotations.of(this).addWarningV2('pascarehab:settings', warning);
    // Cost Explorer can split an account's bill by province once this tag is activated.
    Tags.of(this).add('pascarehab:province', province.slug);

    const logRetention = settings.logRetentionDays as RetentionDays;
    this.data = new ProvinceTable(this, 'Data', {
      provinceName: province.name,
      resource: settings.tableResource,
      deletionProtection: !firstDeploy,
    });
    // After a point-in-time restore the functions switch to the restored table (same key, see
    // docs/operations.md); the stack's own table stays untouched, so nothing is replaced.
    this.activeTable = settings.restoredTableName
      ? TableV2.fromTableAttributes(this, 'RestoredTable', {
          tableName: settings.restoredTableName,
          encryptionKey: this.data.key,
        })
      : this.data.table;
    this.reports = new ReportBucket(this, 'Reports', { reportRetentionDays: settings.reportRetentionDays });
    this.users = new ProvinceUsers(this, 'Users', {
      provinceName: province.name,
      featurePlan: settings.cognitoFeaturePlan,
      sesFromAddress: settings.sesFromAddress,
      sesRegion: settings.sesRegion,
      deletionProtection: !firstDeploy,
      domainPrefix: settings.authDomainPrefix ?? `pascarehab-${province.slug}-${this.account}`,
      signInPages: settings.signInPages,
    });
    this.alarms = new AlarmTopic(this, 'Alarms', { alarmEmail: settings.alarmEmail });

    // Every function sees the same variables; bindTable repeats TABLE_NAME with the grant,
    // bindReportBucket is the only way to get access to the bucket.
    const environment = {
      TABLE_NAME: this.activeTable.tableName,
      REPORT_BUCKET: this.reports.bucket.bucketName,
      PROVINCE_TIME_ZONE: province.timeZone,
      LOG_LEVEL: settings.logLevel,
      POWERTOOLS_SERVICE_NAME: 'pascarehab',
      // The province's offices: a token or a form naming another office code is refused, so a
      // typo in a user's custom:office cannot create a phantom office.
      OFFICE_CODES: settings.offices.map((o) => o.code).join(','),
    };
    // The functions that write reports print the province's WHOQOL-BREF permission reference.
    const reportEnvironment: Record<string, string> = settings.whoqolPermissionRef
      ? { WHOQOL_PERMISSION_REF: settings.whoqolPermissionRef }
      : {};

    // The forms and what they may call. With a custom forms origin the CSP names the API's
    // own address; with the CloudFront domain it cannot: the API's CORS names the
    // distribution's domain, so the distribution cannot also name the API (CloudFormation
    // would see a cycle), and the CSP allows this region's execute-api hosts instead.
    const custom =
      settings.formsOrigin && settings.formsCertificateArn
        ? { origin: settings.formsOrigin, certificateArn: settings.formsCertificateArn }
        : undefined;
    const apiOrigin = custom
      ? Lazy.string({ produce: () => this.api.api.apiEndpoint })
      : `https://*.execute-api.${this.region}.amazonaws.com`;
    const formsAssetDir = props.formsAssetDir ?? FORMS_DIST_DIR;
    if (!existsSync(formsAssetDir)) {
      throw new Error(
        `${formsAssetDir} does not exist: build the forms first (npm run build:web; npm run synth|deploy does it).`,
      );
    }
    this.forms = new FormsHosting(this, 'Forms', {
      assetDir: formsAssetDir,
      accessLogBucket: this.reports.accessLogBucket,
      connectSrc: [
        apiOrigin,
        this.users.domain.baseUrl(),
        `https://cognito-idp.${this.region}.amazonaws.com`,
      ],
      customDomain: custom,
      logRetention,
    });
    this.users.addFormsClient(this.forms.origin);

    this.importWorker = new ImportWorker(this, 'Imports', {
      table: this.activeTable,
      bucket: this.reports.bucket,
      environment,
      reportEnvironment,
      logRetention,
      architecture: settings.lambdaArchitecture,
      alarmTopic: this.alarms,
    });

    this.api = new ProvinceApi(this, 'Api', {
      routes: this.routes,
      table: this.activeTable,
      reportBucket: this.reports.bucket,
      userPool: this.users.userPool,
      client: this.users.formsClient,
      environment,
      reportEnvironment,
      logRetention,
      architecture: settings.lambdaArchitecture,
      throttle: { reads: settings.throttle, writes: settings.writeThrottle },
      formsOrigin: this.forms.origin,
      importQueue: this.importWorker.queue,
    });

    this.forms.publish({
      apiUrl: this.api.api.apiEndpoint,
      issuer: this.users.userPool.userPoolProviderUrl,
      clientId: this.users.formsClient.userPoolClientId,
      logoutUrl: `${this.users.domain.baseUrl()}/logout`,
      timeZone: province.timeZone,
      offices: settings.offices.map((o) => o.code),
      province: province.slug,
      provinceName: province.name,
    });

    const reportJobEntry = props.reportJobEntry ?? (reportJobExists() ? REPORT_JOB_ENTRY : undefined);
    if (reportJobEntry) {
      const job = new PascarehabFunction(this, 'ReportJob', {
        handler: REPORT_JOB_HANDLER,
        entry: reportJobEntry,
        description: 'Daily period-end report job',
        environment: { ...environment, ...reportEnvironment },
        logRetention,
        architecture: settings.lambdaArchitecture,
        memorySize: 1024,
        timeout: Duration.minutes(5),
        // One run at a time: a retry or a late scheduled run waits instead of writing the
        // same period's report twice in parallel.
        reservedConcurrentExecutions: REPORT_JOB_CONCURRENCY,
      });
      // Reads the program data, writes report files and the report record (with its audit
      // entry, in one transaction); nothing else.
      job.bindTable({ table: this.activeTable, accessMode: 'APPEND' });
      job.bindReportBucket(this.reports.bucket);
      this.reportJob = job;
      this.reportSchedule = new ReportSchedule(this, 'ReportSchedule', {
        job,
        hour: settings.reportScheduleHour,
        timeZone: province.timeZone,
        alarmTopic: this.alarms,
      });
      reportHeartbeatAlarm(this.alarms, this, job);
    }

    this.backup = new ProvinceBackup(this, 'Backup', {
      resourceArns: [this.activeTable.tableArn, this.reports.bucket.bucketArn],
      notificationTopic: this.alarms.topic,
    });
    this.trail = settings.cloudTrail.enabled
      ? new AuditTrail(this, 'Audit', {
          accessLogBucket: this.reports.accessLogBucket,
          retentionDays: settings.reportRetentionDays,
          dataEventsOf: settings.cloudTrail.tableDataEvents ? this.activeTable : undefined,
        })
      : undefined;
    api5xxAlarm(this.alarms, this, this.api.api);
    functionErrorAlarms(
      this.alarms,
      this,
      this.allFunctions().map((fn) => ({ id: fn.node.id, fn })),
    );
    tableThrottleAlarm(this.alarms, this, this.activeTable);
    if (settings.cognitoFeaturePlan === 'plus') {
      signInRiskAlarm(this.alarms, this, this.users.userPool.userPoolId);
    }

    this.acknowledgeFindings();

    new CfnOutput(this, 'FormsUrl', { value: this.forms.origin, description: "The officers' forms" });
    new CfnOutput(this, 'SignInUrl', {
      value: this.users.domain.baseUrl(),
      description: 'Cognito managed login (the forms send officers here to sign in)',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'UserPoolId', {
      value: this.users.userPool.userPoolId,
      description: 'Cognito user pool',
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.users.formsClient.userPoolClientId,
      description: 'App client of the forms (no secret)',
    });
    new CfnOutput(this, 'ReportBucketName', {
      value: this.reports.bucket.bucketName,
      description: 'Report bucket',
    });
    new CfnOutput(this, 'TableName', {
      value: this.data.table.tableName,
      description: "The stack's own table (the source of a point-in-time restore)",
    });
    new CfnOutput(this, 'ActiveTableName', {
      value: this.activeTable.tableName,
      description: 'The table the functions use (differs from TableName after a restore)',
    });
    new CfnOutput(this, 'TableKeyArn', {
      value: this.data.key.keyArn,
      description: 'KMS key of the table (a restored table is encrypted with it too)',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Alarm topic' });
    new CfnOutput(this, 'OfficeCodes', {
      value: settings.offices.map((o) => o.code).join(','),
      description: 'Office codes for the custom:office attribute',
    });
  }

  /**
   * The cdk-nag findings that stay, each with the reason. Everything else is fixed in the
   * constructs. Kept in one place so that a reviewer reads them together.
   */
  private acknowledgeFindings(): void {
    for (const fn of this.allFunctions()) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: `Pinned to ${FUNCTION_RUNTIME.name}, a supported Lambda runtime: the bundle targets node22 and the code is tested on it (docs/deployment.md). Moving to a newer runtime is a deliberate, tested one-line change in infra/constructs/pascarehab-function.ts, not a side effect of a CDK upgrade.`,
      });
    }
    const reportObjects = `AwsSolutions-IAM5[Resource::<${this.logicalIdOf(this.reports.bucket)}.Arn>/reports/*]`;
    if (this.reportJob) {
      Validations.of(this.reportJob.executionRole).acknowledge({
        id: reportObjects,
        reason:
          'The report job writes one object per period and day under reports/; object keys are not known at deploy time, so the grant is s3:PutObject on the reports/ prefix of this one bucket (no read, no delete, no other prefix).',
      });
    }
    const importObjects = `AwsSolutions-IAM5[Resource::<${this.logicalIdOf(this.reports.bucket)}.Arn>/imports/*]`;
    const importRoutes = new Set(
      this.routes.filter((r) => r.imports?.some((a) => a !== 'queue')).map((r) => r.handler),
    );
    for (const fn of [
      ...this.api.functions.filter((f) => importRoutes.has(f.handlerName)),
      this.importWorker.fn,
    ]) {
      Validations.of(fn.executionRole).acknowledge({
        id: importObjects,
        reason:
          "Imports upload (s3:PutObject, to sign the officer's PUT) or read (s3:GetObject) one workbook per import at imports/<importId>.xlsx; the id is made per request, so the grant is on the imports/ prefix of this one bucket only (no delete, no list, no other prefix). Which import a caller may touch is checked in the handler.",
      });
    }
    Validations.of(this.importWorker.fn.executionRole).acknowledge({
      id: reportObjects,
      reason:
        'Closing an ended period from an import makes its final report (s3:PutObject under reports/{periodId}/final/...); keys depend on the period, so the grant is on the reports/ prefix of this one bucket (no read, no delete).',
    });
    for (const policy of BACKUP_ROLE_POLICIES) {
      Validations.of(this.backup.role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
        reason:
          'AWS Backup documents these AWS-managed policies for its service role (DynamoDB and S3 backup and restore, with their KMS grants). AWS updates them with the service; a hand-written copy would fall behind. The role can be assumed by AWS Backup of this account only.',
      });
    }
    const reportRoutes = new Set(this.routes.filter((r) => r.reports?.length).map((r) => r.handler));
    for (const fn of this.api.functions) {
      if (!reportRoutes.has(fn.handlerName)) continue;
      Validations.of(fn.executionRole).acknowledge({
        id: reportObjects,
        reason:
          'Report routes make (s3:PutObject) or sign download links for (s3:GetObject) report files under reports/{periodId}/...; the keys depend on the period and date, so the grant is on the reports/ prefix of this one bucket only (no delete, no list, no other prefix). Which period a caller may see is checked in the handler before any URL is signed.',
      });
    }
  }

  /** Every Lambda function of the stack: one per route, the fallback, the report job if any. */
  allFunctions(): PascarehabFunction[] {
    return [...this.api.functions, this.importWorker.fn, ...(this.reportJob ? [this.reportJob] : [])];
  }

  private logicalIdOf(construct: Construct): string {
    const child = construct.node.defaultChild;
    if (!child) throw new Error(`${construct.node.path} has no CloudFormation resource`);
    return this.getLogicalId(child as CfnElement);
  }
}
