// The API client: base URL from config.js, the bearer token from auth.js, a timeout for slow
// connections, and errors as ApiError carrying the API's Indonesian message and details.

import { getToken } from './auth.js';
import { describeError, networkError } from './lib/errors.js';

const TIMEOUT_MS = 30_000;

export class ApiError extends Error {
  constructor(info) {
    super(info.message);
    this.name = 'ApiError';
    this.status = info.status;
    this.code = info.code;
    this.details = info.details;
  }
}

let onUnauthorized = () => {};
/** Called on any 401 (expired or invalid token): the app sends the officer to sign in. */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

function baseUrl() {
  return String(window.PASCAREHAB_API ?? '').replace(/\/+$/, '');
}

/**
 * api('GET', '/periods', { query: { limit: 50 } }); api('POST', path, { body, idempotencyKey })
 * Resolves to the parsed JSON body; rejects with ApiError.
 */
export async function api(method, path, { query, body, idempotencyKey } = {}) {
  const url = new URL(`${baseUrl()}${path}`, location.href);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const headers = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  let res;
  let text;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
    text = await res.text();
  } catch {
    throw new ApiError(networkError(timedOut));
  } finally {
    clearTimeout(timer);
  }
  let parsed = null;
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
  return parsed;
}

/** All pages of a list route ({items, nextCursor}), up to maxPages. */
export async function listAll(path, query = {}, maxPages = 20) {
  const items = [];
  let cursor;
  for (let page = 0; page < maxPages; page++) {
    const r = await api('GET', path, { query: { ...query, limit: 100, cursor } });
    items.push(...(r.items ?? []));
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  return items;
}
