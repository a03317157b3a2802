import { describe, expect, it } from 'vitest';
import { api, clientBody, createClient, createPeriod, officeWithStaff } from './helpers';

describe('clients', () => {
  it('registers a client and returns it with the NIK masked', async () => {
    const { office, pk } = await officeWithStaff('cl');
    const body = clientBody(office);
    const res = await api('POST', '/clients', { token: pk, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      office,
      registrationNumber: body.registrationNumber,
      fullName: 'Budi Santoso',
      nik: '************0003',
      enrolled: false,
      version: 1,
    });
    expect(res.body.id).toMatch(/^[0-9A-Z]{26}$/);
    const read = await api('GET', `/clients/${res.body.id}`, { token: pk });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect(JSON.stringify(read.body)).not.toContain('3374011705900003');
  });

  it('refuses the same registration number twice in one office, but not in another office', async () => {
    const a = await officeWithStaff('dup');
    const b = await officeWithStaff('dup');
    const first = await createClient(a.pk, a.office);
    const again = await api('POST', '/clients', {
      token: a.pk,
      body: clientBody(a.office, { registrationNumber: first.registrationNumber }),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate_registration');
    // Case and surrounding spaces do not make a different number.
    const lower = await api('POST', '/clients', {
      token: a.pk,
      body: clientBody(a.office, { registrationNumber: ` ${first.registrationNumber.toLowerCase()} ` }),
    });
    expect(lower.status).toBe(409);
    const elsewhere = await api('POST', '/clients', {
      token: b.pk,
      body: clientBody(b.office, { registrationNumber: first.registrationNumber }),
    });
    expect(elsewhere.status).toBe(201);
  });

  it('stores exactly one client when 10 requests race for one registration number', async () => {
    const { office, pk } = await officeWithStaff('race');
    const body = clientBody(office);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => api('POST', '/clients', { token: pk, body })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 409 && r.body.error.code === 'duplicate_registration'),
    ).toHaveLength(9);
    const list = await api('GET', '/clients', { token: pk });
    expect(list.body.items).toHaveLength(1);
  });

  it('patches fields, clears optional ones with null and moves the registration number guard', async () => {
    const { office, pk } = await officeWithStaff('patch');
    const c = await createClient(pk, office);
    const res = await api('PATCH', `/clients/${c.id}`, {
      token: pk,
      body: { fullName: 'Budi S.', phone: null, registrationNumber: 'NEW-1' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fullName: 'Budi S.', registrationNumber: 'NEW-1', version: 2 });
    expect(res.body.phone).toBeUndefined();
    // The old number is free again, the new one is taken.
    expect(
      (
        await api('POST', '/clients', {
          token: pk,
          body: clientBody(office, { registrationNumber: c.registrationNumber }),
        })
      ).status,
    ).toBe(201);
    const taken = await api('POST', '/clients', {
      token: pk,
      body: clientBody(office, { registrationNumber: 'new-1' }),
    });
    expect(taken.body.error.code).toBe('duplicate_registration');
    // Patching onto a taken number is refused and changes nothing.
    const other = await createClient(pk, office);
    const clash = await api('PATCH', `/clients/${other.id}`, {
      token: pk,
      body: { registrationNumber: 'NEW-1', fullName: 'X' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('duplicate_registration');
    const unchanged = await api('GET', `/clients/${other.id}`, { token: pk });
    expect(unchanged.body.fullName).toBe('Budi Santoso');
    expect(unchanged.body.version).toBe(1);
  });

  it('refuses a patch of the office, an empty patch and an inverted supervision period', async () => {
    const { office, pk } = await officeWithStaff('patchv');
    const c = await createClient(pk, office);
    const moved = await api('PATCH', `/clients/${c.id}`, { token: pk, body: { office: 'bapas-pati' } });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details[0].path).toBe('office');
    expect((await api('PATCH', `/clients/${c.id}`, { token: pk, body: {} })).status).toBe(400);
    const inverted = await api('PATCH', `/clients/${c.id}`, {
      token: pk,
      body: { supervisionStart: '2030-01-01' },
    });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.details[0].path).toBe('supervisionEnd');
  });

  it('lists an office page by page with a cursor, and refuses a forged cursor', async () => {
    const { office, pk } = await officeWithStaff('list');
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await createClient(pk, office)).id);
    const first = await api('GET', '/clients?limit=2', { token: pk });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const seen = [...first.body.items.map((c: { id: string }) => c.id)];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await api('GET', `/clients?limit=2&cursor=${encodeURIComponent(cursor)}`, { token: pk });
      seen.push(...next.body.items.map((c: { id: string }) => c.id));
      cursor = next.body.nextCursor;
    }
    expect(seen).toEqual(created);
    // A cursor pointing into another office's partition is refused, not followed.
    const forged = Buffer.from(
      JSON.stringify({
        pk: 'CLIENT#X',
        sk: 'CLIENT',
        gsi1pk: 'OFFICE#bapas-semarang#CLIENTS',
        gsi1sk: 'CLIENT#X',
      }),
    ).toString('base64url');
    const res = await api('GET', `/clients?cursor=${forged}`, { token: pk });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('cursor');
    expect((await api('GET', '/clients?cursor=%%%', { token: pk })).status).toBe(400);
  });
});

