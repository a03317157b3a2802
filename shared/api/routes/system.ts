import { defineRoute } from '../route';

export const getHealthRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/health',
  handler: 'system/get-health',
  auth: false,
  table: 'none',
  summary: 'Liveness check (no authentication).',
  tag: 'system',
  response: { status: 200, description: 'Service is up.' },
});

export const getOpenApiRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/openapi.json',
  handler: 'system/get-openapi',
  auth: false,
  table: 'none',
  summary: 'This OpenAPI 3.1 document (no authentication).',
  tag: 'system',
  response: { status: 200, description: 'OpenAPI document.' },
});
