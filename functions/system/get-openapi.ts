import { openApiDocument } from '../../shared/api/openapi';
import { publicHandler } from '../../shared/http';
import { routes } from '../routes';

let cached: unknown;

/** GET /openapi.json: generated once per container from the route table's zod schemas. */
export const handler = publicHandler(async () => {
  cached ??= openApiDocument(routes);
  return { status: 200, body: cached, headers: { 'cache-control': 'public, max-age=300' } };
});