describe('client roles and office scope', () => {
  it("hides another office's clients from pk and kasi (404), refuses writes there", async () => {
    const a = await officeWithStaff('sa');
    const b = await officeWithStaff('sb');
    const c = await createClient(a.pk, a.office);
    for (const token of [b.pk, b.kasi]) {
      expect((await api('GET', `/clients/${c.id}`, { token })).status).toBe(404);
      const patch = await api('PATCH', `/clients/${c.id}`, { token, body: { fullName: 'X' } });
      expect(patch.status).toBe(404);
      expect((await api('POST', '/clients', { token, body: clientBody(a.office) })).status).toBe(403);
      expect((await api('GET', `/clients?office=${a.office}`, { token })).status).toBe(403);
      const own = await api('GET', '/clients', { token });
      expect(own.body.items).toEqual([]);
    }
    expect((await api('GET', `/clients/${c.id}`, { token: a.kasi })).status).toBe(200);
    // A missing client looks exactly like an out-of-scope one.
    const missing = await api('GET', '/clients/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token: b.pk });
    const hidden = await api('GET', `/clients/${c.id}`, { token: b.pk });
    expect(hidden.body).toEqual(missing.body);
  });

  it('lets admin work in any office', async () => {
    const a = await officeWithStaff('adm');
    const res = await api('POST', '/clients', { token: a.admin, body: clientBody(a.office) });
    expect(res.status).toBe(201);
    expect((await api('GET', `/clients/${res.body.id}`, { token: a.admin })).status).toBe(200);
    expect((await api('GET', `/clients?office=${a.office}`, { token: a.admin })).body.items).toHaveLength(1);
    expect((await api('GET', '/clients', { token: a.admin })).status).toBe(400);
  });

  it('never shows clients to a viewer', async () => {
    const a = await officeWithStaff('view');
    const c = await createClient(a.pk, a.office);
    expect((await api('GET', `/clients/${c.id}`, { token: a.viewer })).status).toBe(403);
    expect((await api('GET', `/clients?office=${a.office}`, { token: a.viewer })).status).toBe(403);
    expect((await api('POST', '/clients', { token: a.viewer, body: clientBody(a.office) })).status).toBe(403);
    expect(
      (await api('PATCH', `/clients/${c.id}`, { token: a.viewer, body: { fullName: 'X' } })).status,
    ).toBe(403);
  });

  it('lets a konselor read only enrolled clients, and never write', async () => {
    const a = await officeWithStaff('kons');
    const enrolled = await createClient(a.pk, a.office);
    const notEnrolled = await createClient(a.pk, a.office);
    const period = await createPeriod(a.kasi, [a.office]);
    expect(
      (
        await api('POST', `/periods/${period.id}/enrollments`, {
          token: a.pk,
          body: { clientId: enrolled.id },
        })
      ).status,
    ).toBe(201);

    expect((await api('GET', `/clients/${enrolled.id}`, { token: a.konselor })).status).toBe(200);
    expect((await api('GET', `/clients/${notEnrolled.id}`, { token: a.konselor })).status).toBe(404);
    const list = await api('GET', `/clients?office=${a.office}`, { token: a.konselor });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([enrolled.id]);
    expect((await api('POST', '/clients', { token: a.konselor, body: clientBody(a.office) })).status).toBe(
      403,
    );
    expect(
      (await api('PATCH', `/clients/${enrolled.id}`, { token: a.konselor, body: { fullName: 'X' } })).status,
    ).toBe(403);
  });
});
