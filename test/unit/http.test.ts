import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errors } from '../../shared/errors';
import { apiHandler, type HttpEvent } from '../../shared/http';
import { logger } from '../../shared/log';

function event(overrides: Partial<HttpEvent> = {}, claims?: Record<string, string>): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /clients',
    rawPath: '/clients',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
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

  it('answers 500 internal with a generic message and logs the cause by name and message only', async () => {
    const logged: unknown[] = [];
    vi.spyOn(logger, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const handler = apiHandler(async () => {
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
  });

  it('hands the route function the caller, the parsed body and the idempotency key', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    let seen: unknown;
    const handler = apiHandler(async (req) => {
      seen = { actor: req.actor, body: req.body, key: req.idempotencyKey, params: req.params };
      return { status: 201, body: { ok: true } };
    });
    const res = await handler(
      event({ body: '{"a":1}', headers: { 'Idempotency-Key': 'k1' }, pathParameters: { id: 'X' } }),
      context,
    );
    expect(res.statusCode).toBe(201);
    expect(seen).toEqual({
      actor: { sub: 'u1', role: 'pk', office: 'bapas-semarang' },
      body: { a: 1 },
      key: 'k1',
      params: { id: 'X' },
    });
  });

  it('refuses before the route function runs: no claims (401), bad JSON (400), big body (413)', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const fn = vi.fn(async () => ({ status: 200 }));
    const handler = apiHandler(fn);
    const noClaims = event();
    (noClaims.requestContext as { authorizer?: unknown }).authorizer = undefined;
    expect((await handler(noClaims, context)).statusCode).toBe(401);
    expect((await handler(event({ body: '{' }), context)).statusCode).toBe(400);
    expect((await handler(event({ body: 'x'.repeat(256 * 1024 + 1) }), context)).statusCode).toBe(413);
    const base64 = Buffer.from('{"a":1}').toString('base64');
    expect((await handler(event({ body: base64, isBase64Encoded: true }), context)).statusCode).toBe(200);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('passes ApiErrors through as the envelope with their status and details', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const handler = apiHandler(async () => {
      throw errors.conflict('capacity_reached', 'Penuh.', [{ path: 'x', message: 'y' }]);
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
      const handler = apiHandler(async () => ({ status: 200 }));
      expect((await handler(event(), context)).statusCode).toBe(403);
      const listed = event({}, { sub: 'u1', 'cognito:groups': '[pk]', 'custom:office': 'bapas-surakarta' });
      expect((await handler(listed, context)).statusCode).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.OFFICE_CODES;
      else process.env.OFFICE_CODES = previous;
      resetConfig();
    }
  });
});
