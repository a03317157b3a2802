import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { RouteDefinition } from '../../functions/routes';
import { errorEnvelope } from './schemas';

const COMMON_ERRORS: Record<number, string> = {
  400: 'invalid_json or validation_failed (one detail per bad field).',
  401: 'unauthorized: missing, malformed, forged, expired or wrong-issuer token.',
  403: 'forbidden: the role may not do this.',
  404: "not_found: absent or outside the caller's office scope.",
  413: 'payload_too_large: body over 256 KiB.',
  422: 'idempotency_key_reused or a semantic refusal.',
};

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
export function openApiDocument(routes: readonly RouteDefinition[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const r of routes) {
    const errorStatuses = new Set<number>(r.auth ? [400, 401, 403, 404] : []);
    if (r.body) {
      errorStatuses.add(413);
      errorStatuses.add(422);
    }
    for (const e of r.errors ?? []) errorStatuses.add(e.status);
    const responses: ZodOpenApiOperationObject['responses'] = {
      [String(r.response.status)]: {
        description: r.response.description,
        ...(r.response.schema ? { content: { 'application/json': { schema: r.response.schema } } } : {}),
      },
    };
    for (const status of [...errorStatuses].sort()) {
      const codes = (r.errors ?? []).filter((e) => e.status === status).map((e) => e.code);
      (responses as Record<string, unknown>)[String(status)] = {
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
    path[r.method.toLowerCase() as 'get' | 'post' | 'patch'] = operation;
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
