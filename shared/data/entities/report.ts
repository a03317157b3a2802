import * as z from 'zod/mini';
import { REPORT_KINDS } from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys } from '../keys';
import { forEachPage, getItem, type Item, queryPartition } from '../read';

/** A report record: one per (period, kind, asOf) in the period's partition; its files are in S3. */
const files = z.object({ json: z.string(), csv: z.string(), html: z.string() });
const storedReport = z.object({
  id: z.string(),
  periodId: z.string(),
  kind: z.enum(REPORT_KINDS),
  asOf: z.string(),
  generatedAt: z.string(),
  files,
  sha256: z.optional(files),
  bytes: z.optional(z.object({ json: z.number(), csv: z.number(), html: z.number() })),
  revisionOf: z.optional(z.string()),
});
export type ReportEntity = z.output<typeof storedReport>;

export function reportFromItem(item: Item): ReportEntity {
  return parseItem(storedReport, item, 'report');
}

export async function getReport(
  periodId: string,
  kind: string,
  asOf: string,
): Promise<ReportEntity | undefined> {
  const item = await getItem(keys.report(periodId, kind, asOf), true);
  return item ? reportFromItem(item) : undefined;
}

export async function reportExists(periodId: string, kind: string, asOf: string): Promise<boolean> {
  return (await getItem(keys.report(periodId, kind, asOf), true)) !== undefined;
}

/** Every report of a period, newest first. */
export async function reportsOfPeriod(periodId: string): Promise<ReportEntity[]> {
  const out: ReportEntity[] = [];
  await forEachPage(
    (cursor) =>
      queryPartition({
        pk: keys.period(periodId).pk,
        limit: 200,
        cursor,
        newestFirst: true,
        sortPrefix: keys.reportPrefix(),
      }),
    (items) => {
      for (const i of items) out.push(reportFromItem(i));
    },
  );
  return out.sort((a, b) => b.asOf.localeCompare(a.asOf) || a.kind.localeCompare(b.kind));
}
