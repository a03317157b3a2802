import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../scripts/local/identity';
import { api, BNNP, tokenFor } from './helpers';

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function signWith(
  pem: string,
  claims: Record<string, unknown>,
  opts: { iss?: string; aud?: string; exp?: number | null } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ 'cognito:groups': ['admin'], 'custom:office': BNNP, ...claims })
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject('attacker')
    .setIssuer(opts.iss ?? LOCAL_ISSUER)
    .setAudience(opts.aud ?? LOCAL_AUDIENCE)
    .setIssuedAt(now - 10);
  // exp: null leaves the claim out (API Gateway's JWT authorizer refuses such a token).
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now + 600);
  return jwt.sign(await importPKCS8(pem, 'RS256'));
}

function expectUnauthorized(res: { status: number; body: unknown }) {
  expect(res.status).toBe(401);
  expect(res.body).toMatchObject({ error: { code: 'unauthorized', details: [] } });
}

describe('authentication', () => {
  it('serves /health and /openapi.json without a token', async () => {
    expect((await api('GET', '/health')).status).toBe(200);
    const doc = await api('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/clients',
        '/clients/{id}',
        '/periods',
        '/periods/{id}',
        '/periods/{id}/enrollments',
        '/enrollments/{id}',
        '/audit',
      ]),
    );
    expect(doc.body.components.schemas.CreateClient.properties.nik).toBeDefined();
  });

  it('accepts a token from npm run token', async () => {
    const res = await api('GET', '/periods', { token: await tokenFor('admin', BNNP) });
    expect(res.status).toBe(200);
  });

  it('refuses a request without a token', async () => {
    expectUnauthorized(await api('GET', '/periods'));
  });

  it('refuses a malformed token and a non-bearer scheme', async () => {
    expectUnauthorized(await api('GET', '/periods', { token: 'not-a-jwt' }));
    const good = await tokenFor('admin', BNNP);
    expectUnauthorized(await api('GET', '/periods', { headers: { authorization: `Basic ${good}` } }));
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, payload, signature] = (await tokenFor('viewer', BNNP)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${b64url({ ...claims, 'cognito:groups': ['admin'] })}.${signature}`;
    expectUnauthorized(
      await api('GET', '/audit?entity=client&id=01ARZ3NDEKTSV4RRFFQ69G5FAV', { token: forged }),
    );
  });

  it('refuses a token signed with another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    expectUnauthorized(await api('GET', '/periods', { token: await signWith(privateKey, {}) }));
  });

  it('refuses an expired token', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { inject } = await import('vitest');
    const pem = readFileSync(join(inject('dataDir'), 'keys', 'jwt-private.pem'), 'utf8');
    const valid = await signWith(pem, {});
    expect((await api('GET', '/periods', { token: valid })).status).toBe(200);
    expectUnauthorized(
      await api('GET', '/periods', {
        token: await signWith(pem, {}, { exp: Math.floor(Date.now() / 1000) - 60 }),
      }),
    );
    expectUnauthorized(
      await api('GET', '/periods', {
        token: await signWith(pem, {}, { iss: 'https://evil.example/issuer' }),
      }),
    );
    expectUnauthorized(
      await api('GET', '/periods', { token: await signWith(pem, {}, { aud: 'another-app' }) }),
    );
    expectUnauthorized(await api('GET', '/periods', { token: await signWith(pem, {}, { exp: null }) }));
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({
      sub: 'attacker',
      'cognito:groups': ['admin'],
      'custom:office': BNNP,
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
      iat: now,
      exp: now + 600,
    })}.`;
    expectUnauthorized(await api('GET', '/periods', { token: unsigned }));
  });

  it('refuses a valid signature whose claims carry no known role or office', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { inject } = await import('vitest');
    const pem = readFileSync(join(inject('dataDir'), 'keys', 'jwt-private.pem'), 'utf8');
    expectUnauthorized(
      await api('GET', '/periods', { token: await signWith(pem, { 'cognito:groups': ['superuser'] }) }),
    );
    expectUnauthorized(
      await api('GET', '/periods', { token: await signWith(pem, { 'custom:office': 'Semarang' }) }),
    );
  });
});
