import type { TxPart } from '../data/write';
import type { Actor } from '../domain/actor';

/**
 * What a use case knows of the request besides its parsed input: who calls, when, and the
 * idempotency key. Built by the HTTP layer (shared/http/handler.ts); never the raw event.
 */
export interface RequestContext {
  actor: Actor;
  now: Date;
  /** Today's date in the province's time zone (YYYY-MM-DD). */
  today: string;
  requestId: string;
  /** The caller's Idempotency-Key, with the fingerprint of the request it protects. */
  idempotency?: { key: string; fingerprint: string } | undefined;
  /** Set by the write path when the answer is a replay of an earlier request. */
  replayed: boolean;
  /** Only the import job sets it: a row guard written with the request's writes (shared/data/write.ts). */
  guard?: TxPart | undefined;
}
