import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { isKnownOffice } from './config';
import { type Actor, actorFromClaims } from './domain/actor';
import { ApiError, errors } from './errors';
import { logger } from './log';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** Bodies over 256 KiB are refused (413) before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ApiRequest {
  actor: Actor;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Raw value of the Idempotency-Key header, if any. */
  idempotencyKey: string | undefined;
  method: string;
  /** API Gateway route key, e.g. "POST /clients". */
  routeKey: string;
  path: string;
  requestId: string;
  now: Date;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type InternalState = {
  body?: unknown;
  actor?: Actor;
  started?: number;
};

type Req = middy.Request<HttpEvent, HttpResult, Error, Context, InternalState>;

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
 * Outermost middleware: turns every thrown error into the one envelope, and logs one line per
 * request without personal data. Unknown errors become 500 `internal` with a generic message;
 * their cause goes to the log by name and message only.
 */
function envelope(): MiddlewareObj<HttpEvent, HttpResult, Error, Context, InternalState> {
  return {
    before: function envelopeBefore(request: Req) {
      request.internal.started = Date.now();
    },
    after: function envelopeAfter(request: Req) {
      logRequest(request, request.response?.statusCode ?? 200);
    },
    onError: function envelopeOnError(request: Req) {
      const err = request.error;
      let apiError: ApiError;
      if (err instanceof ApiError) {
        apiError = err;
      } else {
        apiError = errors.internal();
        logger.error('unhandled error', {
          errorName: err?.name,
          errorMessage: err?.message,
          stack: err?.stack,
        });
      }
      request.response = jsonResult(apiError.status, apiError.toBody());
      logRequest(request, apiError.status, apiError.code);
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

/** Size limit, then JSON parsing: 413 payload_too_large, 400 invalid_json. */
function jsonBody(): MiddlewareObj<HttpEvent, HttpResult, Error, Context, InternalState> {
  return {
    before: function jsonBodyBefore(request: Req) {
      const { body, isBase64Encoded } = request.event;
      if (body === undefined || body === null || body === '') return;
      const raw = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
      if (raw.byteLength > MAX_BODY_BYTES) throw errors.payloadTooLarge(MAX_BODY_BYTES);
      try {
        request.internal.body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw errors.invalidJson();
      }
    },
  };
}

/**
 * Reads the caller from the JWT authorizer's claims: the only place identity comes from.
 * API Gateway (production) or the local adapter (npm start) has verified the token already.
 */
function authenticate(): MiddlewareObj<HttpEvent, HttpResult, Error, Context, InternalState> {
  return {
    before: function authenticateBefore(request: Req) {
      const actor = actorFromClaims(request.event.requestContext?.authorizer?.jwt?.claims);
      if (!isKnownOffice(actor.office))
        throw errors.forbidden('Kantor pada akun ini tidak dikenal; hubungi admin.');
      request.internal.actor = actor;
    },
  };
}

/**
 * State the middlewares hand to the route function. Kept beside the event (not on it) so the
 * event stays exactly what API Gateway sent.
 */
const parsedState = new WeakMap<HttpEvent, InternalState>();

function shareState(): MiddlewareObj<HttpEvent, HttpResult, Error, Context, InternalState> {
  return {
    before: function shareStateBefore(request: Req) {
      parsedState.set(request.event, request.internal);
    },
  };
}

function buildRequest(event: HttpEvent, state: InternalState): ApiRequest {
  if (!state.actor) throw errors.unauthorized();
  return {
    actor: state.actor,
    body: state.body,
    params: definedOnly(event.pathParameters),
    query: definedOnly(event.queryStringParameters),
    idempotencyKey: header(event, 'idempotency-key'),
    method: event.requestContext.http.method.toUpperCase(),
    routeKey: event.routeKey,
    path: event.rawPath,
    requestId: event.requestContext.requestId,
    now: new Date(),
  };
}

function definedOnly(values: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

function toResult(response: ApiResponse): HttpResult {
  return jsonResult(response.status, response.body, response.headers);
}

/** A route that requires a caller (every route but health and the OpenAPI document). */
export function apiHandler(fn: (request: ApiRequest) => Promise<ApiResponse>) {
  return middy<HttpEvent, HttpResult, Error, Context, InternalState>()
    .use(envelope())
    .use(jsonBody())
    .use(authenticate())
    .use(shareState())
    .handler(async function apiRoute(event) {
      return toResult(await fn(buildRequest(event, parsedState.get(event) ?? {})));
    });
}

/** A route without authentication: GET /health, GET /openapi.json and the fallback. */
export function publicHandler(fn: (event: HttpEvent) => Promise<ApiResponse>) {
  return middy<HttpEvent, HttpResult, Error, Context, InternalState>()
    .use(envelope())
    .handler(async function publicRoute(event) {
      return toResult(await fn(event));
    });
}
