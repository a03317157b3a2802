import { publicHandler } from '../../shared/http/handler';

/** GET /health: no authentication, no data; says the function runs. */
export const handler = publicHandler(async () => ({
  status: 200,
  body: { status: 'ok', service: 'pascarehab' },
}));
