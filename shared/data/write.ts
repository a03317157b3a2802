import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { ddb } from '../aws';
import { config } from '../config';
import { Refusal } from '../domain/refusal';
import { type AuditActor, type AuditEntry, auditItem } from './entities/audit';
import { idempotencyPut, replayOf } from './entities/idempotency';

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type { AuditEntry };

/** What the write path needs of a request (services pass their RequestContext). */
export interface WriteContext {
  actor: AuditActor;
  now: Date;
  requestId: string;
  idempotency?: { key: string; fingerprint: string } | undefined;
  /** Set here when the answer is a replay of an earlier request with the same key. */
  replayed: boolean;
  /**
   * A guard item the caller adds to the write's transaction (the spreadsheet import's row
   * guard: a row written once is never written again). When it exists already, the write
   * throws GuardExists instead of landing.
   */
  guard?: TxPart | undefined;
}

/** The write's guard item (WriteContext.guard) exists: the write was made before. */
export class GuardExists extends Error {
  override name = 'GuardExists';
}

/**
 * One item of a transaction with a name (`periodHasRoom`, `registrationIsFree`), so that a
 * cancelled transaction is explained by what failed, never by a position in an array.
 */
export interface TxPart {
  name: string;
  item: TxItem;
}

export interface WritePlan<T> {
  /** The domain writes, all conditional where a rule is at stake. Names are unique. */
  parts: TxPart[];
  audit: AuditEntry[];
  /** What the caller receives; stored with the idempotency record for replays. */
  result: T;
  /**
   * Explains a cancelled transaction from the names of the parts whose condition failed: a
   * refusal, or 'retry' to plan again from fresh reads (an optimistic version check lost a
   * race with a write that commutes with this one).
   */
  onCancelled?: (failed: ReadonlySet<string>) => Refusal | 'retry' | undefined;
}

/**
 * Retries of a plan whose optimistic check lost a race. Writes that commute (two activities on
 * one enrollment, two enrollments into one period) must not reach the officer in a refusal:
 * up to 60 rounds within 8 s (an API function has 10 s), with full jitter, capped at 250 ms.
 */
const RETRY = { maxAttempts: 60, budgetMs: 8_000, baseMs: 8, capMs: 250 } as const;

/** Names of the parts this path adds to every plan. */
const IDEMPOTENCY = 'idempotencyKeyIsNew';

/**
 * The one write path. A request's domain writes, its audit entries and (when the caller sent
 * an Idempotency-Key) its idempotency record are committed in ONE DynamoDB transaction, so a
 * write is never stored without its audit entry, and a retried request can never write twice:
 * the idempotency record is conditional on not existing and lives or dies with the write.
 * There is no read of the record first: a repeat fails that condition, and its cancellation
 * answers with the stored response (the record comes back with the cancellation).
 */
export async function executeWrite<T>(ctx: WriteContext, plan: () => Promise<WritePlan<T>>): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    let p: WritePlan<T>;
    try {
      p = await plan();
    } catch (err) {
      // A double submit: the twin request with the same key committed while this one was
      // planning, so this one now sees the twin's effect (e.g. already_enrolled). Answer as
      // the twin did rather than with the refusal.
      if (ctx.idempotency && err instanceof Refusal) {
        const replay = await replayOf<T>(ctx);
        if (replay.found) return replay.result;
      }
      throw err;
    }
    const outcome = await commit(ctx, p);
    if (outcome.kind === 'done') return outcome.result;
    const failed = outcome.failed;
    if (ctx.guard && failed.has(ctx.guard.name)) throw new GuardExists(ctx.guard.name);
    if (failed.has(IDEMPOTENCY)) {
      const replay = await replayOf<T>(ctx, outcome.stored.get(IDEMPOTENCY));
      if (replay.found) return replay.result;
    }
    const mapped = outcome.conflict ? 'retry' : p.onCancelled?.(failed);
    if (mapped instanceof Refusal) throw mapped;
    if (mapped !== 'retry') throw outcome.error;
    if (attempt >= RETRY.maxAttempts || Date.now() - started > RETRY.budgetMs) {
      throw new Refusal('concurrent_update');
    }
    await sleep(Math.random() * Math.min(RETRY.capMs, RETRY.baseMs * 2 ** attempt));
  }
}

