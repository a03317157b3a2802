import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { defineRoute } from '../../shared/api/route';
import { idParams } from '../../shared/api/schemas/common';
import { Refusal } from '../../shared/domain/refusal';
import { apiHandler, type HttpEvent } from '../../shared/http/handler';
import { logger } from '../../shared/log';

/** A route for these tests: a body with one field, an id in the path. */
const testRoute = defineRoute({
  method: 'POST',
  path: '/things/{id}',
  handler: 'test/thing',
  auth: true,
  table: 'none',
  summary: 'test',
  tag: 'test',
  params: idParams,
  body: z.optional(
    z.object({ a: z.optional(z.number()), fullName: z.optional(z.string()), nik: z.optional(z.string()) }),
  ),
  response: { status: 201, description: 'test' },
});
const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

function event(overrides: Partial<HttpEvent> = {}, claims?: Record<string, string>): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /clients',
    rawPath: `/things/${ID}`,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { id: ID },
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'a',
      domainName: 'd',
      domainPrefix: 'd',
      http: { method: 'POST', path: '/clients', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 't' },
      requestId: 'req-1',
      routeKey: 'POST /clients',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: claims ?? { sub: 'u1', 'cognito:groups': '[pk]', 'custom:office': 'bapas-semarang' },
          scopes: [],
        },
      },
    },
    ...overrides,
  } as HttpEvent;
}

const context = {} as Context;

describe('apiHandler', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers 500 internal with a generic message and logs name, message and code locations only', async () => {
    const logged: unknown[][] = [];
    vi.spyOn(logger, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const handler = apiHandler(testRoute, async () => {
      throw new TypeError('boom');
    });
    const res = await handler(
      event({ body: JSON.stringify({ fullName: 'Budi Santoso', nik: '3374011705900003' }) }),
      context,
    );
    expect(res.statusCode).toBe(500);
    const body = JSON.parse(res.body ?? '');
    expect(body).toEqual({ error: { code: 'internal', message: expect.any(String), details: [] } });
    expect(body.error.message).not.toContain('boom');
    const text = JSON.stringify(logged);
    expect(text).toContain('TypeError');
    expect(text).not.toContain('Budi Santoso');
    expect(text).not.toContain('3374011705900003');
    // What docs/architecture.md promises: exactly these fields, the stack as code locations.
    expect(logged).toHaveLength(1);
    const fields = logged[0]?.[1] as Record<string, unknown>;
    expect(Object.keys(fields).sort()).toEqual(['errorMessage', 'errorName', 'stackFrames']);
    expect(fields.errorName).toBe('TypeError');
    expect(fields.errorMessage).toBe('boom');
    const frames = fields.stackFrames as string[];
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toMatch(/^at /);
  });

  it('hands the use case the parsed input and a context: caller, today, idempotency key', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    let seen: unknown;
    const handler = apiHandler(testRoute, async (input, ctx) => {
      seen = { input, actor: ctx.actor, key: ctx.idempotency?.key, today: ctx.today };
      return { ok: true };
    });
    const res = await handler(event({ body: '{"a":1}', headers: { 'Idempotency-Key': 'k1' } }), context);
    expect(res.statusCode).toBe(201);
    expect(JSON.parse(res.body ?? '')).toEqual({ ok: true });
    expect(seen).toEqual({
      input: { params: { id: ID }, query: {}, body: { a: 1 } },
      actor: { sub: 'u1', role: 'pk', office: 'bapas-semarang' },
      key: 'k1',
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('validates params, query and body from the route before the use case runs', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const fn = vi.fn(async () => ({}));
    const handler = apiHandler(testRoute, fn);
    const res = await handler(
      event({ body: '{"a":"x"}', pathParameters: { id: 'nope' }, queryStringParameters: { q: '1' } }),
      context,
    );
    expect(res.statusCode).toBe(400);
    const paths = JSON.parse(res.body ?? '').error.details.map((d: { path: string }) => d.path);
    expect(paths.sort()).toEqual(['a', 'id', 'q']);
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses before the route function runs: no claims (401), bad JSON (400), big body (413)', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const fn = vi.fn(async () => ({}));
    const handler = apiHandler(testRoute, fn);
    const noClaims = event();
    (noClaims.requestContext as { authorizer?: unknown }).authorizer = undefined;
    expect((await handler(noClaims, context)).statusCode).toBe(401);
    expect((await handler(event({ body: '{' }), context)).statusCode).toBe(400);
    expect((await handler(event({ body: 'x'.repeat(256 * 1024 + 1) }), context)).statusCode).toBe(413);
    const base64 = Buffer.from('{"a":1}').toString('base64');
    expect((await handler(event({ body: base64, isBase64Encoded: true }), context)).statusCode).toBe(201);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('passes refusals through as the envelope with their status and details', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const handler = apiHandler(testRoute, async () => {
      throw new Refusal('capacity_reached', [{ path: 'x', message: 'y' }], 'Penuh.');
    });
    const res = await handler(event(), context);
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body ?? '')).toEqual({
      error: { code: 'capacity_reached', message: 'Penuh.', details: [{ path: 'x', message: 'y' }] },
    });
  });
});

describe('the province office list', () => {
  it('is read from OFFICE_CODES; without it any well-formed office code is accepted', async () => {
    const { readConfig } = await import('../../shared/config');
    expect([...(readConfig({ OFFICE_CODES: 'bapas-semarang, bnnp-jawa-tengah,' }).offices ?? [])]).toEqual([
      'bapas-semarang',
      'bnnp-jawa-tengah',
    ]);
    expect(readConfig({}).offices).toBeUndefined();
  });
});

describe('a token from an office outside the province', () => {
  it('is refused with 403 when OFFICE_CODES lists the offices, accepted when the office is listed', async () => {
    const { resetConfig } = await import('../../shared/config');
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const previous = process.env.OFFICE_CODES;
    process.env.OFFICE_CODES = 'bapas-surakarta,bnnp-jawa-tengah';
    resetConfig();
    try {
      const handler = apiHandler(testRoute, async () => ({}));
      expect((await handler(event(), context)).statusCode).toBe(403);
      const listed = event({}, { sub: 'u1', 'cognito:groups': '[pk]', 'custom:office': 'bapas-surakarta' });
      expect((await handler(listed, context)).statusCode).toBe(201);
    } finally {
      if (previous === undefined) delete process.env.OFFICE_CODES;
      else process.env.OFFICE_CODES = previous;
      resetConfig();
    }
  });
});
