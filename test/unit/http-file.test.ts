import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openApiDocument } from '../../shared/api/openapi';
import { defineRoute } from '../../shared/api/route';
import { contentDisposition, fileResult } from '../../shared/http/file';
import { apiHandler, type HttpEvent } from '../../shared/http/handler';
import { logger } from '../../shared/log';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fileRoute = defineRoute({
  method: 'GET',
  path: '/files/template.xlsx',
  handler: 'test/file',
  auth: true,
  table: 'none',
  summary: 'test',
  tag: 'test',
  response: { status: 200, file: { contentType: XLSX }, description: 'A workbook.' },
});

function event(): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'GET /files/template.xlsx',
    rawPath: '/files/template.xlsx',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'a',
      domainName: 'd',
      domainPrefix: 'd',
      http: {
        method: 'GET',
        path: '/files/template.xlsx',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 't',
      },
      requestId: 'req-1',
      routeKey: 'GET /files/template.xlsx',
      stage: '$default',
      time: '',
      timeEpoch: 0,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: { sub: 'u1', 'cognito:groups': '[kasi]', 'custom:office': 'bapas-semarang' },
          scopes: [],
        },
      },
    },
  } as HttpEvent;
}

describe('file responses', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answer the bytes base64-encoded with type, disposition, length, no-store and nosniff', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    const res = fileResult(200, { fileName: 'templat-impor.xlsx', contentType: XLSX, bytes });

    expect(res.isBase64Encoded).toBe(true);
    expect(Buffer.from(res.body ?? '', 'base64')).toEqual(Buffer.from(bytes));
    expect(res.headers).toEqual({
      'content-type': XLSX,
      'content-disposition': `attachment; filename="templat-impor.xlsx"; filename*=UTF-8''templat-impor.xlsx`,
      'content-length': '6',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });

  it('keep quotes, separators, control characters and non-ASCII out of the plain filename', () => {
    expect(contentDisposition('Periode "Mei–Okt" 2024/Semarang\r\n.xlsx')).toBe(
      `attachment; filename="Periode 'Mei_Okt' 2024_Semarang.xlsx"; filename*=UTF-8''Periode%20%22Mei%E2%80%93Okt%22%202024_Semarang.xlsx`,
    );
  });

  it('leave the route through apiHandler as a file, not as JSON', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const handler = apiHandler(fileRoute, async () => ({
      fileName: 'a.xlsx',
      contentType: XLSX,
      bytes: new Uint8Array([1, 2, 3]),
    }));

    const res = await handler(event(), {} as Context);

    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(true);
    expect(res.headers?.['content-type']).toBe(XLSX);
    expect(Buffer.from(res.body ?? '', 'base64')).toEqual(Buffer.from([1, 2, 3]));
  });

  it('are a 500 when a file route answers something else (a bug, not a file)', async () => {
    vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    // biome-ignore lint/suspicious/noExplicitAny: the point is a use case that breaks its type
    const handler = apiHandler(fileRoute, async () => ({ not: 'a file' }) as any);

    const res = await handler(event(), {} as Context);

    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body ?? '').error.code).toBe('internal');
  });

  it('are documented in OpenAPI with their media type as binary', () => {
    const doc = openApiDocument([fileRoute]);
    const path = doc.paths?.['/files/template.xlsx'] as
      | { get: { responses: Record<string, { content: unknown }> } }
      | undefined;
    const ok = path?.get.responses['200'];

    expect(ok?.content).toEqual({ [XLSX]: { schema: { type: 'string', format: 'binary' } } });
  });
});
