import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  ContextAttribute,
  type ISchedule,
  type IScheduleTarget,
  Schedule,
  ScheduleExpression,
  type ScheduleTargetConfig,
  ScheduleTargetInput,
  TimeWindow,
} from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type AlarmTopic, deadLetterAlarm } from './alarms';

/** Delivery retries of the scheduler (the target was unreachable or throttled). */
export const SCHEDULE_RETRY_ATTEMPTS = 3;
/** Lambda's own retries of a failed asynchronous run of the job. */
export const JOB_RETRY_ATTEMPTS = 2;

/**
 * Invokes one function from EventBridge Scheduler with a role that may invoke exactly that
 * function (not its versions or aliases: the L2 LambdaInvoke target also grants `:*`) and send
 * to exactly the dead-letter queue.
 */
class InvokeFunction implements IScheduleTarget {
  constructor(
    private readonly fn: IFunction,
    private readonly deadLetterQueue: Queue,
    private readonly role: Role,
  ) {}

  bind(_schedule: ISchedule): ScheduleTargetConfig {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [this.fn.functionArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );
    return {
      arn: this.fn.functionArn,
      role: this.role,
      input: ScheduleTargetInput.fromObject({
        trigger: 'schedule',
        scheduledTime: ContextAttribute.scheduledTime,
      }),
      retryPolicy: { maximumRetryAttempts: SCHEDULE_RETRY_ATTEMPTS, maximumEventAgeInSeconds: 3600 },
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
    };
  }
}

export interface ReportScheduleProps {
  /** The report job; table read and bucket write are the caller's business (bindTable, ...). */
  job: IFunction;
  /** Local hour 0-23. */
  hour: number;
  /** IANA time zone of the province: the hour is local time there, all year. */
  timeZone: string;
  alarmTopic: AlarmTopic;
}

/**
 * The daily report run: an EventBridge Scheduler schedule at the province's hour in the
 * province's time zone, retries, and one dead-letter queue that collects both kinds of
 * failure - the scheduler could not deliver (after its retries), or the job ran and failed
 * (after Lambda's async retries, through an on-failure destination). A message in the queue
 * raises the alarm.
 */
export class ReportSchedule extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ReportScheduleProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the report schedule and of the report job (Lambda on-failure destination); a DLQ of a DLQ would only hide failures. Messages here raise an alarm.',
    });

    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        // Confused-deputy guard: only schedules of this account may assume the role.
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invokes the report job, sends failures to its DLQ',
    });

    this.schedule = new Schedule(this, 'Daily', {
      description: 'Daily period-end report job',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: String(props.hour),
        timeZone: TimeZone.of(props.timeZone),
      }),
      target: new InvokeFunction(props.job, this.deadLetterQueue, role),
      timeWindow: TimeWindow.off(),
    });

    // The scheduler invokes Lambda asynchronously: a run that throws is retried by Lambda and
    // then lands here, not in the scheduler's DLQ.
    props.job.configureAsyncInvoke({
      retryAttempts: JOB_RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    deadLetterAlarm(props.alarmTopic, this, this.deadLetterQueue);
  }
}
