// The outbox ("Kotak keluar"): every write a form makes goes here first (IndexedDB, with its
// Idempotency-Key), then to the API in order. Online, that is immediate and the form gets the
// answer as before; with no signal the submission waits, visible with the others, and leaves
// when the network returns (the `online` event, the app's start, every 30 s, the screen coming
// back). Two tabs never send at once (a Web Lock), and a submission sent twice (an answer lost
// on a weak signal) is stored once by the server, which answers a repeated key with the first
// answer. Before sending, api.ts renews an ID token that has expired meanwhile.
import { ApiError, api } from './api';
import { outcomeOf, queueOrder, sentToForget } from './lib/outbox-rules';
import { session } from './session';
import { database, type OutboxRecord } from './store';

export type { OutboxRecord };

export interface WriteRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  idempotencyKey: string;
  label: string;
  formHash: string;
  fields: OutboxRecord['fields'];
}

export type SubmitResult =
  | { kind: 'sent'; result: unknown }
  /** Waiting in the outbox (no network, or behind a refused one). */
  | { kind: 'queued'; blocked: boolean };

const listeners = new Set<() => void>();

/** Called whenever the outbox changes (the badge in the top bar, the outbox screen). */
export function onOutboxChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed(): void {
  for (const fn of listeners) fn();
}

export async function outboxRecords(): Promise<OutboxRecord[]> {
  const s = session();
  if (!s) return [];
  try {
    return await (await database()).getAllFromIndex('outbox', 'bySub', s.sub);
  } catch {
    return [];
  }
}

/** One pass over the queue; the results of the records sent, by id. */
async function sendQueue(): Promise<Results> {
  const out: Results = new Map();
  const d = await database();
  const { send } = queueOrder(await outboxRecords());
  for (const record of send) {
    const id = record.id!;
    try {
      const result = await api(record.method, record.path, {
        body: record.body,
        idempotencyKey: record.idempotencyKey,
        // Sent from the outbox: a refused session must not take the officer off their screen
        // unless this was the form they just sent (forms.ts handles that case).
        background: true,
      });
      // Sent: the content goes (it may name people); the line in "Terkirim" stays.
      await d.put('outbox', {
        ...record,
        body: null,
        fields: [],
        status: 'sent',
        sentAt: Date.now(),
        attempts: record.attempts + 1,
      });
      out.set(id, { ok: true, result });
    } catch (e) {
      const error =
        e instanceof ApiError
          ? e
          : new ApiError({ status: 0, code: 'network', message: String(e), details: [] });
      const outcome = outcomeOf(error);
      out.set(id, { ok: false, error });
      if (outcome === 'failed') {
        await d.put('outbox', {
          ...record,
          status: 'failed',
          error: { message: error.message, details: error.details },
          attempts: record.attempts + 1,
        });
      } else {
        await d.put('outbox', { ...record, attempts: record.attempts + 1 });
      }
      break; // in order: nothing after it leaves before it
    }
  }
  for (const old of sentToForget(await outboxRecords())) await d.delete('outbox', old.id!);
  return out;
}

type Results = Map<number, { ok: true; result: unknown } | { ok: false; error: ApiError }>;

let running: Promise<Results> | undefined;
let again: Promise<Results> | undefined;

async function runOnce(): Promise<Results> {
  try {
    if (!session()) return new Map();
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? await locks.request('pascarehab-outbox', () => sendQueue()) : await sendQueue();
  } finally {
    changed();
  }
}

/**
 * Sends what is waiting, in order (one sender at a time across this phone's tabs). A call
 * during a pass waits for it and then makes one more pass, so what was added meanwhile is
 * included in the answer.
 */
export function flushOutbox(): Promise<Results> {
  if (!running) {
    running = runOnce().finally(() => {
      running = undefined;
    });
    return running;
  }
  again ??= running.then(() => {
    again = undefined;
    return flushOutbox();
  });
  return again;
}

/**
 * A form's write: into the outbox, then the queue is sent. 'sent' with the API's answer when
 * it went through now; 'queued' when it waits; throws the API's refusal (ApiError) when this
 * very submission was refused, or its session was, and then it leaves the outbox again: the
 * form shows why, with what was typed still there.
 */
export async function submitWrite(request: WriteRequest): Promise<SubmitResult> {
  const s = session();
  if (!s)
    throw new ApiError({ status: 401, code: 'unauthorized', message: 'Silakan masuk lagi.', details: [] });
  const d = await database();
  const id = await d.add('outbox', {
    sub: s.sub,
    method: request.method,
    path: request.path,
    body: request.body,
    idempotencyKey: request.idempotencyKey,
    label: request.label,
    formHash: request.formHash,
    fields: request.fields,
    status: 'pending',
    createdAt: Date.now(),
    attempts: 0,
  });
  changed();
  const results = await flushOutbox();
  const mine = results.get(id);
  if (mine?.ok) return { kind: 'sent', result: mine.result };
  if (mine && !mine.ok && outcomeOf(mine.error) !== 'retry') {
    await d.delete('outbox', id);
    changed();
    throw mine.error;
  }
  const { blockedBy } = queueOrder(await outboxRecords());
  return { kind: 'queued', blocked: blockedBy !== undefined };
}

/** Discards a submission (a failed one the officer gives up, or one still waiting). */
export async function discard(id: number): Promise<void> {
  await (await database()).delete('outbox', id);
  changed();
  void flushOutbox();
}

/**
 * "Perbaiki": the failed submission goes back to being a draft of its form (with its key: a
 * refused request stored nothing, so the corrected one may reuse it); the caller opens the form.
 */
export async function takeBackForFixing(id: number): Promise<OutboxRecord | undefined> {
  const d = await database();
  const record = await d.get('outbox', id);
  if (!record) return undefined;
  await d.put('drafts', {
    key: `${record.sub}|${record.formHash}`,
    sub: record.sub,
    hash: record.formHash,
    fields: record.fields,
    idempotencyKey: record.idempotencyKey,
    savedAt: Date.now(),
  });
  await d.delete('outbox', id);
  changed();
  return record;
}

let started = false;

/** Sends when the network returns, at start, when the screen comes back, and every 30 s. */
export function startOutbox(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flushOutbox());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flushOutbox();
  });
  setInterval(async () => {
    if ((await outboxRecords()).some((r) => r.status === 'pending')) void flushOutbox();
  }, 30_000);
  void flushOutbox();
}
