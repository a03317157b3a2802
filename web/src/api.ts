// The API client: base URL from config.json, the ID token from auth.ts, a timeout for slow
// connections, and errors as ApiError carrying the API's Indonesian message and details.
import { idToken, renew } from './auth';
import { appConfig } from './config';
import { describeError, type ErrorDetail, type ErrorInfo, networkError } from './lib/errors';

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

export interface ApiOptions {
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  idempotencyKey?: string;
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

/**
 * api('GET', '/periods', { query: { limit: 50 } }); api('POST', path, { body, idempotencyKey })
 * Resolves to the parsed JSON body; rejects with ApiError. A 401 renews the session once and
 * retries (the same Idempotency-Key, so a write is never stored twice).
 */
// biome-ignore lint/suspicious/noExplicitAny: response shapes are the API's; views read fields they know
export async function api<T = any>(method: string, path: string, options: ApiOptions = {}): Promise<T> {
  const url = new URL(`${appConfig().apiUrl}${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  let { res, text } = await send(method, url, options, await idToken());
  if (res.status === 401) {
    const renewed = await renew();
    if (renewed?.id_token) ({ res, text } = await send(method, url, options, renewed.id_token));
  }
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const info = describeError(res.status, parsed);
    if (res.status === 401) onUnauthorized();
    throw new ApiError(info);
  }
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
