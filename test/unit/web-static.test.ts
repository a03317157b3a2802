import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createStaticHandler, resolveAppPath } from '../../scripts/local/static';

let server: Server;
let port: number;

// A build of the forms as Vite lays it out (web/dist), with a file beside it that must stay
// out of reach.
const base = mkdtempSync(join(tmpdir(), 'pascarehab-static-'));
const dist = join(base, 'dist');
const INDEX =
  '<!doctype html><title>Pascarehab</title><script type="module" src="./assets/index-a1.js"></script>';
const CONFIG = { apiUrl: 'http://127.0.0.1:1', issuer: 'http://127.0.0.1:1/oidc', clientId: 'c' };

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-a1.js'), 'export function formatDate() {}');
  writeFileSync(join(dist, 'assets', 'index-a1.css'), 'body{}');
  writeFileSync(join(dist, 'assets', 'types.d.ts'), 'export {}');
  writeFileSync(join(base, 'package.json'), '{ "name": "pascarehab" }');
  const serve = createStaticHandler(dist, { config: () => CONFIG });
  server = createServer((req, res) => {
    if (serve(req, res)) return;
    res.writeHead(418, { 'content-type': 'text/plain' });
    res.end('api');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(base, { recursive: true, force: true });
});

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

describe('the static server of the forms', () => {
  it('serves /app/ as index.html with the security headers', async () => {
    const r = await get('/app/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(r.body).toBe(INDEX);
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with their content types, cached for good; HEAD has no body', async () => {
    const js = await get('/app/assets/index-a1.js?v=1');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toContain('export function formatDate');
    expect((await get('/app/assets/index-a1.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await get('/app/assets/index-a1.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('serves /app/config.json from the running stack, never cached', async () => {
    const r = await get('/app/config.json');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(JSON.parse(r.body)).toEqual(CONFIG);
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
    expect(resolveAppPath('/app/../package.json', dist)).toBeNull();
    expect(resolveAppPath('/app/%E0%A4%A', dist)).toBeNull();
  });

  it('answers 404 for missing files and unlisted types, 405 for writes', async () => {
    expect((await get('/app/nope.js')).status).toBe(404);
    expect((await get('/app/assets/')).status).toBe(404); // no index.html there, no listing
    expect((await get('/app/assets/types.d.ts')).status).toBe(404);
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
