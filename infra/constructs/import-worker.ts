import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type AlarmTopic, deadLetterAlarm } from './alarms';
import { PascarehabFunction } from './pascarehab-function';

/** The worker's timeout: the longest a Lambda runs. A bigger import continues in a new run. */
export const IMPORT_WORKER_TIMEOUT = Duration.minutes(15);
/** Runs of the worker at once: imports are rare, and each writes at up to 8 rows at a time. */
export const IMPORT_WORKER_CONCURRENCY = 2;
/** Deliveries of one job before it goes to the dead-letter queue. */
export const IMPORT_MAX_RECEIVES = 3;

export interface ImportWorkerProps {
  table: ITable;
  bucket: IBucket;
  environment: Record<string, string>;
  /** WHOQOL_PERMISSION_REF: closing an ended period from an import makes its final report. */
  reportEnvironment: Record<string, string>;
  logRetention: RetentionDays;
  architecture: 'arm64' | 'x86_64';
  alarmTopic: AlarmTopic;
}

/**
 * Spreadsheet imports run asynchronously (docs/imports.md): the validate and apply routes send a
 * job to this queue, and the worker takes one job at a time (batch size 1). A run that would
 * outlast its 15 minutes sends the rest of the job back to the same queue. A job that fails
 * three deliveries (a crash or a timeout: the worker records ordinary failures on the import
 * itself) lands in the dead-letter queue, which alarms.
 */
export class ImportWorker extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly fn: PascarehabFunction;

  constructor(scope: Construct, id: string, props: ImportWorkerProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // At least the worker's timeout: a job being worked on is not handed to a second run.
      visibilityTimeout: Duration.minutes(16),
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: IMPORT_MAX_RECEIVES },
    });
    this.fn = new PascarehabFunction(this, 'Function', {
      handler: 'imports/import-worker',
      description: 'Spreadsheet import worker (validate, apply)',
      environment: { ...props.environment, ...props.reportEnvironment },
      logRetention: props.logRetention,
      architecture: props.architecture,
      // exceljs holds a whole workbook (up to 20 MB packed) in memory while it reads it.
      memorySize: 2048,
      timeout: IMPORT_WORKER_TIMEOUT,
    });
    // Writes every kind of record through the API's use cases (and closes periods).
    this.fn.bindTable({ table: props.table, accessMode: 'RW' });
    // Reads uploaded workbooks; sends the rest of a long job back to its queue.
    this.fn.bindImports(props.bucket, ['read', 'queue'], this.queue);
    // Closing an ended period makes its final report: report files under reports/.
    this.fn.bindReportBucket(props.bucket, ['write']);
    this.fn.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 1, maxConcurrency: IMPORT_WORKER_CONCURRENCY }),
    );
    deadLetterAlarm(
      props.alarmTopic,
      this,
      this.deadLetterQueue,
      'An import job failed three deliveries (the worker crashed or timed out): see the messages in the import dead-letter queue; the import stays in state applying or validating.',
    );
  }
}
