import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAppPath, serveStatic } from '../../scripts/local/static';

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (serveStatic(req, res)) return;
    res.writeHead(418, { 'content-type': 'text/plain' });
    res.end('api');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request: the path goes out exactly as written (fetch would normalise `..`). */
function get(path: string, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('serveStatic', () => {
  it('serves /app/ as index.html with the security headers', async () => {
    const r = await get('/app/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(r.body).toBe(readFileSync(new URL('../../web/index.html', import.meta.url), 'utf8'));
  });

  it('serves modules and styles with their content types; HEAD has no body', async () => {
    const js = await get('/app/lib/format.js?v=1');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain('export function formatDate');
    expect((await get('/app/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/app/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('refuses traversal out of web/, plain and encoded', async () => {
    for (const path of [
      '/app/../package.json',
      '/app/%2e%2e/package.json',
      '/app/lib/..%2f..%2fpackage.json',
      '/app/..%5cpackage.json',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('"name": "pascarehab"');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(resolveAppPath('/app/../package.json')).toBeNull();
    expect(resolveAppPath('/app/%E0%A4%A')).toBeNull();
  });

  it('answers 404 for missing files and unlisted types, 405 for writes', async () => {
    expect((await get('/app/nope.js')).status).toBe(404);
    expect((await get('/app/lib/')).status).toBe(404); // no index.html there, no listing
    expect((await get('/app/lib/payloads.d.ts')).status).toBe(404);
    const post = await get('/app/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('leaves everything outside /app/ to the API', async () => {
    for (const path of ['/', '/periods', '/application', '/web/index.html', '/health']) {
      const r = await get(path);
      expect(r.status, path).toBe(418);
      expect(r.body).toBe('api');
    }
    const bare = await get('/app');
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/app/');
  });
});
