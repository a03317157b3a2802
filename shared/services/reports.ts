import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { idParams } from '../api/schemas';
import { s3 } from '../clients';
import { config } from '../config';
import { keys, partitions } from '../data/keys';
import { forEachPage, getItem, type Item, queryIndex, queryPartition } from '../data/read';
import { commitSystemWrite, executeWrite } from '../data/write';
import { requireRole } from '../domain/access';
import { todayIn } from '../domain/dates';
import type { ApiRequest, ApiResponse } from '../http';
import { logger } from '../log';
import { generateReport, type ReportRecord, reportItem } from '../reports/generate';
import { monthlyAsOf } from '../reports/summary';
import type { ReportKind } from '../reports/types';
import { validate } from '../validation';
import { readablePeriod } from './periods';

const URL_SECONDS = 15 * 60;

async function presign(key: string): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: config().reportBucket, Key: key }), {
    expiresIn: URL_SECONDS,
  });
}

async function withUrls(record: Pick<ReportRecord, 'id' | 'kind' | 'asOf' | 'generatedAt' | 'files'>) {
  return {
    id: record.id,
    kind: record.kind,
    asOf: record.asOf,
    generatedAt: record.generatedAt,
    files: {
      json: await presign(record.files.json),
      csv: await presign(record.files.csv),
      html: await presign(record.files.html),
    },
  };
}

/** POST /periods/{id}/reports: an on-demand report as of today (kasi of the period, admin). */
export async function createReport(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, ['admin', 'kasi']);
  const { id } = validate(idParams, req.params);
  return executeWrite(req, async () => {
    const period = await readablePeriod(req, id, true);
    const asOf = todayIn(config().timeZone, req.now);
    const record = await generateReport(period, 'on_demand', asOf, req.now.toISOString());
    return {
      items: [
        {
          Put: {
            TableName: config().tableName,
            Item: reportItem(record, req.actor.sub, req.now.toISOString()),
          },
        },
      ],
      audit: [
        {
          entity: 'period',
          entityId: id,
          action: 'report.create:on_demand',
          changedFields: [],
          recordId: record.id,
        },
      ],
      response: { status: 201, body: await withUrls(record) },
    };
  });
}

/** GET /periods/{id}/reports: kasi, admin, viewer, and pk of an office in the period. */
export async function listReports(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, ['admin', 'kasi', 'pk', 'viewer']);
  const { id } = validate(idParams, req.params);
  await readablePeriod(req, id);
  const records: Item[] = [];
  await forEachPage(
    (cursor) => queryPartition(`PERIOD#${id}`, 200, cursor, true, keys.reportPrefix()),
    (items) => {
      records.push(...items);
    },
  );
  records.sort(
    (a, b) => String(b.asOf).localeCompare(String(a.asOf)) || String(a.kind).localeCompare(String(b.kind)),
  );
  const items = [];
  for (const r of records) items.push(await withUrls(r as unknown as ReportRecord));
  return { status: 200, body: { items } };
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
  const periods: Item[] = [];
  if (options.periodId) {
    const one = await getItem(keys.period(options.periodId));
    if (one) periods.push(one);
  } else {
    await forEachPage(
      (cursor) =>
        queryIndex({ index: 'gsi1', partition: partitions.periodsOfProvince(), limit: 500, cursor }),
      (items) => {
        periods.push(...items);
      },
    );
  }
  const monthly = today.endsWith('-01') ? monthlyAsOf(today) : undefined;
  for (const p of periods) {
    const periodId = p.id as string;
    try {
      const endDate = p.endDate as string;
      if (endDate < today) {
        if (await getItem(keys.report(periodId, 'final', endDate), true)) result.skipped += 1;
        else await writeScheduled(p, 'final', endDate, now, result);
      }
      if (monthly && (p.startDate as string) <= monthly && endDate >= today) {
        await writeScheduled(p, 'monthly', monthly, now, result);
      }
    } catch (err) {
      logger.error('period report failed', {
        periodId,
        errorName: (err as Error).name,
        errorMessage: (err as Error).message,
      });
      result.failed.push({ periodId, error: (err as Error).name });
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

async function writeScheduled(period: Item, kind: ReportKind, asOf: string, now: Date, result: JobResult) {
  // generatedAt = asOf: a rerun for the same date produces byte-identical files.
  const record = await generateReport(period, kind, asOf, asOf);
  await commitSystemWrite(
    [
      {
        Put: {
          TableName: config().tableName,
          Item: reportItem(record, 'system:period-end-job', now.toISOString()),
        },
      },
    ],
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
