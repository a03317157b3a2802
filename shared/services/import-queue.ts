import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqs } from '../aws';
import { config } from '../config';

/** A job for the import worker. */
export interface ImportJob {
  importId: string;
  action: 'validate' | 'apply';
}

/**
 * Locally (no queue), the process that serves the API runs jobs itself: `npm start` registers
 * the job function here (scripts/start.ts), so a route's bundle never carries the worker.
 */
let localRunner: ((job: ImportJob) => void) | undefined;

export function runImportJobsLocally(runner: (job: ImportJob) => void): void {
  localRunner = runner;
}

/**
 * Hands a job to the worker: the import queue in AWS (IMPORT_QUEUE_URL); locally, with no
 * queue, the job function registered by the local stack, once the request has been answered.
 */
export async function enqueue(job: ImportJob): Promise<void> {
  const queueUrl = config().importQueueUrl;
  if (queueUrl) {
    await sqs().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));
    return;
  }
  const runner = localRunner;
  if (!runner) throw new Error('no import queue (IMPORT_QUEUE_URL) and no local job runner');
  setImmediate(() => runner(job));
}
