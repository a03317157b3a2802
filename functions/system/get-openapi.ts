import { openApiDocument } from '../../shared/api/openapi';
import { routes } from '../../shared/api/routes';
import { publicHandler } from '../../shared/http/handler';

let cached: unknown;

/** GET /openapi.json: generated once per container from the route table's zod schemas. */
export const handler = publicHandler(async () => {
  cached ??= openApiDocument(routes);
  return { status: 200, body: cached, headers: { 'cache-control': 'public, max-age=300' } };
});
