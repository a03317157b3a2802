import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Refusal } from '../../shared/domain/refusal';
import { refusalBody, refusalStatus } from '../../shared/http/refusals';
import { contentSecurityPolicy, securityHeaders } from '../../shared/web-headers';

const notFound = () => new Refusal('not_found', [], 'Alamat tidak ditemukan.');

/**
 * Serves the officers' phone app (the build of `web/`, `web/dist`) under `/app/` on the local
 * API server, with the headers production's CloudFront also sends, and `/app/config.json` (the
 * runtime configuration the deploy generates in AWS) from the running stack. Everything
 * outside `/app/` is left to the API (returns false). In AWS the same files go to S3 behind
 * CloudFront.
 */

export const APP_PREFIX = '/app/';

export const WEB_DIST = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

/** Only these extensions are served; anything else is 404. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * No inline script or style, nothing from other origins, no framing: the policy of
 * shared/web-headers.ts, which CloudFront sends in AWS. (The local OpenID provider's pages,
 * under /oidc/, send the same.)
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const SECURITY_HEADERS: Record<string, string> = securityHeaders();

/** A refusal in the API's one envelope (404 and 405 under /app/ look like every other). */
function refusal(res: ServerResponse, refused: Refusal, extra: Record<string, string> = {}) {
  res.writeHead(refusalStatus(refused), {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(JSON.stringify(refusalBody(refused)));
}

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/**
 * The file under `root` a raw request path names, or null if it would leave `root` (`..`,
 * encoded `%2e%2e`, backslashes, NUL) or cannot be decoded. The raw path is used on purpose:
 * Node does not normalise `req.url`, and normalising first would turn `/app/../x` into `/x`.
 */
export function resolveAppPath(rawPath: string, root: string = WEB_DIST): string | null {
  if (!rawPath.startsWith(APP_PREFIX)) return null;
  let rest: string;
  try {
    rest = decodeURIComponent(rawPath.slice(APP_PREFIX.length));
  } catch {
    return null;
  }
  if (rest.includes('\0') || rest.includes('\\')) return null;
  if (rest === '' || rest.endsWith('/')) rest += 'index.html';
  const file = resolve(root, rest);
  return file.startsWith(root + sep) ? file : null;
}

export interface StaticOptions {
  /** The body of /app/config.json (web/src/config.ts has the contract); 404 when absent. */
  config?: () => unknown;
}

export function createStaticHandler(root: string = WEB_DIST, options: StaticOptions = {}) {
  const webRoot = resolve(root);
  return function serve(req: IncomingMessage, res: ServerResponse): boolean {
    const rawPath = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    if (rawPath === '/app') {
      plain(res, 308, '', { Location: APP_PREFIX });
      return true;
    }
    if (!rawPath.startsWith(APP_PREFIX)) return false;

    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      refusal(
        res,
        new Refusal('method_not_allowed', [{ path: 'method', message: 'Metode yang diizinkan: GET, HEAD' }]),
        {
          Allow: 'GET, HEAD',
        },
      );
      return true;
    }
    if (rawPath === `${APP_PREFIX}config.json` && options.config) {
      const body = JSON.stringify(options.config());
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(body)),
        'Cache-Control': 'no-store',
      });
      res.end(method === 'HEAD' ? undefined : body);
      return true;
    }
    const file = resolveAppPath(rawPath, webRoot);
    const type = file ? CONTENT_TYPES[extname(file).toLowerCase()] : undefined;
    if (!file || !type) {
      refusal(res, notFound());
      return true;
    }
    stat(file).then(
      (st) => {
        if (!st.isFile()) return refusal(res, notFound());
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': type,
          'Content-Length': String(st.size),
          // Vite names assets by content hash: cache them for good; the rest is revalidated
          // on each load, so a new build is seen at once.
          'Cache-Control': rawPath.startsWith(`${APP_PREFIX}assets/`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
          'Last-Modified': st.mtime.toUTCString(),
        });
        if (method === 'HEAD') return res.end();
        const stream = createReadStream(file);
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      },
      () => refusal(res, notFound()),
    );
    return true;
  };
}

/**
 * Serves `<repo>/web/dist` under `/app/`; false for any other path (the API's). For
 * scripts/local/api-server.ts: `if (serve(req, res)) return;` before the API handling.
 */
export function staticHandler(options: StaticOptions = {}) {
  return createStaticHandler(WEB_DIST, options);
}
