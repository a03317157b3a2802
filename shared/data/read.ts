import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../aws';
import { config } from '../config';
import { refuse } from '../domain/refusal';
import type { IndexName } from '../table';
import { indexAttributes, KEY_ATTRIBUTES, type PrimaryKey } from './keys';

export type Item = Record<string, unknown>;

export async function getItem(key: PrimaryKey, consistent = false): Promise<Item | undefined> {
  const { Item } = await ddb().send(
    new GetCommand({ TableName: config().tableName, Key: key, ConsistentRead: consistent }),
  );
  return Item;
}

/** BatchGet with retries of unprocessed keys; result order follows `keysToGet`. */
export async function getItems(keysToGet: PrimaryKey[], consistent = false): Promise<Item[]> {
  const found = new Map<string, Item>();
  for (let i = 0; i < keysToGet.length; i += 100) {
    let pending: Array<Record<string, unknown>> = keysToGet
      .slice(i, i + 100)
      .map((k) => ({ pk: k.pk, sk: k.sk }));
    for (let attempt = 0; pending.length > 0 && attempt < 8; attempt++) {
      const out = await ddb().send(
        new BatchGetCommand({
          RequestItems: { [config().tableName]: { Keys: pending, ConsistentRead: consistent } },
        }),
      );
      for (const item of out.Responses?.[config().tableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
      pending = out.UnprocessedKeys?.[config().tableName]?.Keys ?? [];
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    }
    if (pending.length > 0) throw new Error('BatchGet left unprocessed keys');
  }
  return keysToGet.flatMap((k) => {
    const item = found.get(`${k.pk}|${k.sk}`);
    return item ? [item] : [];
  });
}

export interface Page {
  items: Item[];
  nextCursor: string | null;
}

export interface IndexQuery {
  index: IndexName;
  partition: string;
  /** begins_with condition on the index sort key. */
  sortPrefix?: string;
  /** sort key < this value (exclusive). */
  sortBefore?: string;
  /** from <= sort key <= to (both inclusive; DynamoDB's BETWEEN). */
  sortBetween?: readonly [string, string];
  limit: number;
  cursor?: string | undefined;
  newestFirst?: boolean;
  /** Attribute paths to return (`a.b` for nested): less to send, parse and hold. */
  projection?: readonly string[];
}

/** ProjectionExpression with a name placeholder per path segment (reserved words: date, type). */
function projectionOf(paths: readonly string[] | undefined) {
  if (!paths || paths.length === 0) return {};
  const names: Record<string, string> = {};
  const expression = paths
    .map((path) =>
      path
        .split('.')
        .map((segment) => {
          const placeholder = `#p${Object.keys(names).length}`;
          names[placeholder] = segment;
          return placeholder;
        })
        .join('.'),
    )
    .join(', ');
  return { ProjectionExpression: expression, ExpressionAttributeNames: names };
}

function keyCondition(
  attrs: { pk: string; sk: string },
  q: IndexQuery,
): {
  KeyConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  if (q.sortBetween) {
    return {
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': attrs.pk, '#sk': attrs.sk },
      ExpressionAttributeValues: { ':pk': q.partition, ':from': q.sortBetween[0], ':to': q.sortBetween[1] },
    };
  }
  const sortValue = q.sortPrefix ?? q.sortBefore;
  if (sortValue === undefined) {
    return {
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': attrs.pk },
      ExpressionAttributeValues: { ':pk': q.partition },
    };
  }
  return {
    KeyConditionExpression: q.sortPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk AND #sk < :sk',
    ExpressionAttributeNames: { '#pk': attrs.pk, '#sk': attrs.sk },
    ExpressionAttributeValues: { ':pk': q.partition, ':sk': sortValue },
  };
}

/**
 * One page of a GSI query. The cursor is the opaque, base64url-encoded LastEvaluatedKey; it
 * is checked to belong to this very query's partition, so a crafted cursor can neither reach
 * another office's partition nor make DynamoDB fail with a 500.
 */
export async function queryIndex(q: IndexQuery): Promise<Page> {
  const attrs = indexAttributes[q.index];
  const startKey =
    q.cursor === undefined
      ? undefined
      : decodeCursor(q.cursor, {
          attributes: ['pk', 'sk', attrs.pk, attrs.sk],
          partitionAttribute: attrs.pk,
          partition: q.partition,
          sortAttribute: attrs.sk,
          sortPrefix: q.sortPrefix,
          sortBefore: q.sortBefore,
          sortBetween: q.sortBetween,
        });
  const condition = keyCondition(attrs, q);
  const projection = projectionOf(q.projection);
  const out = await ddb().send(
    new QueryCommand({
      TableName: config().tableName,
      IndexName: q.index,
      ...condition,
      ...projection,
      ExpressionAttributeNames: {
        ...condition.ExpressionAttributeNames,
        ...projection.ExpressionAttributeNames,
      },
      Limit: q.limit,
      ExclusiveStartKey: startKey,
      ScanIndexForward: !q.newestFirst,
    }),
  );
  return {
    items: out.Items ?? [],
    nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
  };
}

/** Query a base-table partition (e.g. an audit trail), optionally one sort-key prefix of it. */
export interface PartitionQuery {
  pk: string;
  limit: number;
  cursor?: string | undefined;
  newestFirst?: boolean;
  /** begins_with condition on the sort key. */
  sortPrefix?: string | undefined;
  consistent?: boolean | undefined;
  /** Attribute paths to return (`a.b` for nested). */
  projection?: readonly string[];
}

export async function queryPartition(q: PartitionQuery): Promise<Page> {
  const { pk, limit, cursor, newestFirst = false, sortPrefix, consistent = false, projection } = q;
  const startKey =
    cursor === undefined
      ? undefined
      : decodeCursor(cursor, {
          attributes: ['pk', 'sk'],
          partitionAttribute: 'pk',
          partition: pk,
          sortAttribute: 'sk',
          sortPrefix,
        });
  const out = await ddb().send(
    new QueryCommand({
      TableName: config().tableName,
      KeyConditionExpression: sortPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: sortPrefix ? { ':pk': pk, ':prefix': sortPrefix } : { ':pk': pk },
      ...projectionOf(projection),
      Limit: limit,
      ExclusiveStartKey: startKey,
      ScanIndexForward: !newestFirst,
      ...(consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return {
    items: out.Items ?? [],
    nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
  };
}

/** Every page of a query, handed over one page at a time (memory stays one page). */
export async function forEachPage(
  fetchPage: (cursor: string | undefined) => Promise<Page>,
  onPage: (items: Item[]) => void | Promise<void>,
): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    await onPage(page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

interface CursorShape {
  /** Attributes a LastEvaluatedKey of this query has: the base keys, plus the index's keys. */
  attributes: string[];
  partitionAttribute: string;
  partition: string;
  sortAttribute: string;
  sortPrefix?: string | undefined;
  sortBefore?: string | undefined;
  sortBetween?: readonly [string, string] | undefined;
}

/** The refusal of a cursor the API did not make (400, never a 500 from DynamoDB). */
export const badCursor = () =>
  refuse.validation([{ path: 'cursor', message: 'Kursor halaman tidak valid.' }]);

/** A cursor's JSON object (base64url), or the 400 of a bad cursor. */
export function cursorObject(cursor: string): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badCursor();
  return parsed;
}

/**
 * A cursor must be exactly a LastEvaluatedKey this query could have produced: the right
 * attributes, non-empty strings, this partition, and a sort key inside the key condition.
 * Anything else is 400 (DynamoDB would refuse it with a ValidationException, i.e. a 500).
 */
function decodeCursor(cursor: string, shape: CursorShape): Record<string, unknown> {
  const parsed = cursorObject(cursor);
  const key: Record<string, string> = {};
  for (const [name, v] of Object.entries(parsed)) {
    if (typeof v !== 'string' || v.length === 0 || v.length > 1024) throw badCursor();
    key[name] = v;
  }
  const names = Object.keys(key).sort();
  if (names.join(',') !== [...new Set(shape.attributes)].sort().join(',')) throw badCursor();
  if (key[shape.partitionAttribute] !== shape.partition) throw badCursor();
  const sort = key[shape.sortAttribute] ?? '';
  if (shape.sortPrefix !== undefined && !sort.startsWith(shape.sortPrefix)) throw badCursor();
  if (shape.sortBefore !== undefined && !(sort < shape.sortBefore)) throw badCursor();
  if (shape.sortBetween !== undefined && !(sort >= shape.sortBetween[0] && sort <= shape.sortBetween[1]))
    throw badCursor();
  return key;
}

/** The item without its key attributes: what the domain sees. */
export function stripKeys<T extends Item>(item: T): Item {
  const out: Item = { ...item };
  for (const k of KEY_ATTRIBUTES) delete out[k];
  return out;
}

/** Every item of a base-table partition (an enrollment and its records), page by page. */
export async function queryWholePartition(pk: string): Promise<Item[]> {
  const items: Item[] = [];
  await forEachPage(
    (cursor) => queryPartition({ pk, limit: 500, cursor }),
    (page) => {
      items.push(...page);
    },
  );
  return items;
}
