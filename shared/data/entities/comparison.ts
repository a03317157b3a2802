import * as z from 'zod/mini';
import { config } from '../../config';
import { parseItem } from '../item';
import { keys } from '../keys';
import { forEachPage, type Item, queryPartition } from '../read';
import type { TxPart } from '../write';

/**
 * A cohort comparison's record: one item under each period it involves (so each period lists
 * it), all with the same content. The periods' offices are kept with it, so a kasi is shown
 * only comparisons whose every period is of their office. Files are in S3 under
 * comparisons/{id}/.
 */
const storedComparison = z.object({
  id: z.string(),
  reference: z.string(),
  compared: z.array(z.string()),
  /** Offices of every period involved, per period id. */
  offices: z.record(z.string(), z.array(z.string())),
  generatedAt: z.string(),
  createdAt: z.string(),
  files: z.object({ json: z.string(), html: z.string() }),
});
export type ComparisonRecord = z.output<typeof storedComparison>;

export function comparisonFromItem(item: Item): ComparisonRecord {
  return parseItem(storedComparison, item, 'comparison');
}

/** The record under each involved period (overwritten when the same comparison is made again). */
export function putComparison(c: ComparisonRecord): TxPart[] {
  return [c.reference, ...c.compared].map((periodId) => ({
    name: `comparisonUnder:${periodId}`,
    item: {
      Put: {
        TableName: config().tableName,
        Item: { ...keys.comparison(periodId, c.generatedAt, c.id), entityType: 'comparison', ...c },
      },
    },
  }));
}

/** Every comparison a period is part of, newest first. */
export async function comparisonsOfPeriod(periodId: string): Promise<ComparisonRecord[]> {
  const out: ComparisonRecord[] = [];
  await forEachPage(
    (cursor) =>
      queryPartition({
        pk: keys.period(periodId).pk,
        limit: 200,
        cursor,
        newestFirst: true,
        sortPrefix: keys.comparisonPrefix(),
      }),
    (items) => {
      for (const i of items) out.push(comparisonFromItem(i));
    },
  );
  return out;
}
