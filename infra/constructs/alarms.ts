import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/**
 * Where alarms go: one SNS topic per province, encrypted with its own key, TLS-only, with the
 * province's alarm e-mail subscribed (the address must confirm the subscription once).
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: { alarmEmail: string | undefined }) {
    super(scope, id);
    // A key of its own (not the table's): CloudWatch must be allowed to use it, and that
    // grant should not extend to the key that protects client data.
    const key = new Key(this, 'Key', {
      description: 'Pascarehab: encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic; these are the actions
    // AWS documents for that (SNS asks for a data key, the subscriber side decrypts).
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        // Confused-deputy guard: only this account's alarms may use the key through CloudWatch.
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnLike: {
            'aws:SourceArn': `arn:${Stack.of(this).partition}:cloudwatch:${Stack.of(this).region}:${Stack.of(this).account}:alarm:*`,
          },
        },
      }),
    );
    this.topic = new Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
  }

  /** An alarm that fires when the metric reaches `threshold` in one 5-minute period. */
  alarm(scope: Construct, id: string, metric: IMetric, description: string, threshold = 1): Alarm {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is no problem: missing data does not alarm.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * API 5xx: the handlers turn every unexpected error into a 500 envelope, so Lambda `Errors`
 * does not see them; the API's 5xx metric does. One 5xx in five minutes alarms: traffic per
 * province is low and each 500 is a bug or an outage.
 */
export function apiAlarms(topic: AlarmTopic, scope: Construct, api: HttpApi): Alarm[] {
  return [
    topic.alarm(
      scope,
      'Api5xxAlarm',
      api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      'The API answered 5xx (handler error, timeout or integration failure).',
    ),
  ];
}

/**
 * Per function: Errors (crashes, timeouts, out of memory) and Throttles (concurrency limit).
 * One alarm per function and metric rather than a metric-math sum, because a math alarm takes
 * at most 10 metrics and the alarm's name then says which function failed.
 */
export function functionAlarms(topic: AlarmTopic, scope: Construct, id: string, fn: IFunction): Alarm[] {
  return [
    topic.alarm(
      scope,
      `${id}ErrorsAlarm`,
      fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      `${id}: invocation errors (crash, timeout or out of memory).`,
    ),
    topic.alarm(
      scope,
      `${id}ThrottlesAlarm`,
      fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      `${id}: invocations throttled (account or function concurrency limit).`,
    ),
  ];
}
