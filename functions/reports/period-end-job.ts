import { runPeriodEndJob } from '../../shared/services/reports';

/**
 * The scheduled period-end report job. EventBridge Scheduler invokes it daily at the
 * province's report hour in the province's time zone with `{"trigger": "schedule", "scheduledTime": "<aws.scheduler.scheduled-time>"}` (infra/constructs/report-schedule.ts),
 * so a retried or late invocation still works for the day it was scheduled.
 * It throws when any period failed, so the scheduler retries and the alarm/DLQ sees it.
 */
export async function handler(event: { now?: string; scheduledTime?: string } = {}) {
  const when = event.now ?? event.scheduledTime;
  const now = when ? new Date(when) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error('period-end job: "now" is not an ISO-8601 time');
  const result = await runPeriodEndJob(now);
  if (result.failed.length > 0) {
    throw new Error(
      `period-end job: ${result.failed.length} period(s) failed: ${result.failed.map((f) => f.periodId).join(', ')}`,
    );
  }
  return result;
}
