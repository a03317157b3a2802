import {
  Annotations,
  type CfnElement,
  CfnOutput,
  Duration,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type RouteDefinition, routes as routeTable } from '../functions/routes';
import { AlarmTopic, apiAlarms, functionAlarms } from './constructs/alarms';
import { ProvinceApi } from './constructs/api';
import { ProvinceUsers } from './constructs/auth';
import { ProvinceTable, ReportBucket } from './constructs/data';
import { FUNCTION_RUNTIME, PascarehabFunction } from './constructs/pascarehab-function';
import { ReportSchedule } from './constructs/report-schedule';
import { REPORT_JOB_ENTRY, REPORT_JOB_HANDLER, reportJobExists } from './paths';
import { type Province, stackName } from './provinces';
import type { LoadedSettings } from './settings';

export const STACK_FEATURE_FLAGS = {
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-s3:createDefaultLoggingPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
} as const;

export interface ProvinceStackProps extends StackProps {
  province: Province;
  loaded: LoadedSettings;
  /** Default: the route table of functions/routes.ts. */
  routes?: readonly RouteDefinition[];
  /**
   * Entry file of the report job. Default: functions/reports/period-end-job.ts when it exists;
   * without it the stack has no report job and no schedule.
   */
  reportJobEntry?: string;
}

/**
 * One province's whole deployment. Nothing has a hard-coded physical name (CloudFormation
 * generates them from the stack name), so any two provinces can share an account and region.
 */
export class ProvinceStack extends Stack {
  readonly data: ProvinceTable;
  readonly reports: ReportBucket;
  readonly users: ProvinceUsers;
  readonly api: ProvinceApi;
  readonly alarms: AlarmTopic;
  readonly reportJob: PascarehabFunction | undefined;
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
      // user pool are RETAIN anyway); switching protection off is a deliberate step.
      terminationProtection: props.terminationProtection ?? true,
    });
    this.routes = props.routes ?? routeTable;
    this.settings = settings;
    // Feature flags this stack relies on, set here (before any child exists) so that the
    // stack behaves the same whatever cdk.json holds: the access-log bucket is granted by a
    // bucket policy, not by ACLs (ACLs stay disabled on every bucket).
    for (const [flag, value] of Object.entries(STACK_FEATURE_FLAGS)) this.node.setContext(flag, value);
    for (const warning of loaded.warnings) Annotations.of(this).addWarningV2('pascarehab:settings', warning);

    const logRetention = settings.logRetentionDays as RetentionDays;
    this.data = new ProvinceTable(this, 'Data', { provinceName: province.name });
    this.reports = new ReportBucket(this, 'Reports', { reportRetentionDays: settings.reportRetentionDays });
    this.users = new ProvinceUsers(this, 'Users', { provinceName: province.name });
    this.alarms = new AlarmTopic(this, 'Alarms', { alarmEmail: settings.alarmEmail });

    // Every function sees the same five variables; bindTable repeats TABLE_NAME with the
    // grant, bindReportBucket is the only way to get access to the bucket.
    const environment = {
      TABLE_NAME: this.data.table.tableName,
      REPORT_BUCKET: this.reports.bucket.bucketName,
      PROVINCE_TIME_ZONE: province.timeZone,
      LOG_LEVEL: settings.logLevel,
      POWERTOOLS_SERVICE_NAME: 'pascarehab',
      // The province's offices: a token or a form naming another office code is refused, so a
      // typo in a user's custom:office cannot create a phantom office.
      OFFICE_CODES: settings.offices.map((o) => o.code).join(','),
    };

    this.api = new ProvinceApi(this, 'Api', {
      routes: this.routes,
      table: this.data.table,
      reportBucket: this.reports.bucket,
      userPool: this.users.userPool,
      client: this.users.formsClient,
      environment,
      logRetention,
      throttle: settings.throttle,
      formsOrigin: settings.formsOrigin,
    });

    const reportJobEntry = props.reportJobEntry ?? (reportJobExists() ? REPORT_JOB_ENTRY : undefined);
    if (reportJobEntry) {
      const job = new PascarehabFunction(this, 'ReportJob', {
        handler: REPORT_JOB_HANDLER,
        entry: reportJobEntry,
        description: 'Daily period-end report job',
        environment,
        logRetention,
        memorySize: 1024,
        timeout: Duration.minutes(5),
      });
      // Reads the program data, writes report files and the report record (with its audit
      // entry, in one transaction); nothing else.
      job.bindTable({ table: this.data.table, accessMode: 'APPEND' });
      job.bindReportBucket(this.reports.bucket);
      this.reportJob = job;
      this.reportSchedule = new ReportSchedule(this, 'ReportSchedule', {
        job,
        hour: settings.reportScheduleHour,
        timeZone: province.timeZone,
        alarmTopic: this.alarms,
      });
    }

    apiAlarms(this.alarms, this.api, this.api.api);
    for (const fn of this.allFunctions()) functionAlarms(this.alarms, this, fn.node.id, fn);

    this.acknowledgeFindings();

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
        reason: `Pinned to ${FUNCTION_RUNTIME.name}, a supported Lambda runtime: the bundle targets node22 and the code is tested on it (TOOLCHAIN.md). Moving to a newer runtime is a deliberate, tested one-line change in infra/constructs/pascarehab-function.ts, not a side effect of a CDK upgrade.`,
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
    return [...this.api.functions, ...(this.reportJob ? [this.reportJob] : [])];
  }

  private logicalIdOf(construct: Construct): string {
    const child = construct.node.defaultChild;
    if (!child) throw new Error(`${construct.node.path} has no CloudFormation resource`);
    return this.getLogicalId(child as CfnElement);
  }
}