type CommitOutcome<T> =
  | { kind: 'done'; result: T }
  | {
      kind: 'cancelled';
      failed: Set<string>;
      /** The stored items of failed parts, where DynamoDB returned them. */
      stored: Map<string, Record<string, unknown>>;
      conflict: boolean;
      error: Error;
    };

async function commit<T>(ctx: WriteContext, p: WritePlan<T>): Promise<CommitOutcome<T>> {
  const names = new Set<string>();
  for (const part of p.parts) {
    if (names.has(part.name)) throw new Error(`write plan: two parts named ${part.name}`);
    names.add(part.name);
  }
  const at = ctx.now.toISOString();
  const actor = ctx.actor;
  const parts: TxPart[] = [
    ...p.parts,
    ...p.audit.map((entry, i) => ({
      name: `audit${i}`,
      item: { Put: { TableName: config().tableName, Item: auditItem(actor, entry, at, ctx.requestId) } },
    })),
  ];
  if (ctx.idempotency) parts.push({ name: IDEMPOTENCY, item: idempotencyPut(ctx, p.result) });
  if (ctx.guard) {
    if (names.has(ctx.guard.name)) throw new Error(`write plan: two parts named ${ctx.guard.name}`);
    parts.push(ctx.guard);
  }
  // Nothing to change and nothing to remember (a PATCH with the values already stored).
  if (parts.length === 0) return { kind: 'done', result: p.result };
  try {
    await ddb().send(new TransactWriteCommand({ TransactItems: parts.map((part) => part.item) }));
    return { kind: 'done', result: p.result };
  } catch (err) {
    if (isTooLarge(err)) throw new Refusal('record_too_large');
    if (!isCancelled(err)) throw err;
    const reasons = err.CancellationReasons ?? [];
    if (reasons.some((r) => r.Code === 'ValidationError' && /size/i.test(r.Message ?? ''))) {
      throw new Refusal('record_too_large');
    }
    const failed = new Set<string>();
    const stored = new Map<string, Record<string, unknown>>();
    reasons.forEach((reason, i) => {
      const part = parts[i];
      if (!part || reason.Code !== 'ConditionalCheckFailed') return;
      failed.add(part.name);
      if (reason.Item) stored.set(part.name, unmarshall(reason.Item));
    });
    return {
      kind: 'cancelled',
      failed,
      stored,
      conflict: reasons.some((r) => r.Code === 'TransactionConflict'),
      error: err,
    };
  }
}

/**
 * A write by a system job (no caller, no idempotency key): items and audit in one transaction.
 * The job's audit actor is `system:<job>`.
 */
export async function commitSystemWrite(
  parts: TxPart[],
  audit: AuditEntry[],
  job: string,
  at: Date,
): Promise<void> {
  const actor: AuditActor = { sub: `system:${job}`, role: 'system', office: 'system' };
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        ...parts.map((p) => p.item),
        ...audit.map((entry) => ({
          Put: { TableName: config().tableName, Item: auditItem(actor, entry, at.toISOString(), job) },
        })),
      ],
    }),
  );
}

function isCancelled(err: unknown): err is Error & { CancellationReasons?: CancellationReason[] } {
  return err instanceof Error && err.name === 'TransactionCanceledException';
}

/** DynamoDB's refusal of an item over 400 KB (or a transaction over 4 MB). */
function isTooLarge(err: unknown): boolean {
  return (
    err instanceof Error &&
    err.name === 'ValidationException' &&
    /size has exceeded|exceeds the maximum|too large/i.test(err.message)
  );
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A Put of a new item: fails (ConditionalCheckFailed) if the key already exists. */
export function putNew(name: string, item: Record<string, unknown>): TxPart {
  return {
    name,
    item: {
      Put: { TableName: config().tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    },
  };
}

/** A Put that lands only on the version that was read (optimistic concurrency). */
export function putVersioned(name: string, item: Record<string, unknown>, readVersion: number): TxPart {
  return {
    name,
    item: {
      Put: {
        TableName: config().tableName,
        Item: item,
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': readVersion },
      },
    },
  };
}

/** A new id: a ULID, so keys that end in one sort by creation time. */
export function newId(): string {
  return ulid();
}
