import { createHash } from 'node:crypto';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod/mini';
import type { RouteInput, RouteOutput, RouteSpec } from '../api/route';
import { noQuery } from '../api/schemas/common';
import { config, isKnownOffice } from '../config';
import { requireRole } from '../domain/access';
import { type Actor, actorFromClaims } from '../domain/actor';
import { todayIn } from '../domain/dates';
import { Refusal, type RefusalDetail, refuse } from '../domain/refusal';
import { logger } from '../log';
import type { RequestContext } from '../services/context';
import { fileResult, isFileBody } from './file';
import { canonicalJson, jsonDepth, MAX_JSON_DEPTH } from './json';
import { refusalBody, refusalStatus } from './refusals';
import { issueDetails } from './validate';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** Bodies over 256 KiB are refused (413) before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,255}$/;

type InternalState = {
  /** The body's text (undefined when the request had none). */
  rawBody?: string;
  body?: unknown;
  actor?: Actor;
  started?: number;
};

type Req = middy.Request<HttpEvent, HttpResult, Error, Context, InternalState>;
type Middleware = MiddlewareObj<HttpEvent, HttpResult, Error, Context, InternalState>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: { ...JSON_HEADERS, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/**
 * The code locations of an error's stack ("at fn (file:line:col)"), without its first line:
 * that line repeats the message, and messages are logged once, on their own.
 */
export function stackFrames(err: Error | undefined): string[] {
  return (err?.stack ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '))
    .slice(0, 10);
}

/**
 * Outermost middleware: turns every thrown error into the one envelope, and logs one line per
 * request without personal data. Refusals keep their code and status. Anything else becomes
 * 500 `internal` with a generic message, and is logged with its name, its message and the
 * code locations of its stack: never the request's body or the caller's identity.
 */
function envelope(): Middleware {
  return {
    before: function envelopeBefore(request: Req) {
      request.internal.started = Date.now();
    },
    after: function envelopeAfter(request: Req) {
      logRequest(request, request.response?.statusCode ?? 200);
    },
    onError: function envelopeOnError(request: Req) {
      const err = request.error;
      let refusal: Refusal;
      if (err instanceof Refusal) {
        refusal = err;
      } else {
        refusal = new Refusal('internal');
        logger.error('unhandled error', {
          errorName: err?.name,
          errorMessage: err?.message,
          stackFrames: stackFrames(err ?? undefined),
        });
      }
      request.response = jsonResult(refusalStatus(refusal), refusalBody(refusal));
      logRequest(request, refusalStatus(refusal), refusal.code);
    },
  };
}

function logRequest(request: Req, status: number, code?: string) {
  const actor = request.internal.actor;
  logger.info('request', {
    requestId: request.event.requestContext?.requestId,
    route: request.event.routeKey,
    status,
    ...(code ? { code } : {}),
    durationMs: request.internal.started ? Date.now() - request.internal.started : undefined,
    ...(actor ? { role: actor.role, office: actor.office } : {}),
  });
}

/**
 * The body: size limit (413), nesting depth (400, checked on the text before anything
 * recurses into it), then JSON (400 invalid_json).
 */
function jsonBody(): Middleware {
  return {
    before: function jsonBodyBefore(request: Req) {
      const { body, isBase64Encoded } = request.event;
      if (body === undefined || body === null || body === '') return;
      const raw = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
      if (raw.byteLength > MAX_BODY_BYTES) throw new Refusal('payload_too_large');
      const text = raw.toString('utf8');
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        throw refuse.validation([
          { path: '(root)', message: `Struktur JSON terlalu dalam (maksimal ${MAX_JSON_DEPTH} tingkat).` },
        ]);
      }
      try {
        request.internal.body = JSON.parse(text);
      } catch {
        throw new Refusal('invalid_json');
      }
      request.internal.rawBody = text;
    },
  };
}

/**
 * Reads the caller from the JWT authorizer's claims: the only place identity comes from.
 * API Gateway (production) or the local adapter (npm start) has verified the token already.
 */
function authenticate(): Middleware {
  return {
    before: function authenticateBefore(request: Req) {
      const actor = actorFromClaims(request.event.requestContext?.authorizer?.jwt?.claims);
      if (!isKnownOffice(actor.office))
        throw refuse.forbidden('Kantor pada akun ini tidak dikenal; hubungi admin.');
      request.internal.actor = actor;
    },
  };
}

function definedOnly(values: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

function parsePart(schema: z.ZodMiniType, value: unknown, details: RefusalDetail[]): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  details.push(...issueDetails(result.error.issues));
  return undefined;
}

/**
 * Params, query and body, each parsed by the route's own schema; every bad field of all three
 * in one 400. A route without a body schema refuses a body; without a query schema, any
 * query parameter.
 */
export function parseInput<R extends RouteSpec>(
  route: R,
  event: HttpEvent,
  state: InternalState,
): RouteInput<R> {
  const details: RefusalDetail[] = [];
  const params = route.params
    ? parsePart(route.params, definedOnly(event.pathParameters), details)
    : undefined;
  const query = parsePart(route.query ?? noQuery, definedOnly(event.queryStringParameters), details);
  let body: unknown;
  if (route.body) body = parsePart(route.body, state.body, details);
  else if (state.rawBody !== undefined)
    details.push({ path: '(root)', message: 'Alamat ini tidak menerima isi permintaan; kirim tanpa isi.' });
  if (details.length > 0) throw refuse.validation(details);
  // The schemas above are exactly the route's, so the parsed values have the route's types.
  return { params, query, body } as RouteInput<R>;
}

function idempotencyOf(event: HttpEvent, state: InternalState): RequestContext['idempotency'] {
  const key = header(event, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw refuse.validation([
      {
        path: 'Idempotency-Key',
        message: 'Harus 1-255 karakter: huruf, angka, titik, garis bawah, titik dua atau tanda hubung.',
      },
    ]);
  }
  const request = `${event.requestContext.http.method.toUpperCase()} ${event.rawPath}\n${canonicalJson(state.body)}`;
  return { key, fingerprint: createHash('sha256').update(request).digest('hex') };
}

export type UseCase<R extends RouteSpec> = (
  input: RouteInput<R>,
  ctx: RequestContext,
) => Promise<RouteOutput<R>>;

/**
 * A route that requires a caller (every route but health and the OpenAPI document): the
 * route's roles, then its input, are checked before `useCase` runs; its answer leaves with
 * the route's success status.
 */
export function apiHandler<R extends RouteSpec>(route: R, useCase: UseCase<R>) {
  return middy<HttpEvent, HttpResult, Error, Context, InternalState>()
    .use(envelope())
    .use(jsonBody())
    .use(authenticate())
    .use(shareState())
    .handler(async function apiRoute(event) {
      return runRoute(route, useCase, event, parsedState.get(event) ?? {});
    });
}

/**
 * What the middlewares found, handed to the route function beside the event (not on it), so
 * the event stays exactly what API Gateway sent.
 */
const parsedState = new WeakMap<HttpEvent, InternalState>();

function shareState(): Middleware {
  return {
    before: function shareStateBefore(request: Req) {
      parsedState.set(request.event, request.internal);
    },
  };
}

async function runRoute<R extends RouteSpec>(
  route: R,
  useCase: UseCase<R>,
  event: HttpEvent,
  state: InternalState,
): Promise<HttpResult> {
  const actor = state.actor;
  if (!actor) throw new Refusal('unauthorized');
  if (route.roles) requireRole(actor, route.roles);
  const input = parseInput(route, event, state);
  const now = new Date();
  const ctx: RequestContext = {
    actor,
    now,
    today: todayIn(config().timeZone, now),
    requestId: event.requestContext.requestId,
    idempotency: idempotencyOf(event, state),
    replayed: false,
  };
  const output = await useCase(input, ctx);
  const headers: Record<string, string> = ctx.replayed ? { 'idempotent-replayed': 'true' } : {};
  if (route.response.file) {
    if (!isFileBody(output)) throw new Error(`${route.handler}: a file route answered without a file`);
    return fileResult(route.response.status, output, headers);
  }
  return jsonResult(route.response.status, output, headers);
}

/** A route without authentication: GET /health, GET /openapi.json and the fallback. */
export function publicHandler(
  fn: (event: HttpEvent) => Promise<{ status: number; body?: unknown; headers?: Record<string, string> }>,
) {
  return middy<HttpEvent, HttpResult, Error, Context, InternalState>()
    .use(envelope())
    .handler(async function publicRoute(event) {
      const response = await fn(event);
      return jsonResult(response.status, response.body, response.headers);
    });
}
