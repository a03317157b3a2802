import { describe, expect, it } from 'vitest';
import { api, BNNP, clientBody, tokenFor, uniqueOffice } from './helpers';

describe('error envelope', () => {
  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const token = await tokenFor('admin', BNNP);
    const res = await api('POST', '/clients', {
      token,
      rawBody: '{"office": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
    expect(typeof res.body.error.message).toBe('string');
  });

  it('answers 400 validation_failed with one detail per bad field', async () => {
    const token = await tokenFor('admin', BNNP);
    const res = await api('POST', '/clients', {
      token,
      body: clientBody(uniqueOffice(), {
        sex: 'x',
        birthDate: '2025-02-30',
        nik: '123',
        fullName: '',
        extra: 1,
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['birthDate', 'extra', 'fullName', 'nik', 'sex']);
    for (const d of res.body.error.details) expect(d.message.length).toBeGreaterThan(0);
  });

  it('refuses a birth date in the future and an empty body', async () => {
    const token = await tokenFor('admin', BNNP);
    const future = await api('POST', '/clients', {
      token,
      body: clientBody(uniqueOffice(), { birthDate: '2999-01-01' }),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([expect.objectContaining({ path: 'birthDate' })]);
    const empty = await api('POST', '/clients', { token });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('validation_failed');
  });

  it('answers 413 payload_too_large for bodies over 256 KiB', async () => {
    const token = await tokenFor('admin', BNNP);
    const res = await api('POST', '/clients', {
      token,
      body: clientBody(uniqueOffice(), { fullName: 'x'.repeat(257 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers 405 method_not_allowed for a known path and 404 for an unknown one', async () => {
    const token = await tokenFor('admin', BNNP);
    const res = await api('DELETE', '/clients', { token });
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('method_not_allowed');
    const missing = await api('GET', '/no-such-thing', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('answers a CORS preflight (OPTIONS, no token) with 204', async () => {
    const res = await api('OPTIONS', '/clients', {
      headers: { origin: 'https://forms.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
  });

  it('answers 400 validation_failed for a malformed id and a bad query', async () => {
    const token = await tokenFor('admin', BNNP);
    const badId = await api('GET', '/clients/not-an-id', { token });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0].path).toBe('id');
    const badLimit = await api('GET', `/clients?office=${uniqueOffice()}&limit=1000`, { token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.details[0].path).toBe('limit');
  });
});
