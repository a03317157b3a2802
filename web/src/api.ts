// The API client: base URL from config.json, the ID token from auth.ts, a timeout for slow
// connections, and errors as ApiError carrying the API's Indonesian message and details.
// Reads are kept (store.ts): with no network, a GET answers from what was last fetched, and
// the screen says when that was (offlineSince()).
import { idToken, lastRenewal, renew } from './auth';
import { appConfig } from './config';
import { describeError, type ErrorDetail, type ErrorInfo, networkError } from './lib/errors';
import { session } from './session';
import { getRead, putRead } from './store';

const TIMEOUT_MS = 30_000;

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  details: ErrorDetail[];
  constructor(info: ErrorInfo) {
    super(info.message);
    this.status = info.status;
    this.code = info.code;
    this.details = info.details;
  }
}

let onUnauthorized: () => void = () => {};
/** Called when the API refuses the session even after a renewal: the app sends the officer to sign in. */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

/** Off to sign in (keeping the screen's draft): for a form whose own submission met a dead session. */
export function signInAgain(): void {
  onUnauthorized();
}

export interface ApiOptions {
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  idempotencyKey?: string;
  /** A send from the outbox: a refused session is reported, not acted on (no redirect). */
  background?: boolean;
  /** GET only: do not answer from the kept copy when the network fails (default: do). */
  fresh?: boolean;
}

async function send(method: string, url: URL, options: ApiOptions, token: string | null) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
      cache: 'no-store',
    });
    return { res, text: await res.text() };
  } catch {
    throw new ApiError(networkError(timedOut));
  } finally {
    clearTimeout(timer);
  }
}

/** The oldest fetch time of the kept copies shown on the current screen (null: all fresh). */
let staleSince: number | null = null;

/** Called by the router before each screen: copies shown from now on belong to the new one. */
export function resetStaleness(): void {
  staleSince = null;
}

/** When the oldest copy on this screen was fetched, if the screen shows any (no network). */
export function offlineSince(): number | null {
  return staleSince;
}

function cacheKey(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/**
 * Keeps `data` as the answer to GET `path` (no query), for reading with no network: e.g. each
 * period of a list under its own address, so a period's screen opens offline once the list
 * was seen online.
 */
export async function keepAsRead(path: string, data: unknown): Promise<void> {
  const sub = session()?.sub;
  if (!sub) return;
  await putRead(sub, cacheKey(new URL(`${appConfig().apiUrl}${path}`)), data).catch(() => undefined);
}

/**
 * api('GET', '/periods', { query: { limit: 50 } }); api('POST', path, { body, idempotencyKey })
 * Resolves to the parsed JSON body; rejects with ApiError. A 401 renews the session once and
 * retries (the same Idempotency-Key, so a write is never stored twice). Writes from forms go
 * through outbox.ts, which calls this.
 */
// biome-ignore lint/suspicious/noExplicitAny: response shapes are the API's; views read fields they know
export async function api<T = any>(method: string, path: string, options: ApiOptions = {}): Promise<T> {
  const url = new URL(`${appConfig().apiUrl}${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const sub = session()?.sub;
  const isRead = method === 'GET';
  let res: Response;
  let text: string;
  try {
    ({ res, text } = await send(method, url, options, await idToken()));
    if (res.status === 401) {
      const renewed = await renew();
      if (renewed?.id_token) ({ res, text } = await send(method, url, options, renewed.id_token));
      else if (lastRenewal() === 'unreachable') throw new ApiError(networkError());
    }
  } catch (e) {
    if (isRead && sub && !options.fresh && e instanceof ApiError && e.status === 0) {
      const kept = await getRead(sub, cacheKey(url)).catch(() => undefined);
      if (kept) {
        staleSince = staleSince === null ? kept.fetchedAt : Math.min(staleSince, kept.fetchedAt);
        return kept.data as T;
      }
    }
    throw e;
  }
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const info = describeError(res.status, parsed);
    if (res.status === 401 && !options.background) onUnauthorized();
    throw new ApiError(info);
  }
  if (isRead && sub) await putRead(sub, cacheKey(url), parsed).catch(() => undefined);
  return parsed as T;
}

/** All pages of a list route ({items, nextCursor}), up to maxPages. */
// biome-ignore lint/suspicious/noExplicitAny: see api()
export async function listAll<T = any>(
  path: string,
  query: Record<string, string | number | undefined> = {},
  maxPages = 20,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const r = await api<{ items?: T[]; nextCursor?: string | null }>('GET', path, {
      query: { ...query, limit: 100, cursor },
    });
    items.push(...(r.items ?? []));
    cursor = r.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return items;
}
