import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, clientBody, createClient, createPeriod, officeWithStaff, tokenFor } from './helpers';

describe('idempotency', () => {
  it('replays the first response for a repeat with the same key and body, writing nothing', async () => {
    const a = await officeWithStaff('idem');
    const key = randomUUID();
    const body = clientBody(a.office);
    const first = await api('POST', '/clients', { token: a.pk, body, headers: { 'idempotency-key': key } });
    const second = await api('POST', '/clients', { token: a.pk, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    // Key order in the JSON does not make it another request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(
      (await api('POST', '/clients', { token: a.pk, body: reordered, headers: { 'idempotency-key': key } }))
        .body,
    ).toEqual(first.body);
    const list = await api('GET', '/clients', { token: a.pk });
    expect(list.body.items).toHaveLength(1);
    const audit = await api('GET', `/audit?entity=client&id=${first.body.id}`, { token: a.admin });
    expect(audit.body.items).toHaveLength(1);
  });

  it('answers 422 idempotency_key_reused for the same key with another body', async () => {
    const a = await officeWithStaff('idem2');
    const key = randomUUID();
    await api('POST', '/clients', {
      token: a.pk,
      body: clientBody(a.office),
      headers: { 'idempotency-key': key },
    });
    const other = await api('POST', '/clients', {
      token: a.pk,
      body: clientBody(a.office),
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect((await api('GET', '/clients', { token: a.pk })).body.items).toHaveLength(1);
  });

  it('stores one enrollment when a double submit arrives at the same moment', async () => {
    const a = await officeWithStaff('idem3');
    const p = await createPeriod(a.kasi, [a.office], { capacity: 35 });
    // Several rounds: the twins interleave differently each time (plan vs commit).
    for (let round = 0; round < 4; round++) {
      const c = await createClient(a.pk, a.office);
      const key = randomUUID();
      const send = () =>
        api('POST', `/periods/${p.id}/enrollments`, {
          token: a.pk,
          body: { clientId: c.id },
          headers: { 'idempotency-key': key },
        });
      const results = await Promise.all([send(), send(), send(), send(), send()]);
      for (const r of results) {
        expect(r.status).toBe(201);
        expect(r.body).toEqual(results[0]!.body);
      }
      expect((await api('GET', `/periods/${p.id}`, { token: a.pk })).body.enrolledCount).toBe(round + 1);
    }
  });

  it('keeps keys per user: two officers may use the same key', async () => {
    const a = await officeWithStaff('idem4');
    const other = await tokenFor('pk', a.office, `second-officer-${randomUUID()}`);
    const key = 'form-123';
    const r1 = await api('POST', '/clients', {
      token: a.pk,
      body: clientBody(a.office),
      headers: { 'idempotency-key': `${key}-${a.office}` },
    });
    const r2 = await api('POST', '/clients', {
      token: other,
      body: clientBody(a.office),
      headers: { 'idempotency-key': `${key}-${a.office}` },
    });
    expect(r1.status).toBe(201);
    expect(r2.status).toBe(201);
    expect(r2.body.id).not.toBe(r1.body.id);
  });

  it('does not store a refused request: after fixing the body the same key may be used', async () => {
    const a = await officeWithStaff('idem5');
    const key = randomUUID();
    const bad = await api('POST', '/clients', {
      token: a.pk,
      body: clientBody(a.office, { sex: 'x' }),
      headers: { 'idempotency-key': key },
    });
    expect(bad.status).toBe(400);
    const good = await api('POST', '/clients', {
      token: a.pk,
      body: clientBody(a.office),
      headers: { 'idempotency-key': key },
    });
    expect(good.status).toBe(201);
  });

  it('refuses a malformed key', async () => {
    const a = await officeWithStaff('idem6');
    const res = await api('POST', '/clients', {
      token: a.pk,
      body: clientBody(a.office),
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('Idempotency-Key');
  });
});
