import { createHash } from 'node:crypto';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ddb } from '../clients';
import { config } from '../config';
import { ApiError, errors } from '../errors';
import type { ApiRequest, ApiResponse } from '../http';
import { keys } from './keys';

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type { CancellationReason };

export interface AuditEntry {
  entity: 'client' | 'period' | 'enrollment' | (string & {});
  entityId: string;
  action: string;
  /** Names of the fields written, never their values (values may be identities). */
  changedFields: string[];
  /** The record created inside the entity (an activity, a group meeting), if any. */
  recordId?: string;
}

export interface WritePlan {
  /** The domain writes, all conditional where a rule is at stake. */
  items: TxItem[];
  audit: AuditEntry[];
  /** What the caller receives; stored with the idempotency record for replays. */
  response: ApiResponse;
  /**
   * Maps a cancelled transaction to an API error from the reasons of `items` (same indexes).
   * 'retry' re-plans from fresh reads (an optimistic version check lost a race).
   */
  onCancelled?: (reasons: CancellationReason[]) => ApiError | 'retry' | undefined;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,255}$/;
const MAX_ATTEMPTS = 8;

/**
 * The one write path. A request's domain writes, its audit entries and (when the caller sent
 * an Idempotency-Key) its idempotency record are committed in ONE DynamoDB transaction, so a
 * write is never stored without its audit entry, and a retried request can never write twice:
 * the idempotency record is conditional on not existing and lives or dies with the write.
 */
export async function executeWrite(
  request: ApiRequest,
  plan: () => Promise<WritePlan>,
): Promise<ApiResponse> {
  const idem = idempotencyContext(request);
  if (idem) {
    const replay = await findReplay(idem, request.now);
    if (replay) return replay;
  }
  try {
    return await commitWithRetries(request, plan, idem);
  } catch (err) {
    // A double submit: the twin request with the same key committed while this one was
    // planning, so this one now sees the twin's effect (e.g. already_enrolled). Answer as the
    // twin did rather than with the refusal.
    if (idem && err instanceof ApiError && err.code !== 'idempotency_key_reused') {
      const replay = await findReplay(idem, request.now);
      if (replay) return replay;
    }
    throw err;
  }
}

async function commitWithRetries(
  request: ApiRequest,
  plan: () => Promise<WritePlan>,
  idem: IdempotencyContext | undefined,
): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    const p = await plan();
    // Nothing to change (e.g. a PATCH with the values already stored): no write, no audit.
    if (p.items.length === 0) return p.response;
    const at = request.now.toISOString();
    const auditItems: TxItem[] = p.audit.map((entry) => ({
      Put: { TableName: config().tableName, Item: auditItem(request, entry, at) },
    }));
    const idemItems: TxItem[] = idem ? [idempotencyPut(idem, p.response, request.now)] : [];
    try {
      await ddb().send(
        new TransactWriteCommand({ TransactItems: [...p.items, ...auditItems, ...idemItems] }),
      );
      return p.response;
    } catch (err) {
      if (!isCancelled(err)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const idemIndex = p.items.length + auditItems.length;
      if (idem && reasons[idemIndex]?.Code === 'ConditionalCheckFailed') {
        // A concurrent request with the same key committed first: answer as it did.
        const replay = await findReplay(idem, request.now);
        if (replay) return replay;
      }
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      const mapped = conflict ? 'retry' : p.onCancelled?.(reasons.slice(0, p.items.length));
      if (mapped instanceof ApiError) throw mapped;
      if (mapped === 'retry' && attempt < MAX_ATTEMPTS) {
        // Jittered exponential backoff: contention on one item (a period's counter) clears fast.
        await sleep(Math.random() * 10 * 2 ** attempt);
        continue;
      }
      if (mapped === 'retry') {
        throw errors.conflict(
          'concurrent_update',
          'Data sedang diubah oleh pengguna lain. Silakan coba lagi.',
        );
      }
      throw err;
    }
  }
}

interface IdempotencyContext {
  key: { pk: string; sk: string };
  fingerprint: string;
}

