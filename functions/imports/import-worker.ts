import type { Context, SQSEvent } from 'aws-lambda';
import { runImportJob } from '../../shared/services/import-job';
import type { ImportJob } from '../../shared/services/import-queue';

/**
 * The import worker: takes one job at a time from the import queue (batch size 1) and runs
 * it. An application that would not finish in this run stops starting rows two minutes
 * before the function's timeout and queues the rest in a new job (docs/imports.md).
 */
const MARGIN_MS = 120_000;

export async function handler(event: SQSEvent, context: Context): Promise<void> {
  for (const record of event.Records) {
    const job = parseJob(record.body);
    if (!job) continue;
    await runImportJob(job, { deadline: Date.now() + context.getRemainingTimeInMillis() - MARGIN_MS });
  }
}

function parseJob(body: string): ImportJob | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (
      typeof value === 'object' &&
      value !== null &&
      'importId' in value &&
      typeof value.importId === 'string' &&
      'action' in value &&
      (value.action === 'validate' || value.action === 'apply')
    ) {
      return { importId: value.importId, action: value.action };
    }
  } catch {
    // a message that is not a job: dropped
  }
  return undefined;
}
