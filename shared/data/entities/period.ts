import * as z from 'zod/mini';
import { config } from '../../config';
import { ACTIVITY_TYPES, INSTRUMENTS } from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys, partitions } from '../keys';
import { getItem, getItems, type Item, queryIndex } from '../read';
import { putNew, type TxPart } from '../write';

/**
 * The period entity: one item `PERIOD#<id>` (filed on gsi1 under the province by start date),
 * plus one membership item per office taking part (filed on gsi1 under that office), so an
 * office's periods are one Query. The item also carries the conditional counter of places
 * taken (`enrolledCount`).
 */
const activityType = z.enum(ACTIVITY_TYPES);

export const storedProtocol = z.object({
  opening: z._default(z.array(activityType), []),
  cadenceDays: z._default(z.partialRecord(activityType, z.number()), {}),
});
export type PeriodProtocol = z.output<typeof storedProtocol>;

const storedPeriod = z.object({
  id: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  capacity: z.number(),
  enrolledCount: z.number(),
  offices: z.array(z.string()),
  protocol: z._default(storedProtocol, { opening: [], cadenceDays: {} }),
  instruments: z._default(z.array(z.enum(INSTRUMENTS)), []),
  closedAt: z.optional(z.string()),
  /** Created after it ended (docs/api.md, "Past periods"): closed only by hand. */
  historical: z.optional(z.boolean()),
  version: z._default(z.number(), 1),
  createdAt: z.string(),
});
export type PeriodRecord = z.output<typeof storedPeriod>;

export function periodFromItem(item: Item): PeriodRecord {
  return parseItem(storedPeriod, item, 'period');
}

export function periodToItem(period: PeriodRecord): Item {
  return {
    ...keys.period(period.id),
    ...keys.periodInProvince(period.startDate, period.id),
    entityType: 'period',
    ...period,
  };
}

export async function getPeriodRecord(id: string, consistent = false): Promise<PeriodRecord | undefined> {
  const item = await getItem(keys.period(id), consistent);
  return item ? periodFromItem(item) : undefined;
}

/** Periods newest first: of the province, or of one office (membership items, then one batch). */
export async function queryPeriods(options: {
  office: string | undefined;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ items: PeriodRecord[]; nextCursor: string | null }> {
  if (options.office === undefined) {
    const page = await queryIndex({
      index: 'gsi1',
      partition: partitions.periodsOfProvince(),
      limit: options.limit,
      cursor: options.cursor,
      newestFirst: true,
    });
    return { items: page.items.map(periodFromItem), nextCursor: page.nextCursor };
  }
  const page = await queryIndex({
    index: 'gsi1',
    partition: partitions.periodsOfOffice(options.office),
    limit: options.limit,
    cursor: options.cursor,
    newestFirst: true,
  });
  const ids = page.items.flatMap((m) => (typeof m.periodId === 'string' ? [m.periodId] : []));
  const periods = await getItems(ids.map((id) => keys.period(id)));
  return { items: periods.map(periodFromItem), nextCursor: page.nextCursor };
}

/**
 * Every period of the province (office undefined) or of one office, all pages: gsi1 under the
 * province, or the office's membership items then one batch read per page. A province holds
 * tens of periods a year, so this stays a few pages for years (docs/data-model.md).
 */
export async function periodsOf(office: string | undefined): Promise<PeriodRecord[]> {
  const out: PeriodRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPeriods({ office, limit: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Every period of the province (the report job). */
export async function forEachPeriod(onPage: (periods: PeriodRecord[]) => Promise<void>): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await queryIndex({
      index: 'gsi1',
      partition: partitions.periodsOfProvince(),
      limit: 500,
      cursor,
    });
    await onPage(page.items.map(periodFromItem));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

// --- transaction parts ---------------------------------------------------------------------

export const putNewPeriod = (period: PeriodRecord): TxPart => putNew('periodIsNew', periodToItem(period));

/** One membership item per office, so each office lists the period. */
export function putPeriodOffices(period: PeriodRecord): TxPart[] {
  return period.offices.map((office) => ({
    name: `membership:${office}`,
    item: {
      Put: {
        TableName: config().tableName,
        Item: {
          ...keys.periodOffice(period.id, office),
          ...keys.periodByOffice(office, period.startDate, period.id),
          entityType: 'periodOffice',
          periodId: period.id,
          office,
        },
      },
    },
  }));
}

/** Takes a place: fails when the period is full, closed, or gone. */
export const takePlace = (periodId: string): TxPart => ({
  name: 'periodHasRoom',
  item: {
    Update: {
      TableName: config().tableName,
      Key: keys.period(periodId),
      UpdateExpression: 'SET enrolledCount = enrolledCount + :one',
      ConditionExpression:
        'attribute_exists(pk) AND enrolledCount < #capacity AND attribute_not_exists(closedAt)',
      ExpressionAttributeNames: { '#capacity': 'capacity' },
      ExpressionAttributeValues: { ':one': 1 },
    },
  },
});

/** Frees a place (a dropout or a transfer). */
export const freePlace = (periodId: string): TxPart => ({
  name: 'periodPlaceTaken',
  item: {
    Update: {
      TableName: config().tableName,
      Key: keys.period(periodId),
      UpdateExpression: 'SET enrolledCount = enrolledCount - :one',
      ConditionExpression: 'attribute_exists(pk) AND enrolledCount > :zero',
      ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
    },
  },
});

/** Closes the period to new enrollments: fails when it is closed already. */
export const closePeriodNow = (periodId: string, closedAt: string): TxPart => ({
  name: 'periodIsOpen',
  item: {
    Update: {
      TableName: config().tableName,
      Key: keys.period(periodId),
      UpdateExpression: 'SET closedAt = :at, version = version + :one',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedAt)',
      ExpressionAttributeValues: { ':at': closedAt, ':one': 1 },
    },
  },
});
