import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { FALLBACK_HANDLER, matchRoute } from '../../shared/api/routes';
import { Refusal } from '../../shared/domain/refusal';
import type { HttpEvent } from '../../shared/http/handler';
import { refusalBody, refusalStatus } from '../../shared/http/refusals';
import { runImportJobHere } from '../../shared/services/import-job';
import { runImportJobsLocally } from '../../shared/services/import-queue';

// No SQS here: import jobs run in this process, as the worker would run them (docs/imports.md).
runImportJobsLocally(runImportJobHere);

import type { TokenVerifier } from './identity';

/**
 * The local stand-in for API Gateway (HTTP API, payload format 2.0) and its JWT authorizer:
 * it turns each HTTP request into the event API Gateway would send, verifies the bearer token
 * the way the authorizer does, and calls the SAME Lambda handler module production runs
 * (functions/<route>.ts), then writes the handler's result back as the HTTP response.
 */
type LambdaHandler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own limit on a request body; handlers enforce the API's 256 KiB. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

const handlerCache = new Map<string, Promise<LambdaHandler>>();

function loadHandler(name: string): Promise<LambdaHandler> {
  let loaded = handlerCache.get(name);
  if (!loaded) {
    loaded = import(`../../functions/${name}.ts`).then((m: { handler: LambdaHandler }) => m.handler);
    handlerCache.set(name, loaded);
  }
  return loaded;
}

/** The request body, or 'too_large' past API Gateway's limit (events, not `for await`: cheaper per request). */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > GATEWAY_MAX_BODY) {
        done = true;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Claims as API Gateway's JWT authorizer passes them: strings, arrays as "[a b]". */
function authorizerClaims(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : String(v);
  }
  return out;
}

function lambdaContext(requestId: string, functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? ''));
}

function errorResult(refusal: Refusal): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: refusalStatus(refusal),
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(refusalBody(refusal)),
  };
}

function isText(contentType: string | undefined): boolean {
  return !contentType || /^(application\/(json|[\w.+-]*\+json)|text\/)/i.test(contentType);
}

/** Serves its own paths (the forms at /app/, the OpenID provider at /oidc/); false for the rest. */
export type Mount = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createApiServer(verify: TokenVerifier, mounts: Mount[] = []): Server {
  return createServer(async (req, res) => {
    // The officers' forms (web/dist) under /app/, the local OpenID provider under /oidc/;
    // everything else is the API.
    for (const mount of mounts) if (mount(req, res)) return;
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const method = (req.method ?? 'GET').toUpperCase();
      const requestId = randomUUID();
      const body = await readBody(req);
      if (body === 'too_large') return send(res, errorResult(new Refusal('payload_too_large')));

      const { match } = matchRoute(method, url.pathname);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
      }
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;

      let claims: Record<string, string> | undefined;
      if (match?.route.auth) {
        // The JWT authorizer: no valid token, no call to the function (401).
        const authz = headers.authorization ?? '';
        const token = /^Bearer\s+(\S+)$/i.exec(authz)?.[1];
        if (!token) return send(res, errorResult(new Refusal('unauthorized')));
        try {
          claims = authorizerClaims(await verify(token));
        } catch {
          return send(res, errorResult(new Refusal('unauthorized')));
        }
      }

      const routeKey = match ? `${match.route.method} ${match.route.path}` : '$default';
      const event: HttpEvent = {
        version: '2.0',
        routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers,
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(match && Object.keys(match.pathParameters).length
          ? { pathParameters: match.pathParameters }
          : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? '127.0.0.1',
          domainPrefix: 'local',
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId,
          routeKey,
          stage: '$default',
          time: new Date().toUTCString(),
          timeEpoch: Date.now(),
          authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
        },
        // API Gateway passes text bodies (JSON) as text, binary ones base64-encoded.
        ...(body.length
          ? isText(headers['content-type'])
            ? { body: body.toString('utf8'), isBase64Encoded: false }
            : { body: body.toString('base64'), isBase64Encoded: true }
          : { isBase64Encoded: false }),
      } as HttpEvent;
      if (!match?.route.auth) {
        // Public routes get no authorizer context, as in API Gateway.
        (event.requestContext as { authorizer?: unknown }).authorizer = undefined;
      }

      const handlerName = match ? match.route.handler : FALLBACK_HANDLER;
      const handler = await loadHandler(handlerName);
      const result = await handler(event, lambdaContext(requestId, handlerName.replace('/', '-')));
      send(res, result);
    } catch (err) {
      // A handler never throws (its middleware returns the envelope); this is the adapter.
      console.error('local adapter error:', (err as Error).name, (err as Error).message);
      if (!res.headersSent) send(res, errorResult(new Refusal('internal')));
    }
  });
}
