import { matchRoute } from '../../shared/api/routes';
import { Refusal } from '../../shared/domain/refusal';
import { publicHandler } from '../../shared/http/handler';

/**
 * Requests that match no route (API Gateway's $default route in production, unmatched
 * requests locally): 405 method_not_allowed when the path exists with other methods, else
 * 404 not_found, both in the API's envelope; OPTIONS (CORS preflight) gets 204. Returns no
 * data, so it needs no caller.
 */
export const handler = publicHandler(async (event) => {
  // A browser's CORS preflight (OPTIONS, never with credentials) must get a 2xx; API Gateway
  // adds the CORS headers of its configuration (forms origin only).
  if (event.requestContext.http.method.toUpperCase() === 'OPTIONS') return { status: 204 };
  const { allowed } = matchRoute(event.requestContext.http.method, event.rawPath);
  if (allowed.length > 0) {
    throw new Refusal('method_not_allowed', [
      { path: 'method', message: `Metode yang diizinkan: ${allowed.join(', ')}` },
    ]);
  }
  throw new Refusal('not_found', [], 'Alamat tidak ditemukan.');
});
