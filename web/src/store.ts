// What the phone keeps between visits, in IndexedDB (idb): drafts of forms, the outbox of
// submissions not yet sent, and copies of what the API answered to reads (lists seen online
// stay readable offline). Every record carries the `sub` of the officer it belongs to: another
// officer signing in on the same phone sees none of it, and the outbox never sends one
// officer's records with another's token.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export interface DraftRecord {
  /** `${sub}|${hash}`: one draft per officer and form screen (form type and enrollment). */
  key: string;
  sub: string;
  hash: string;
  fields: Array<{ name: string; value: string; checked?: boolean }>;
  /** The form fill's Idempotency-Key: a reload does not turn one submission into two. */
  idempotencyKey: string;
  savedAt: number;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxRecord {
  id?: number;
  sub: string;
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  idempotencyKey: string;
  /** What it is, in words ("Tes urine · Budi Santoso · 12 Jan 2026"). */
  label: string;
  /** The form it came from, with what was typed: "fix" reopens it filled in. */
  formHash: string;
  fields: DraftRecord['fields'];
  status: OutboxStatus;
  createdAt: number;
  sentAt?: number;
  /** The server's refusal (Indonesian message and details), for a failed one. */
  error?: { message: string; details: Array<{ path: string; message: string }> };
  /** How many times it was tried without an answer. */
  attempts: number;
}

export interface CachedRead {
  /** `${sub}|${url}` */
  key: string;
  sub: string;
  data: unknown;
  fetchedAt: number;
}

interface Schema extends DBSchema {
  drafts: { key: string; value: DraftRecord; indexes: { bySub: string } };
  outbox: { key: number; value: OutboxRecord; indexes: { bySub: string } };
  reads: { key: string; value: CachedRead; indexes: { bySub: string } };
}

let db: Promise<IDBPDatabase<Schema>> | undefined;

export function database(): Promise<IDBPDatabase<Schema>> {
  db ??= openDB<Schema>('pascarehab', 1, {
    upgrade(d) {
      d.createObjectStore('drafts', { keyPath: 'key' }).createIndex('bySub', 'sub');
      d.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true }).createIndex('bySub', 'sub');
      d.createObjectStore('reads', { keyPath: 'key' }).createIndex('bySub', 'sub');
    },
  });
  return db;
}

/** Copies of reads kept per officer; the oldest beyond this are dropped. */
const MAX_READS = 300;

export async function putRead(sub: string, url: string, data: unknown): Promise<void> {
  const d = await database();
  await d.put('reads', { key: `${sub}|${url}`, sub, data, fetchedAt: Date.now() });
  const keys = await d.getAllKeysFromIndex('reads', 'bySub', sub);
  if (keys.length > MAX_READS) {
    const all = await d.getAllFromIndex('reads', 'bySub', sub);
    all.sort((a, b) => a.fetchedAt - b.fetchedAt);
    for (const old of all.slice(0, all.length - MAX_READS)) await d.delete('reads', old.key);
  }
}

export async function getRead(sub: string, url: string): Promise<CachedRead | undefined> {
  return (await database()).get('reads', `${sub}|${url}`);
}

/** On sign-out: the copies of reads go (they hold names); drafts and the outbox stay the officer's. */
export async function forgetReads(sub: string): Promise<void> {
  const d = await database();
  for (const key of await d.getAllKeysFromIndex('reads', 'bySub', sub)) await d.delete('reads', key);
}