function idempotencyContext(request: ApiRequest): IdempotencyContext | undefined {
  const raw = request.idempotencyKey;
  if (raw === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(raw)) {
    throw errors.validationFailed([
      {
        path: 'Idempotency-Key',
        message: 'Harus 1-255 karakter: huruf, angka, titik, garis bawah, titik dua atau tanda hubung.',
      },
    ]);
  }
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.path}\n${canonicalJson(request.body)}`)
    .digest('hex');
  return { key: keys.idempotency(request.actor.sub, raw), fingerprint };
}

async function findReplay(idem: IdempotencyContext, now: Date): Promise<ApiResponse | undefined> {
  const { Item } = await ddb().send(
    new GetCommand({ TableName: config().tableName, Key: idem.key, ConsistentRead: true }),
  );
  if (!Item || (Item.expiresAt as number) <= Math.floor(now.getTime() / 1000)) return undefined;
  if (Item.fingerprint !== idem.fingerprint) {
    throw errors.unprocessable(
      'idempotency_key_reused',
      'Idempotency-Key ini sudah dipakai untuk permintaan lain. Gunakan kunci baru.',
      [{ path: 'Idempotency-Key', message: 'Kunci sudah dipakai dengan isi permintaan yang berbeda.' }],
    );
  }
  return {
    status: Item.status as number,
    body: Item.responseBody === undefined ? undefined : JSON.parse(Item.responseBody as string),
    headers: { 'idempotent-replayed': 'true' },
  };
}

function idempotencyPut(idem: IdempotencyContext, response: ApiResponse, now: Date): TxItem {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return {
    Put: {
      TableName: config().tableName,
      Item: {
        ...idem.key,
        entityType: 'idempotency',
        fingerprint: idem.fingerprint,
        status: response.status,
        responseBody: response.body === undefined ? undefined : JSON.stringify(response.body),
        createdAt: now.toISOString(),
        expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
      },
      // An expired record (TTL deletion is lazy) may be replaced.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
      ExpressionAttributeValues: { ':now': nowSeconds },
    },
  };
}

function auditItem(request: ApiRequest, entry: AuditEntry, at: string) {
  return buildAuditItem(request.actor, entry, at, request.requestId);
}

/** An audit item; `actor` is the caller, or a system job (`role: 'system'`). */
export function buildAuditItem(
  actor: { sub: string; role: string; office: string },
  entry: AuditEntry,
  at: string,
  requestId: string,
) {
  const id = ulid();
  return {
    ...keys.audit(entry.entity, entry.entityId, at, id),
    entityType: 'audit',
    id,
    at,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    changedFields: [...entry.changedFields].sort(),
    ...(entry.recordId ? { recordId: entry.recordId } : {}),
    actor: { sub: actor.sub, role: actor.role, office: actor.office },
    requestId,
  };
}

/** A write by a system job (no caller, no idempotency key): items and audit in one transaction. */
export async function commitSystemWrite(
  items: TxItem[],
  audit: AuditEntry[],
  job: string,
  at: Date,
): Promise<void> {
  const actor = { sub: `system:${job}`, role: 'system', office: 'system' };
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        ...items,
        ...audit.map((entry) => ({
          Put: { TableName: config().tableName, Item: buildAuditItem(actor, entry, at.toISOString(), job) },
        })),
      ],
    }),
  );
}

function isCancelled(err: unknown): err is Error & { CancellationReasons?: CancellationReason[] } {
  return err instanceof Error && err.name === 'TransactionCanceledException';
}

/** JSON with object keys sorted, so that key order does not change a request's fingerprint. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A Put of a new item: fails (ConditionalCheckFailed) if the key already exists. */
export function putNew(item: Record<string, unknown>): TxItem {
  return {
    Put: { TableName: config().tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** True when the reason at `index` is a failed condition. */
export function conditionFailed(reasons: CancellationReason[], index: number): boolean {
  return reasons[index]?.Code === 'ConditionalCheckFailed';
}
