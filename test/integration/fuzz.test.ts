import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/api/routes';
import { MAX_JSON_DEPTH } from '../../shared/http/json';
import {
  api,
  BNNP,
  clientBody,
  createClient,
  createPeriod,
  HOME_VISIT,
  isoDay,
  officeWithStaff,
  tokenFor,
} from './helpers';

/**
 * Fuzzing every route through the real local stack: whatever the body, the query string or the
 * nesting, the answer is a success or the error envelope with a 4xx, never a 500. helpers.api
 * checks the envelope and the success shapes (the contract test); these properties check the
 * status. Deterministic (fixed seed), so a failure reproduces.
 */
const SEED = 20_261_203;
const RUNS = 25;

let ids: { client: string; period: string; enrollment: string };
let token: string;

function pathFor(template: string): string {
  return template.replace('{id}', () =>
    template.startsWith('/clients')
      ? ids.client
      : template.startsWith('/enrollments')
        ? ids.enrollment
        : ids.period,
  );
}

const writeRoutes = routes.filter((r) => r.auth && r.method !== 'GET');
const readRoutes = routes.filter((r) => r.auth && r.method === 'GET');

beforeAll(async () => {
  const staff = await officeWithStaff('fuzz');
  token = await tokenFor('admin', BNNP);
  const client = await createClient(staff.pk, staff.office);
  const period = await createPeriod(staff.kasi, [staff.office], { protocol: { opening: [] } });
  const enrolled = await api('POST', `/periods/${period.id}/enrollments`, {
    token: staff.pk,
    body: { clientId: client.id, enrolledOn: isoDay(-5) },
  });
  ids = { client: client.id, period: period.id, enrollment: enrolled.body.id };
});

describe('fuzz: hostile input never gives 500', () => {
  it('answers arbitrary JSON bodies on every write route with a 2xx or a 4xx envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writeRoutes),
        fc.jsonValue({ maxDepth: 6 }),
        async (route, body) => {
          const res = await api(route.method, pathFor(route.path), {
            token,
            rawBody: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          expect(res.status, `${route.method} ${route.path}`).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: RUNS * writeRoutes.length },
    );
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels on every write route, with or without a key`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writeRoutes),
        fc.integer({ min: MAX_JSON_DEPTH + 1, max: 20_000 }),
        fc.constantFrom('[', '{"a":'),
        fc.boolean(),
        async (route, depth, opener, withKey) => {
          const closer = opener === '[' ? ']' : '}';
          const res = await api(route.method, pathFor(route.path), {
            token,
            rawBody: `${opener.repeat(depth)}1${closer.repeat(depth)}`,
            headers: {
              'content-type': 'application/json',
              ...(withKey ? { 'idempotency-key': `fuzz-${depth}-${route.handler.replace('/', '.')}` } : {}),
            },
          });
          expect(res.status, `${route.method} ${route.path} depth ${depth}`).toBe(400);
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('refuses any body on the write routes that take none', async () => {
    const bodiless = writeRoutes.filter((r) => !r.body);
    expect(bodiless.map((r) => r.path).sort()).toEqual([
      '/imports/{id}/apply',
      '/imports/{id}/validate',
      '/periods/{id}/close',
      '/periods/{id}/reports',
    ]);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodiless), fc.jsonValue({ maxDepth: 3 }), async (route, body) => {
        const res = await api(route.method, pathFor(route.path), {
          token,
          rawBody: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('answers arbitrary query strings on every read route with a 2xx or a 4xx envelope', async () => {
    const param = fc.string({ minLength: 1, maxLength: 12, unit: 'binary' });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...readRoutes),
        fc.dictionary(
          fc.constantFrom('limit', 'cursor', 'office', 'before', 'entity', 'id', 'q', 'x'),
          param,
          {
            maxKeys: 4,
          },
        ),
        async (route, query) => {
          const qs = new URLSearchParams(query).toString();
          const res = await api('GET', `${pathFor(route.path)}${qs ? `?${qs}` : ''}`, { token });
          expect(res.status, `${route.path}?${qs}`).toBeLessThan(500);
        },
      ),
      { seed: SEED, numRuns: RUNS * readRoutes.length },
    );
  });

  it('refuses control characters in one-line text and in free text (but tab and line breaks there)', async () => {
    const control = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }));
    await fc.assert(
      fc.asyncProperty(control, fc.nat({ max: 10 }), async (code, at) => {
        const char = String.fromCharCode(code);
        const name = `Budi Santoso`.slice(0, at) + char + `Budi Santoso`.slice(at);
        const client = await api('POST', '/clients', {
          token,
          body: clientBody('bapas-fuzz', { fullName: name }),
        });
        const trimmedAway = at === 0 && /\s/.test(char);
        expect(client.status, `U+${code.toString(16)}`).toBe(trimmedAway ? 201 : 400);
        const findings = `Rumah${char}bersih`;
        const visit = await api('POST', `/enrollments/${ids.enrollment}/activities`, {
          token,
          body: { ...HOME_VISIT, date: isoDay(-1), findings },
        });
        const allowed = char === '\t' || char === '\n' || char === '\r';
        expect(visit.status, `findings U+${code.toString(16)}`).toBe(allowed ? 201 : 400);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});
