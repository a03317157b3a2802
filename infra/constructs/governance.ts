import { Duration } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { type CfnTrail, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { STATEFUL_REMOVAL } from './data';

export interface AuditTrailProps {
  /** Server access logs of the trail bucket go here (the stack's access-log bucket). */
  accessLogBucket: IBucket;
  /** Days CloudTrail files are kept. */
  retentionDays: number;
  /** Also record reads and writes of this table (data events, charged per event). */
  dataEventsOf: ITable | undefined;
}

/**
 * A CloudTrail trail of the account's management events in every region (who changed which
 * resource, who signed in to the console), with log file validation, into a bucket of its
 * own. Optionally the table's data events: each GetItem/PutItem with its key. Keys of the
 * registration-number guard contain registration numbers, so these files then hold
 * identifiers: the bucket is private, SSL-only, and readable by account administrators only.
 */
export class AuditTrail extends Construct {
  readonly trail: Trail;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'trail-bucket/',
      removalPolicy: STATEFUL_REMOVAL,
      lifecycleRules: [
        {
          id: 'expire-trail-files',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });
    this.trail = new Trail(this, 'Trail', {
      bucket: this.bucket,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
    });
    if (props.dataEventsOf) {
      // Basic event selectors cannot name a DynamoDB table; advanced ones can (and replace
      // the basic ones, so management events are selected here too).
      const cfn = this.trail.node.defaultChild as CfnTrail;
      cfn.eventSelectors = undefined;
      cfn.advancedEventSelectors = [
        {
          name: 'Management events',
          fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }],
        },
        {
          name: 'Program table data events',
          fieldSelectors: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::DynamoDB::Table'] },
            { field: 'resources.ARN', equalTo: [props.dataEventsOf.tableArn] },
          ],
        },
      ];
    }
  }
}

/** Percent of the monthly amount at which AWS Budgets e-mails: actual spend, then forecast. */
export const BUDGET_ACTUAL_PERCENT = 80;
export const BUDGET_FORECAST_PERCENT = 100;

/**
 * A monthly cost budget of the account with two e-mail alerts: actual spend passes 80 % of
 * the amount, or the month's forecast passes 100 %. It covers the whole account, which is the
 * province's own when each province has its account (docs/deployment.md).
 */
export class CostBudget extends Construct {
  readonly budget: CfnBudget;

  constructor(scope: Construct, id: string, props: { monthlyUsd: number; email: string }) {
    super(scope, id);
    const subscribers = [{ subscriptionType: 'EMAIL', address: props.email }];
    this.budget = new CfnBudget(this, 'Budget', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: BUDGET_ACTUAL_PERCENT,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
        {
          notification: {
            notificationType: 'FORECASTED',
            comparisonOperator: 'GREATER_THAN',
            threshold: BUDGET_FORECAST_PERCENT,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
      ],
    });
  }
}
