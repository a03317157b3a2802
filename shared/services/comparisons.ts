import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { RouteInput, RouteOutput } from '../api/route';
import type { createComparisonRoute } from '../api/routes/comparisons';
import { s3 } from '../aws';
import { config } from '../config';
import { type ComparisonRecord, putComparison } from '../data/entities/comparison';
import type { PeriodRecord } from '../data/entities/period';
import { keys } from '../data/keys';
import { executeWrite } from '../data/write';
import { buildComparisonFromSummaries, renderComparisonHtml } from '../reports/comparison';
import { buildSummary, periodInput } from '../reports/generate';
import type { RequestContext } from './context';
import { readablePeriod } from './period-read';
import { comparisonWithUrls } from './report-links';

/**
 * The comparison's id: the same periods compared on the same day give the same id, so making
 * it again the same day rewrites the same files and record instead of adding a copy.
 */
function comparisonId(reference: string, compared: readonly string[], day: string): string {
  return `cmp-${day}-${createHash('sha256')
    .update([reference, ...compared].join(','))
    .digest('hex')
    .slice(0, 16)}`;
}

/** A period's data up to `today`, or to its end date once it has ended. */
function asOfFor(period: PeriodRecord, today: string): string {
  return period.endDate < today ? period.endDate : today;
}

async function putFile(key: string, body: string, contentType: string, download?: string) {
  await s3().send(
    new PutObjectCommand({
      Bucket: config().reportBucket,
      Key: key,
      Body: Buffer.from(body, 'utf8'),
      ContentType: contentType,
      ...(download ? { ContentDisposition: `attachment; filename="${download}"` } : {}),
    }),
  );
}

/**
 * POST /comparisons: folds each period with the period summary builder (one period at a time,
 * the way the period-end report does), compares them (docs/reports.md, "Cohort comparisons"),
 * writes comparison.json and comparison.html under comparisons/{id}/, and files the record
 * under every period involved. A kasi compares only periods of their office (others: 404, as
 * for any out-of-scope period). Files hold aggregates only, so viewers may make them too.
 */
export async function createComparison(
  { body }: RouteInput<typeof createComparisonRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createComparisonRoute>> {
  const ids = [body.reference, ...body.compared];
  const periods = await Promise.all(ids.map((id) => readablePeriod(ctx.actor, id)));
  const id = comparisonId(body.reference, body.compared, ctx.today);
  const record = await executeWrite(ctx, async () => {
    const folded = [];
    // One period at a time: memory holds one period's per-enrollment state, not six.
    for (const period of periods) {
      const asOf = asOfFor(period, ctx.today);
      folded.push(await buildSummary(periodInput(period), asOf, { kind: 'final', generatedAt: asOf }));
    }
    const [reference, ...compared] = folded;
    if (!reference) throw new Error('no reference period');
    const summary = buildComparisonFromSummaries({ id, generatedAt: ctx.today, reference, compared });
    const files = {
      json: keys.comparisonObject(id, 'comparison.json'),
      html: keys.comparisonObject(id, 'comparison.html'),
    };
    await putFile(
      files.json,
      `${JSON.stringify(summary, null, 2)}\n`,
      'application/json; charset=utf-8',
      'comparison.json',
    );
    await putFile(files.html, renderComparisonHtml(summary), 'text/html; charset=utf-8');
    const result: ComparisonRecord = {
      id,
      reference: body.reference,
      compared: body.compared,
      offices: Object.fromEntries(periods.map((p) => [p.id, p.offices])),
      generatedAt: ctx.today,
      createdAt: ctx.now.toISOString(),
      files,
    };
    return {
      parts: putComparison(result),
      audit: [
        {
          entity: 'period',
          entityId: body.reference,
          action: 'comparison.create',
          changedFields: [],
          recordId: id,
        },
      ],
      result,
    };
  });
  return comparisonWithUrls(record);
}
