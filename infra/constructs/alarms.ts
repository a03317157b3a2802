import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * At most this many alarms per province (USD 0.10 each a month): one per symptom, not one per
 * function and metric. test/infra checks every configuration against it.
 */
export const MAX_ALARMS = 20;

/** A math expression takes at most 10 metrics (CloudWatch quota): functions go in groups. */
export const METRICS_PER_EXPRESSION = 10;

/** AWS services that publish to the alarm topic, each only on behalf of this account. */
const PUBLISHERS = ['cloudwatch.amazonaws.com', 'backup.amazonaws.com'] as const;

/**
 * Where alarms go: one SNS topic per province, encrypted with its own key, TLS-only, with the
 * province's alarm e-mail subscribed (the address must confirm the subscription once).
 * CloudWatch alarms and AWS Backup's vault notifications publish to it.
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  private readonly action: SnsAction;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: { alarmEmail: string | undefined }) {
    super(scope, id);
    const stack = Stack.of(this);
    const sourceArns: Record<(typeof PUBLISHERS)[number], string> = {
      'cloudwatch.amazonaws.com': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*`,
      'backup.amazonaws.com': `arn:${stack.partition}:backup:${stack.region}:${stack.account}:backup-vault:*`,
    };
    // A key of its own (not the table's): the publishing services must be allowed to use it,
    // and that grant should not extend to the key that protects client data. It encrypts
    // notifications in flight only, so it is destroyed with the stack.
    this.key = new Key(this, 'Key', {
      description: 'Pascarehab: encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.topic = new Topic(this, 'Topic', { masterKey: this.key, enforceSSL: true });
    for (const service of PUBLISHERS) {
      // Confused-deputy guard on both: only this account's alarms / backup vaults.
      const conditions = {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': sourceArns[service] },
      };
      // The service asks KMS for a data key to encrypt the message for the topic. CloudWatch
      // passes the alarm as aws:SourceArn to KMS; for AWS Backup's notifications that is not
      // documented, and an unmatched condition would drop every notification silently, so
      // its KMS grant is unconditioned: the key encrypts this topic only, and the topic
      // policy below still admits this account's vaults only.
      this.key.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          ...(service === 'cloudwatch.amazonaws.com' ? { conditions } : {}),
        }),
      );
      // enforceSSL gives the topic a policy, which replaces SNS's default policy: without this
      // Allow, CloudWatch could not publish and alarms would never arrive.
      this.topic.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal(service)],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions,
        }),
      );
    }
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
  }

  /**
   * An alarm that notifies when it fires and again when it clears (OK). `datapointsToAlarm`
   * of `evaluationPeriods` lets a symptom fire only when it lasts, not on one blip.
   */
  alarm(scope: Construct, id: string, props: SymptomAlarm): Alarm {
    const alarm = new Alarm(scope, id, {
      metric: props.metric,
      threshold: props.threshold,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm,
      comparisonOperator: props.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is no problem: missing data does not alarm (except for heartbeats).
      treatMissingData: props.treatMissingData ?? TreatMissingData.NOT_BREACHING,
      alarmDescription: props.description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

export interface SymptomAlarm {
  metric: IMetric;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  description: string;
  comparison?: ComparisonOperator;
  treatMissingData?: TreatMissingData;
}

const FIVE_MINUTES = Duration.minutes(5);

/** Below this many requests in five minutes the 5xx rate is not computed (too few to judge). */
export const MIN_REQUESTS_FOR_RATE = 3;
/** Percent of requests answered 5xx that counts as a failing five minutes. */
export const API_5XX_PERCENT = 10;

/**
 * API 5xx rate: the handlers turn every unexpected error into a 500 envelope, and a throttled
 * or crashed function is a 5xx too, so this is the symptom "officers' requests fail". Fires
 * when at least 10 % of the requests of two of the last three five-minute periods failed.
 */
export function api5xxAlarm(topic: AlarmTopic, scope: Construct, api: HttpApi): Alarm {
  const metric = new MathExpression({
    expression: `IF(requests >= ${MIN_REQUESTS_FOR_RATE}, 100 * errors / requests, 0)`,
    usingMetrics: {
      errors: api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      requests: api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
    },
    period: FIVE_MINUTES,
    label: 'Percent of requests answered 5xx',
  });
  return topic.alarm(scope, 'Api5xxRateAlarm', {
    metric,
    threshold: API_5XX_PERCENT,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    description: `At least ${API_5XX_PERCENT} % of API requests answered 5xx in two of the last three 5-minute periods (handler errors, timeouts, throttled functions). Access logs: integrationError.`,
  });
}

/**
 * Function errors (crashes, timeouts, out of memory), summed over groups of at most ten
 * functions (a math expression takes ten metrics); each alarm names its functions. Fires when
 * errors occur in two of the last three five-minute periods.
 */
export function functionErrorAlarms(
  topic: AlarmTopic,
  scope: Construct,
  functions: ReadonlyArray<{ id: string; fn: IFunction }>,
): Alarm[] {
  const groups: { id: string; fn: IFunction }[][] = [];
  for (let i = 0; i < functions.length; i += METRICS_PER_EXPRESSION) {
    groups.push(functions.slice(i, i + METRICS_PER_EXPRESSION));
  }
  return groups.map((group, index) => {
    const usingMetrics = Object.fromEntries(
      group.map(({ fn }, i) => [`e${i}`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' })]),
    );
    return topic.alarm(scope, `FunctionErrorsAlarm${index + 1}`, {
      metric: new MathExpression({
        expression: `SUM([${Object.keys(usingMetrics).join(', ')}])`,
        usingMetrics,
        period: FIVE_MINUTES,
        label: 'Invocation errors',
      }),
      threshold: 1,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      description: `Function errors (crash, timeout, out of memory) in two of the last three 5-minute periods, in: ${group.map((g) => g.id).join(', ')}.`,
    });
  });
}

/** DynamoDB refused reads or writes (on-demand tables throttle above twice their previous peak). */
export function tableThrottleAlarm(topic: AlarmTopic, scope: Construct, table: ITable): Alarm {
  const metric = (metricName: string) =>
    new Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap: { TableName: table.tableName },
      period: FIVE_MINUTES,
      statistic: 'Sum',
    });
  return topic.alarm(scope, 'TableThrottlesAlarm', {
    metric: new MathExpression({
      expression: 'SUM([reads, writes])',
      usingMetrics: { reads: metric('ReadThrottleEvents'), writes: metric('WriteThrottleEvents') },
      period: FIVE_MINUTES,
      label: 'Throttled table requests',
    }),
    threshold: 1,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    description:
      'The table throttled reads or writes in two of the last three 5-minute periods (traffic above twice its previous peak, or a hot partition).',
  });
}

/**
 * Heartbeat of the daily report job: no invocation in the last 24 hourly periods means the
 * schedule did not start it (disabled, deleted, or its role broken). Missing data breaches:
 * silence is the symptom. The job runs at the full hour, so the 24 hourly buckets always hold
 * exactly one scheduled run.
 */
export function reportHeartbeatAlarm(topic: AlarmTopic, scope: Construct, job: IFunction): Alarm {
  return topic.alarm(scope, 'ReportJobHeartbeatAlarm', {
    metric: job.metricInvocations({ period: Duration.hours(1), statistic: 'Sum' }),
    threshold: 1,
    comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
    evaluationPeriods: 24,
    datapointsToAlarm: 24,
    treatMissingData: TreatMissingData.BREACHING,
    description:
      'The daily report job has not run for 24 hours (schedule disabled or deleted, or the scheduler cannot invoke it). Until its first scheduled run after the first deploy this alarm is expected.',
  });
}

/** A message in the report dead-letter queue is a run that failed after all its retries. */
export function deadLetterAlarm(
  topic: AlarmTopic,
  scope: Construct,
  queue: IQueue,
  description = 'The daily report job failed after its retries (or could not be started): see the messages in its dead-letter queue.',
): Alarm {
  return topic.alarm(scope, 'DeadLetterAlarm', {
    // Messages sent (not visible): every new failure alarms again, even while older messages
    // still wait in the queue. One message is not a blip: it is the end of the retries.
    metric: queue.metricNumberOfMessagesSent({ period: FIVE_MINUTES, statistic: 'Sum' }),
    threshold: 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    description,
  });
}

/** Sign-ins threat protection rated risky: these operations and levels, summed per hour. */
export const SIGN_IN_RISK_METRICS = [
  { metricName: 'AccountTakeoverRisk', Operation: 'SignIn', RiskLevel: 'high' },
  { metricName: 'AccountTakeoverRisk', Operation: 'SignIn', RiskLevel: 'medium' },
  { metricName: 'CompromisedCredentialRisk', Operation: 'SignIn', RiskLevel: 'high' },
  { metricName: 'CompromisedCredentialRisk', Operation: 'PasswordChange', RiskLevel: 'high' },
] as const;
export const SIGN_IN_RISK_PER_HOUR = 3;

/**
 * Risky sign-ins (Cognito threat protection, Plus plan): threat protection already blocks or
 * challenges each one, so a single event is no reason to wake anyone; three in an hour is a
 * pattern (credential stuffing, a leaked password list) an administrator should look at.
 */
export function signInRiskAlarm(topic: AlarmTopic, scope: Construct, userPoolId: string): Alarm {
  const usingMetrics = Object.fromEntries(
    SIGN_IN_RISK_METRICS.map(({ metricName, Operation, RiskLevel }, i) => [
      `r${i}`,
      new Metric({
        namespace: 'AWS/Cognito',
        metricName,
        dimensionsMap: { UserPoolId: userPoolId, Operation, RiskLevel },
        period: Duration.hours(1),
        statistic: 'Sum',
      }),
    ]),
  );
  return topic.alarm(scope, 'SignInRiskAlarm', {
    metric: new MathExpression({
      expression: `SUM([${Object.keys(usingMetrics).join(', ')}])`,
      usingMetrics,
      period: Duration.hours(1),
      label: 'Risky sign-ins',
    }),
    threshold: SIGN_IN_RISK_PER_HOUR,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    description: `At least ${SIGN_IN_RISK_PER_HOUR} sign-ins in an hour rated risky by Cognito threat protection (account take-over or compromised credentials). Cognito console: the user pool's threat protection events.`,
  });
}
