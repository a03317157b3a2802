import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { REFUSAL_HTTP } from '../http/refusals';
import type { RouteSpec } from './route';
import { errorEnvelope } from './schemas/common';

const COMMON_ERRORS: Record<number, string> = {
  400: 'invalid_json or validation_failed (one detail per bad field).',
  401: 'unauthorized: missing, malformed, forged, expired or wrong-issuer token.',
  403: 'forbidden: the role may not do this.',
  404: "not_found: absent or outside the caller's office scope.",
  413: 'payload_too_large: body over 256 KiB.',
  422: 'idempotency_key_reused or a semantic refusal.',
};

/** An HTTP status turned into a key of an OpenAPI responses object ("4xx" and "5xx" codes here). */
function statusKey(status: number): `${4 | 5}${string}` {
  const rest = String(status).slice(1);
  return status >= 500 ? `5${rest}` : `4${rest}`;
}

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
export function openApiDocument(routes: readonly RouteSpec[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    const errorStatuses = new Set<number>(r.auth ? [400, 401, 403, 404] : []);
    if (r.body) {
      errorStatuses.add(413);
      errorStatuses.add(422);
    }
    const errors = (r.errors ?? []).map((code) => ({ code, status: REFUSAL_HTTP[code].status }));
    for (const e of errors) errorStatuses.add(e.status);
    const responses: ZodOpenApiOperationObject['responses'] = {
      [String(r.response.status)]: {
        description: r.response.description,
        ...(r.response.file
          ? {
              content: {
                [r.response.file.contentType]: { schema: { type: 'string' as const, format: 'binary' } },
              },
            }
          : r.response.schema
            ? { content: { 'application/json': { schema: r.response.schema } } }
            : {}),
      },
    };
    for (const status of [...errorStatuses].sort()) {
      const codes = errors.filter((e) => e.status === status).map((e) => e.code);
      responses[statusKey(status)] = {
        description: [COMMON_ERRORS[status], codes.length ? `Codes: ${codes.join(', ')}.` : undefined]
          .filter(Boolean)
          .join(' '),
        content: { 'application/json': { schema: errorEnvelope } },
      };
    }
    const operation: ZodOpenApiOperationObject = {
      operationId: r.handler
        .split('/')
        .pop()!
        .replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth ? {} : { security: [] }),
      ...(r.params || r.query
        ? {
            requestParams: {
              ...(r.params ? { path: r.params } : {}),
              ...(r.query ? { query: r.query } : {}),
            },
          }
        : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: r.body } } } }
        : {}),
      ...(r.method !== 'GET' && r.auth
        ? {
            parameters: [
              {
                in: 'header' as const,
                name: 'Idempotency-Key',
                required: false,
                description:
                  'Repeat with the same key and body returns the first response and writes nothing.',
                schema: { type: 'string' as const, maxLength: 255 },
              },
            ],
          }
        : {}),
      responses,
    };
    paths[r.path] ??= {};
    const path = paths[r.path]!;
    if (r.method === 'GET') path.get = operation;
    else if (r.method === 'POST') path.post = operation;
    else if (r.method === 'PATCH') path.patch = operation;
    else path.delete = operation;
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Pascarehab API',
      version: '1.0.0',
      description:
        'Post-rehabilitation programs for Bapas and BNNP. Errors use one envelope ' +
        '{"error":{"code","message","details":[{"path","message"}]}}; messages are Indonesian.',
    },
    security: [{ cognito: [] }],
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token with cognito:groups (role) and custom:office.',
        },
      },
    },
    paths,
  });
}
