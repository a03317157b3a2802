import type { RouteInput, RouteOutput } from '../api/route';
import type { createReportRoute, reviseReportRoute } from '../api/routes/reports';
import { config } from '../config';
import { forEachPeriod, getPeriodRecord, type PeriodRecord } from '../data/entities/period';
import { getReport, reportExists } from '../data/entities/report';
import { type AuditEntry, commitSystemWrite, executeWrite, type TxPart } from '../data/write';
import { todayIn } from '../domain/dates';
import { isOpenHistorical } from '../domain/periods';
import { Refusal, refuse } from '../domain/refusal';
import { logger } from '../log';
import { generateReport, type ReportRecord, reportItem } from '../reports/generate';
import { monthlyAsOf } from '../reports/summary';
import type { ReportKind } from '../reports/types';
import type { RequestContext } from './context';
import { readablePeriod } from './period-read';
import { reportWithUrls } from './report-links';

function putReport(record: ReportRecord, createdBy: string, at: string) {
  return {
    name: 'reportRecord',
    item: { Put: { TableName: config().tableName, Item: reportItem(record, createdBy, at) } },
  };
}

/** A report record that must not exist yet (a final report is never rewritten). */
function putNewReport(record: ReportRecord, createdBy: string, at: string): TxPart {
  return {
    name: 'reportIsNew',
    item: {
      Put: {
        TableName: config().tableName,
        Item: reportItem(record, createdBy, at),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/**
 * The final report of an ended period, made when it is closed by hand (a historical period):
 * the way the job would have made it (up to the end date, generatedAt = asOf), files written now,
 * its record and audit entry for the caller's transaction.
 */
export async function finalReportPart(
  period: PeriodRecord,
  createdBy: string,
  now: Date,
): Promise<{ part: TxPart; audit: AuditEntry }> {
  const record = await generateReport(period, 'final', period.endDate, period.endDate);
  return {
    part: putNewReport(record, createdBy, now.toISOString()),
    audit: {
      entity: 'period',
      entityId: period.id,
      action: 'report.create:final',
      changedFields: [],
      recordId: record.id,
    },
  };
}

/** POST /periods/{id}/reports: an on-demand report up to today (kasi of the period, admin). */
export async function createReport(
  { params }: RouteInput<typeof createReportRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createReportRoute>> {
  const urls = await executeWrite(ctx, async () => {
    const period = await readablePeriod(ctx.actor, params.id, true);
    const record = await generateReport(period, 'on_demand', ctx.today, ctx.now.toISOString());
    return {
      parts: [putReport(record, ctx.actor.sub, ctx.now.toISOString())],
      audit: [
        {
          entity: 'period',
          entityId: period.id,
          action: 'report.create:on_demand',
          changedFields: [],
          recordId: record.id,
        },
      ],
      result: record,
    };
  });
  return reportWithUrls(urls);
}

/**
 * POST /periods/{id}/reports/{reportId}/revisions: a revised final report, up to today. A final
 * report is never rewritten: the revision is a new final report (new asOf, `revisionOf`
 * naming the one it replaces), and the reports list shows both. Records corrected since the
 * final report (docs/api.md, "Corrections") show in the revision.
 */
export async function reviseReport(
  { params, body }: RouteInput<typeof reviseReportRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof reviseReportRoute>> {
  const record = await executeWrite(ctx, async () => {
    const period = await readablePeriod(ctx.actor, params.id, true);
    // A report's id is `<kind>_<asOf>` (shared/reports/generate.ts), asOf YYYY-MM-DD.
    const replaced = await getReport(period.id, params.reportId.slice(0, -11), params.reportId.slice(-10));
    if (!replaced) throw refuse.notFound();
    if (replaced.kind !== 'final') {
      throw new Refusal('report_not_final', [
        { path: 'reportId', message: `Jenis laporan: ${replaced.kind}.` },
      ]);
    }
    if (await reportExists(period.id, 'final', ctx.today)) {
      throw new Refusal('report_exists', [
        { path: 'reportId', message: `Laporan akhir per ${ctx.today} sudah ada; revisi berikutnya besok.` },
      ]);
    }
    const generated = await generateReport(period, 'final', ctx.today, ctx.now.toISOString());
    const revised: ReportRecord = { ...generated, revisionOf: replaced.id };
    return {
      parts: [putNewReport(revised, ctx.actor.sub, ctx.now.toISOString())],
      audit: [
        {
          entity: 'period',
          entityId: period.id,
          action: 'report.revise:final',
          changedFields: [],
          recordId: revised.id,
          reason: body.reason,
        },
      ],
      result: revised,
      onCancelled: (failed) => (failed.has('reportIsNew') ? new Refusal('report_exists') : undefined),
    };
  });
  return reportWithUrls(record);
}

export interface JobResult {
  today: string;
  written: Array<{ periodId: string; kind: ReportKind; asOf: string }>;
  skipped: number;
  failed: Array<{ periodId: string; error: string }>;
}

/**
 * The daily period-end job (01:00 province time). Writes (a) the final report of every
 * period whose end date has passed and that has none yet, so missed days catch up, and
 * (b) on the 1st of a month, a monthly report (as of the last day of the previous month) for
 * every period running then. Idempotent: the same date writes the same keys, the same bytes,
 * one record. A failing period does not stop the others; the job fails at the end so the
 * scheduler retries and the alarm fires.
 */
export async function runPeriodEndJob(now: Date, options: { periodId?: string } = {}): Promise<JobResult> {
  const today = todayIn(config().timeZone, now);
  const result: JobResult = { today, written: [], skipped: 0, failed: [] };
  const periods: PeriodRecord[] = [];
  if (options.periodId) {
    const one = await getPeriodRecord(options.periodId);
    if (one) periods.push(one);
  } else {
    await forEachPeriod(async (page) => {
      periods.push(...page);
    });
  }
  const monthly = today.endsWith('-01') ? monthlyAsOf(today) : undefined;
  for (const p of periods) {
    const periodId = p.id;
    // A historical period is being entered: no report until it is closed by hand (closing
    // makes its final report at once).
    if (isOpenHistorical(p)) {
      result.skipped += 1;
      continue;
    }
    try {
      const endDate = p.endDate;
      if (endDate < today) {
        if (await reportExists(periodId, 'final', endDate)) result.skipped += 1;
        else await writeScheduled(p, 'final', endDate, now, result);
      }
      if (monthly && p.startDate <= monthly && endDate >= today) {
        await writeScheduled(p, 'monthly', monthly, now, result);
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      logger.error('period report failed', { periodId, errorName: error.name, errorMessage: error.message });
      result.failed.push({ periodId, error: error.name });
    }
  }
  logger.info('period-end job', {
    today,
    written: result.written.length,
    skipped: result.skipped,
    failed: result.failed.length,
  });
  return result;
}

async function writeScheduled(
  period: PeriodRecord,
  kind: ReportKind,
  asOf: string,
  now: Date,
  result: JobResult,
) {
  // generatedAt = asOf: a rerun for the same date produces byte-identical files.
  const record = await generateReport(period, kind, asOf, asOf);
  await commitSystemWrite(
    [putReport(record, 'system:period-end-job', now.toISOString())],
    [
      {
        entity: 'period',
        entityId: record.periodId,
        action: `report.create:${kind}`,
        changedFields: [],
        recordId: record.id,
      },
    ],
    'period-end-job',
    now,
  );
  result.written.push({ periodId: record.periodId, kind, asOf });
}
