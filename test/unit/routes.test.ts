import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/api/openapi';
import { FALLBACK_HANDLER, matchRoute, routes } from '../../shared/api/routes';

const FUNCTIONS_DIR = fileURLToPath(new URL('../../functions/', import.meta.url));
const CLIENT_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('matchRoute', () => {
  it('finds GET /clients/{id} and returns the id as a path parameter', () => {
    // act
    const { match, allowed } = matchRoute('GET', `/clients/${CLIENT_ID}`);

    // assess
    expect(match?.route.path).toBe('/clients/{id}');
    expect(match?.route.handler).toBe('clients/get-client');
    expect(match?.pathParameters).toEqual({ id: CLIENT_ID });
    expect(allowed).toEqual(['GET']);
  });

  it('tells the methods of one path apart', () => {
    expect(matchRoute('PATCH', `/clients/${CLIENT_ID}`).match?.route.handler).toBe('clients/patch-client');
    expect(matchRoute('POST', '/clients').match?.route.handler).toBe('clients/create-client');
    expect(matchRoute('GET', '/clients').match?.route.handler).toBe('clients/list-clients');
  });

  it('matches the method whatever its case', () => {
    expect(matchRoute('patch', `/clients/${CLIENT_ID}`).match?.route.handler).toBe('clients/patch-client');
  });

  it('finds the id of a nested path', () => {
    const { match } = matchRoute('POST', `/periods/${CLIENT_ID}/enrollments`);

    expect(match?.route.handler).toBe('enrollments/create-enrollment');
    expect(match?.pathParameters).toEqual({ id: CLIENT_ID });
  });

  it('decodes percent-encoded path parameters', () => {
    const { match } = matchRoute('GET', '/clients/a%20b%2Fc');

    expect(match?.pathParameters).toEqual({ id: 'a b/c' });
  });

  it('lists the allowed methods of a known path called with another method', () => {
    const { match, allowed } = matchRoute('DELETE', '/clients');

    expect(match).toBeUndefined();
    expect([...allowed].sort()).toEqual(['GET', 'POST']);
  });

  it('lists GET and PATCH for DELETE /clients/{id}', () => {
    const { match, allowed } = matchRoute('DELETE', `/clients/${CLIENT_ID}`);

    expect(match).toBeUndefined();
    expect([...allowed].sort()).toEqual(['GET', 'PATCH']);
  });

  it.each(['/nowhere', '/clients/', `/clients/${CLIENT_ID}/extra`, '/periods//close', ''])(
    'returns neither a match nor allowed methods for the unknown path %j',
    (path) => {
      const { match, allowed } = matchRoute('GET', path);

      expect(match).toBeUndefined();
      expect(allowed).toEqual([]);
    },
  );
});

describe('route table', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r.handler]))(
    '%s has its handler file functions/%s.ts',
    (_route, handler) => {
      expect(existsSync(`${FUNCTIONS_DIR}${handler}.ts`)).toBe(true);
    },
  );

  it('has the fallback handler file', () => {
    expect(existsSync(`${FUNCTIONS_DIR}${FALLBACK_HANDLER}.ts`)).toBe(true);
  });

  it('leaves only GET /health and GET /openapi.json without authentication', () => {
    const publicRoutes = routes.filter((r) => !r.auth).map((r) => `${r.method} ${r.path}`);

    expect(publicRoutes.sort()).toEqual(['GET /health', 'GET /openapi.json']);
  });

  it('has no two routes with the same method and path', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);

    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('openApiDocument', () => {
  const document = openApiDocument(routes);
  type Operation = { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } };
  const operation = (path: string, method: string): Operation | undefined =>
    (document.paths?.[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];

  it('is an OpenAPI 3.1.0 document', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it.each(routes.map((r) => [r.method, r.path]))('documents %s %s', (method, path) => {
    expect(operation(path, method)).toBeDefined();
  });

  it.each(routes.filter((r) => r.body).map((r) => [r.method, r.path]))(
    'documents the JSON request body of %s %s as a schema of components',
    (method, path) => {
      // act
      const schema = operation(path, method)?.requestBody?.content?.['application/json']?.schema;

      // assess
      expect(schema?.$ref).toMatch(/^#\/components\/schemas\//);
      const name = schema?.$ref?.split('/').pop() ?? '';
      expect(document.components?.schemas?.[name]).toBeDefined();
    },
  );

  it('documents no request body for routes without one', () => {
    const withoutBody = routes.filter((r) => !r.body);

    for (const r of withoutBody) expect(operation(r.path, r.method)?.requestBody, r.path).toBeUndefined();
  });

  it.each(['Client', 'Period', 'Enrollment', 'Error'])('has the component schema %s', (name) => {
    expect(document.components?.schemas?.[name]).toBeDefined();
  });
});

describe('matchRoute on awkward paths', () => {
  it('takes the dot in /openapi.json literally', () => {
    expect(matchRoute('GET', '/openapiXjson')).toEqual({ allowed: [] });
    expect(matchRoute('POST', '/openapi-json')).toEqual({ allowed: [] });
    expect(matchRoute('GET', '/openapi.json').match?.route.handler).toBe('system/get-openapi');
  });

  it('treats malformed percent-encoding as no route instead of throwing', () => {
    expect(matchRoute('GET', '/clients/%E0%A4%A')).toEqual({ allowed: [] });
    expect(matchRoute('GET', '/clients/%')).toEqual({ allowed: [] });
  });
});
