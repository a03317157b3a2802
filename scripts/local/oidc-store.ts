import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A persistent adapter for oidc-provider (its default is in memory and for development only):
 * sessions, grants, codes and tokens in one JSON file under $DATA_DIR/oidc, so a restarted
 * `npm start` keeps officers signed in. Expired entries are dropped on load and on read. The
 * local provider serves a handful of testers: a file rewritten on each change is plenty.
 */
interface Entry {
  payload: Record<string, unknown>;
  /** ms epoch; absent: no expiry. */
  expiresAt?: number;
}

export class OidcFileStore {
  private entries = new Map<string, Entry>();
  private pending = false;

  constructor(readonly file: string) {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>;
      const now = Date.now();
      for (const [k, v] of Object.entries(raw)) if (!v.expiresAt || v.expiresAt > now) this.entries.set(k, v);
    } catch {
      // first start: empty
    }
  }

  private save(): void {
    // Coalesce the writes of one request (a token response writes several models).
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => this.flush());
  }

  flush(): void {
    this.pending = false;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.entries)), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  get(key: string): Record<string, unknown> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt && e.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.payload;
  }

  set(key: string, payload: Record<string, unknown>, expiresIn?: number): void {
    this.entries.set(key, {
      payload,
      ...(typeof expiresIn === 'number' ? { expiresAt: Date.now() + expiresIn * 1000 } : {}),
    });
    this.save();
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.save();
  }

  /** Keys and payloads of live entries whose key starts with `prefix`. */
  *scan(prefix = ''): Generator<[string, Record<string, unknown>]> {
    for (const key of [...this.entries.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const payload = this.get(key);
      if (payload) yield [key, payload];
    }
  }

  /** The oidc-provider adapter factory over this store. */
  adapter() {
    const store = this;
    return class FileAdapter {
      constructor(readonly model: string) {}
      key(id: string) {
        return `${this.model}:${id}`;
      }
      async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
        store.set(this.key(id), payload, expiresIn);
      }
      async find(id: string) {
        return store.get(this.key(id));
      }
      async findByUid(uid: string) {
        for (const [, p] of store.scan(`${this.model}:`)) if (p.uid === uid) return p;
        return undefined;
      }
      async findByUserCode(userCode: string) {
        for (const [, p] of store.scan(`${this.model}:`)) if (p.userCode === userCode) return p;
        return undefined;
      }
      async consume(id: string) {
        const p = store.get(this.key(id));
        if (p) {
          p.consumed = Math.floor(Date.now() / 1000);
          store.save();
        }
      }
      async destroy(id: string) {
        store.delete(this.key(id));
      }
      async revokeByGrantId(grantId: string) {
        for (const [key, p] of store.scan()) if (p.grantId === grantId) store.delete(key);
      }
    };
  }
}
