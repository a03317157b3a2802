import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RouteInput, RouteOutput } from '../api/route';
import type { listComparisonsRoute } from '../api/routes/comparisons';
import type { listReportsRoute } from '../api/routes/reports';
import { s3 } from '../aws';
import { config } from '../config';
import { type ComparisonRecord, comparisonsOfPeriod } from '../data/entities/comparison';
import { type ReportEntity, reportsOfPeriod } from '../data/entities/report';
import { canReadPeriod } from '../domain/access';
import type { Actor } from '../domain/actor';
import type { RequestContext } from './context';
import { readablePeriod } from './period-read';

/**
 * Lists of report and comparison files with short-lived download links. Kept apart from the
 * code that makes reports, so the list functions carry no statistics (docs/performance.md).
 */
const URL_SECONDS = 15 * 60;

async function presign(key: string): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: config().reportBucket, Key: key }), {
    expiresIn: URL_SECONDS,
  });
}

/** A report record with presigned links to its three files. */
export async function reportWithUrls(
  record: Pick<ReportEntity, 'id' | 'kind' | 'asOf' | 'generatedAt' | 'files' | 'revisionOf'>,
) {
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
    ...(record.revisionOf ? { revisionOf: record.revisionOf } : {}),
  };
}

/** A comparison record with presigned links to its two files. */
export async function comparisonWithUrls(c: ComparisonRecord) {
  return {
    id: c.id,
    reference: c.reference,
    compared: c.compared,
    generatedAt: c.generatedAt,
    files: { json: await presign(c.files.json), html: await presign(c.files.html) },
  };
}

/** GET /periods/{id}/reports: kasi, admin, viewer, and pk of an office in the period. */
export async function listReports(
  { params }: RouteInput<typeof listReportsRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listReportsRoute>> {
  await readablePeriod(ctx.actor, params.id);
  const items = [];
  for (const r of await reportsOfPeriod(params.id)) items.push(await reportWithUrls(r));
  return { items };
}

/** May the actor see a comparison: every period in it within their scope. */
function canReadComparison(actor: Actor, c: ComparisonRecord): boolean {
  return Object.values(c.offices).every((offices) => canReadPeriod(actor, { offices }));
}

/** GET /comparisons?period=: the comparisons a period is part of, newest first. */
export async function listComparisons(
  { query }: RouteInput<typeof listComparisonsRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listComparisonsRoute>> {
  await readablePeriod(ctx.actor, query.period);
  const items = [];
  for (const c of await comparisonsOfPeriod(query.period)) {
    if (canReadComparison(ctx.actor, c)) items.push(await comparisonWithUrls(c));
  }
  return { items };
}
