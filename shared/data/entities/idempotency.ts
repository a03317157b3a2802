import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ddb } from '../../aws';
import { config } from '../../config';
import { Refusal } from '../../domain/refusal';
import { parseItem } from '../item';
import { keys } from '../keys';
import type { TxPart, WriteContext } from '../write';

/** Idempotency records live 24 h (DynamoDB TTL on expiresAt; deletion is lazy). */
const TTL_SECONDS = 24 * 60 * 60;

const storedRecord = z.object({
  fingerprint: z.string(),
  expiresAt: z.number(),
  responseBody: z.string(),
});

/** The record of a request with an Idempotency-Key: new, or replaced once expired. */
export function idempotencyPut(ctx: WriteContext, result: unknown): TxPart['item'] {
  if (!ctx.idempotency) throw new Error('idempotencyPut without a key');
  const nowSeconds = Math.floor(ctx.now.getTime() / 1000);
  return {
    Put: {
      TableName: config().tableName,
      Item: {
        ...keys.idempotency(ctx.actor.sub, ctx.idempotency.key),
        entityType: 'idempotency',
        fingerprint: ctx.idempotency.fingerprint,
        responseBody: JSON.stringify(result ?? null),
        createdAt: ctx.now.toISOString(),
        expiresAt: nowSeconds + TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': nowSeconds },
      // A repeat learns the first answer from its own cancellation, without a second read.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * The first answer to a request with this caller's key, if a live record exists (`stored`
 * when the cancelled transaction returned it, else read). The same key with another body is
 * refused (422 idempotency_key_reused). Marks the context: a replay.
 */
export async function replayOf<T>(
  ctx: WriteContext,
  stored?: Record<string, unknown>,
): Promise<{ found: true; result: T } | { found: false }> {
  if (!ctx.idempotency) return { found: false };
  let item = stored;
  if (!item) {
    const { Item } = await ddb().send(
      new GetCommand({
        TableName: config().tableName,
        Key: keys.idempotency(ctx.actor.sub, ctx.idempotency.key),
        ConsistentRead: true,
      }),
    );
    item = Item;
  }
  if (!item) return { found: false };
  const record = parseItem(storedRecord, item, 'idempotency');
  if (record.expiresAt <= Math.floor(ctx.now.getTime() / 1000)) return { found: false };
  if (record.fingerprint !== ctx.idempotency.fingerprint) {
    throw new Refusal('idempotency_key_reused', [
      { path: 'Idempotency-Key', message: 'Kunci sudah dipakai dengan isi permintaan yang berbeda.' },
    ]);
  }
  ctx.replayed = true;
  return { found: true, result: JSON.parse(record.responseBody) };
}
