// The outbox's rules, pure (no IndexedDB, no network), so they are unit-tested on their own.
// Submissions leave in the order they were made (a urine test recorded after a home visit
// must reach the server after it: the protocol judges their order). A refused one stops the
// queue until the officer fixes or discards it; one that got no answer is tried again later
// with the SAME Idempotency-Key, so the server stores it once however often it is sent.
import type { OutboxRecord } from '../store';

export type SendOutcome =
  /** No answer, or an answer that says "later" (timeout, 5xx, 429, a lost race): try again. */
  | 'retry'
  /** The session is over: keep it, the officer signs in, then it is sent. */
  | 'signin'
  /** The server refused it: the officer must fix or discard it. */
  | 'failed';

export function outcomeOf(error: { status: number; code: string }): SendOutcome {
  if (error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500)
    return 'retry';
  if (error.status === 401) return 'signin';
  if (error.code === 'concurrent_update') return 'retry';
  return 'failed';
}

/** What to send now, in order, and the refused submission that holds the rest back (if any). */
export function queueOrder(records: readonly OutboxRecord[]): {
  send: OutboxRecord[];
  blockedBy: OutboxRecord | undefined;
} {
  const send: OutboxRecord[] = [];
  for (const r of [...records].sort((a, b) => (a.id ?? 0) - (b.id ?? 0))) {
    if (r.status === 'failed') return { send, blockedBy: r };
    if (r.status === 'pending') send.push(r);
  }
  return { send, blockedBy: undefined };
}

/** How many sent submissions stay listed ("Terkirim"), newest first. */
export const SENT_KEPT = 20;

/** The sent records beyond the newest SENT_KEPT (to delete). */
export function sentToForget(records: readonly OutboxRecord[]): OutboxRecord[] {
  return records
    .filter((r) => r.status === 'sent')
    .sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0))
    .slice(SENT_KEPT);
}

export interface OutboxCounts {
  pending: number;
  failed: number;
  sent: number;
}

export function countsOf(records: readonly OutboxRecord[]): OutboxCounts {
  return {
    pending: records.filter((r) => r.status === 'pending').length,
    failed: records.filter((r) => r.status === 'failed').length,
    sent: records.filter((r) => r.status === 'sent').length,
  };
}
