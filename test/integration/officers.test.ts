import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { api, BNNP, tokenFor } from './helpers';

/**
 * Officer administration against the local provider's user store (the directory `npm start`
 * uses; Cognito cannot run here, its adapter is unit-tested against a mocked SDK client in
 * test/unit/directory-cognito.test.ts).
 */
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  }),
);

async function auditOf(officerId: string) {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: 'pascarehab',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#officer#${officerId}` },
    }),
  );
  return Items ?? [];
}

const unique = () => randomBytes(4).toString('hex');
const email = (who: string) => `${who}.${unique()}@pascarehab.test`;

/** A Bapas of the province whose officers only this test file creates. */
function bapas() {
  return `bapas-officers-${unique()}`;
}

async function invite(token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return api('POST', '/officers', { token, body, headers });
}

describe('officer administration', () => {
  it('lets an admin invite an officer, who starts with a temporary password (local only)', async () => {
    const admin = await tokenFor('admin', BNNP);
    const office = bapas();
    const body = { email: email('Sri').toUpperCase(), name: 'Sri Wahyuni', role: 'pk', office };

    const res = await invite(admin, body);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: body.email.toLowerCase(),
      name: 'Sri Wahyuni',
      role: 'pk',
      office,
      enabled: true,
      status: 'invited',
    });
    expect(res.body.temporaryPassword).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{12,}$/);
    const list = await api('GET', `/officers?office=${office}`, { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([res.body.id]);
    expect(list.body.items[0].temporaryPassword).toBeUndefined();
  });

  it('audits field names only, never the e-mail or the name', async () => {
    const admin = await tokenFor('admin', BNNP, 'admin-audit');
    const office = bapas();
    const address = email('audit');
    const created = await invite(admin, { email: address, name: 'Rahasia Nama', role: 'kasi', office });
    const id = created.body.id as string;
    const changed = await api('PATCH', `/officers/${id}`, {
      token: admin,
      body: { role: 'pk', enabled: false },
    });
    expect(changed.status).toBe(200);

    const trail = await auditOf(id);

    expect(trail.map((a) => [a.action, a.changedFields])).toEqual([
      ['create', ['email', 'name', 'office', 'role']],
      ['update', ['enabled', 'role']],
    ]);
    expect(trail[0]?.actor).toEqual({ sub: 'admin-audit', role: 'admin', office: BNNP });
    const text = JSON.stringify(trail);
    expect(text).not.toContain(address);
    expect(text).not.toContain('Rahasia');
  });

  it('refuses viewers, pk and konselor (403)', async () => {
    const office = bapas();
    for (const token of [
      await tokenFor('viewer', BNNP),
      await tokenFor('pk', office),
      await tokenFor('konselor', BNNP),
    ]) {
      expect((await api('GET', '/officers', { token })).status).toBe(403);
      expect((await invite(token, { email: email('x'), name: 'X', role: 'pk', office })).status).toBe(403);
      expect((await api('PATCH', '/officers/someone', { token, body: { enabled: false } })).status).toBe(403);
    }
  });

  it('lets a kasi manage the pk and kasi of their own office only', async () => {
    const admin = await tokenFor('admin', BNNP);
    const office = bapas();
    const other = bapas();
    const kasi = await tokenFor('kasi', office, `kasi-${office}`);
    const mine = await invite(kasi, { email: email('pk'), name: 'PK Saya', role: 'pk', office });
    expect(mine.status).toBe(201);
    const elsewhere = await invite(admin, { email: email('pk'), name: 'PK Lain', role: 'pk', office: other });
    const konselor = await invite(admin, {
      email: email('k'),
      name: 'Konselor',
      role: 'konselor',
      office: BNNP,
    });

    const list = await api('GET', '/officers', { token: kasi });

    expect(list.status).toBe(200);
    const ids = list.body.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(elsewhere.body.id);
    expect(ids).not.toContain(konselor.body.id);
    expect(new Set(list.body.items.map((o: { office: string }) => o.office))).toEqual(new Set([office]));
    // Another office's officers are out of scope: listing them is refused, changing them reads as absent.
    expect((await api('GET', `/officers?office=${other}`, { token: kasi })).status).toBe(403);
    const foreign = await api('PATCH', `/officers/${elsewhere.body.id}`, {
      token: kasi,
      body: { role: 'kasi' },
    });
    expect(foreign.status).toBe(404);
    expect(
      (await api('PATCH', `/officers/${konselor.body.id}`, { token: kasi, body: { enabled: false } })).status,
    ).toBe(404);
    // A kasi gives only pk or kasi, only in their office.
    expect((await invite(kasi, { email: email('a'), name: 'A', role: 'admin', office: BNNP })).status).toBe(
      403,
    );
    expect((await invite(kasi, { email: email('b'), name: 'B', role: 'pk', office: other })).status).toBe(
      403,
    );
    const promote = await api('PATCH', `/officers/${mine.body.id}`, { token: kasi, body: { role: 'kasi' } });
    expect(promote.status).toBe(200);
    expect(promote.body.role).toBe('kasi');
    const move = await api('PATCH', `/officers/${mine.body.id}`, { token: kasi, body: { office: other } });
    expect(move.status).toBe(403);
  });

  it('disables and enables an account', async () => {
    const admin = await tokenFor('admin', BNNP);
    const created = await invite(admin, { email: email('d'), name: 'D', role: 'pk', office: bapas() });

    const disabled = await api('PATCH', `/officers/${created.body.id}`, {
      token: admin,
      body: { enabled: false },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.enabled).toBe(false);
    const enabled = await api('PATCH', `/officers/${created.body.id}`, {
      token: admin,
      body: { enabled: true },
    });
    expect(enabled.body.enabled).toBe(true);
  });

  it('refuses a second account with the same e-mail (409), in any case', async () => {
    const admin = await tokenFor('admin', BNNP);
    const address = email('dup');
    const office = bapas();
    expect((await invite(admin, { email: address, name: 'Satu', role: 'pk', office })).status).toBe(201);

    const again = await invite(admin, { email: address.toUpperCase(), name: 'Dua', role: 'pk', office });

    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('officer_exists');
    expect(again.body.error.details).toEqual([{ path: 'email', message: 'E-mail sudah terdaftar.' }]);
  });

  it('checks the body: e-mail, role, office, and roles that belong to a Bapas', async () => {
    const admin = await tokenFor('admin', BNNP);
    const bad = await invite(admin, { email: 'bukan', name: '', role: 'raja', office: 'kantor' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(
      ['email', 'name', 'office', 'role'].sort(),
    );
    const misplaced = await invite(admin, { email: email('m'), name: 'M', role: 'pk', office: BNNP });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.error.details).toEqual([
      { path: 'office', message: 'PK dan Kasi harus berkantor di Bapas.' },
    ]);
    const extra = await invite(admin, {
      email: email('e'),
      name: 'E',
      role: 'pk',
      office: bapas(),
      password: 'x',
    });
    expect(extra.status).toBe(400);
    const empty = await api('PATCH', '/officers/whoever', { token: admin, body: {} });
    expect(empty.status).toBe(400);
    expect(
      (await api('PATCH', '/officers/nobody-here', { token: admin, body: { enabled: false } })).status,
    ).toBe(404);
  });

  it('does not let anyone change their own account (no admin locks themselves out)', async () => {
    const admin = await tokenFor('admin', BNNP);
    const created = await invite(admin, { email: email('self'), name: 'Self', role: 'admin', office: BNNP });
    const self = await tokenFor('admin', BNNP, created.body.id);

    const res = await api('PATCH', `/officers/${created.body.id}`, { token: self, body: { enabled: false } });

    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('own_account');
  });

  it('creates once for a retried request with the same Idempotency-Key', async () => {
    const admin = await tokenFor('admin', BNNP);
    const office = bapas();
    const body = { email: email('idem'), name: 'Idem', role: 'pk', office };
    const key = `officer-${unique()}`;

    const first = await invite(admin, body, { 'idempotency-key': key });
    const second = await invite(admin, body, { 'idempotency-key': key });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    const list = await api('GET', `/officers?office=${office}`, { token: admin });
    expect(list.body.items).toHaveLength(1);
    expect(await auditOf(first.body.id)).toHaveLength(1);
  });
});
