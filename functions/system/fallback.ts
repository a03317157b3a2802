import { errors } from '../../shared/errors';
import { publicHandler } from '../../shared/http';
import { matchRoute } from '../routes';

/**
 * Requests that match no route (API Gateway's $default route in production, unmatched
 * requests locally): 405 method_not_allowed when the path exists with other methods, else
 * 404 not_found, both in the API's envelope. Returns no data, so it needs no caller.
 */
export const handler = publicHandler(async (event) => {
  const { allowed } = matchRoute(event.requestContext.http.method, event.rawPath);
  if (allowed.length > 0) throw errors.methodNotAllowed(allowed);
  throw errors.routeNotFound();
});
