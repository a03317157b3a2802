import { describe, expect, it } from 'vitest';
import { api, createClient, createPeriod, isoDay, officeWithStaff } from './helpers';

const enroll = (token: string, periodId: string, body: Record<string, unknown>) =>
  api('POST', `/periods/${periodId}/enrollments`, { token, body });

describe('enrollments', () => {
  it('enrolls a client as active, today by default, and counts the place', async () => {
    const a = await officeWithStaff('en');
    const c = await createClient(a.pk, a.office);
    const p = await createPeriod(a.kasi, [a.office]);
    const res = await enroll(a.pk, p.id, { clientId: c.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ periodId: p.id, clientId: c.id, status: 'active', office: a.office });
    expect(res.body.enrolledOn).toBe(isoDay(0));
    expect((await api('GET', `/periods/${p.id}`, { token: a.pk })).body.enrolledCount).toBe(1);
    const detail = (await api('GET', `/enrollments/${res.body.id}`, { token: a.pk })).body;
    expect(detail).toMatchObject(res.body);
    expect(detail.timeline).toEqual([]);
    expect((await api('GET', `/clients/${c.id}`, { token: a.pk })).body.enrolled).toBe(true);
  });

  it('defaults enrolledOn to the start date of a period that has not begun, and checks given dates', async () => {
    const a = await officeWithStaff('ed');
    const p = await createPeriod(a.kasi, [a.office], { startDate: isoDay(10), endDate: isoDay(60) });
    const first = await enroll(a.pk, p.id, { clientId: (await createClient(a.pk, a.office)).id });
    expect(first.body.enrolledOn).toBe(isoDay(10));
    const outside = await enroll(a.pk, p.id, {
      clientId: (await createClient(a.pk, a.office)).id,
      enrolledOn: isoDay(61),
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error).toMatchObject({
      code: 'date_outside_period',
      details: [{ path: 'enrolledOn' }],
    });
    const backDated = await createPeriod(a.kasi, [a.office], { startDate: isoDay(-60), endDate: isoDay(60) });
    const late = await enroll(a.pk, backDated.id, {
      clientId: (await createClient(a.pk, a.office)).id,
      enrolledOn: isoDay(-45),
    });
    expect(late.status).toBe(201);
    expect(late.body.enrolledOn).toBe(isoDay(-45));
  });

  it('refuses the 6th client of a 5-client period with capacity_reached', async () => {
    const a = await officeWithStaff('cap');
    const p = await createPeriod(a.kasi, [a.office], { capacity: 5 });
    for (let i = 0; i < 5; i++)
      expect((await enroll(a.pk, p.id, { clientId: (await createClient(a.pk, a.office)).id })).status).toBe(
        201,
      );
    const sixth = await enroll(a.pk, p.id, { clientId: (await createClient(a.pk, a.office)).id });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error.code).toBe('capacity_reached');
    expect((await api('GET', `/periods/${p.id}`, { token: a.pk })).body.enrolledCount).toBe(5);
  });

  it('gives exactly 35 enrollments when 200 requests race for 35 places', async () => {
    const a = await officeWithStaff('race');
    const p = await createPeriod(a.kasi, [a.office], { capacity: 35 });
    const clients = [];
    for (let i = 0; i < 200; i += 20) {
      clients.push(...(await Promise.all(Array.from({ length: 20 }, () => createClient(a.pk, a.office)))));
    }
    const results = await Promise.all(clients.map((c) => enroll(a.pk, p.id, { clientId: c.id })));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409 && r.body.error.code === 'capacity_reached');
    expect(created).toHaveLength(35);
    expect(refused).toHaveLength(165);
    expect((await api('GET', `/periods/${p.id}`, { token: a.pk })).body.enrolledCount).toBe(35);
    const listed = await api('GET', `/periods/${p.id}/enrollments?limit=100`, { token: a.pk });
    expect(listed.body.items).toHaveLength(35);
    expect(new Set(listed.body.items.map((e: { clientId: string }) => e.clientId)).size).toBe(35);
  });

  it('refuses a client already in the period, or active in an overlapping one', async () => {
    const a = await officeWithStaff('dup');
    const c = await createClient(a.pk, a.office);
    const p1 = await createPeriod(a.kasi, [a.office], { startDate: isoDay(-30), endDate: isoDay(30) });
    const p2 = await createPeriod(a.kasi, [a.office], { startDate: isoDay(20), endDate: isoDay(90) });
    const p3 = await createPeriod(a.kasi, [a.office], { startDate: isoDay(31), endDate: isoDay(90) });
    expect((await enroll(a.pk, p1.id, { clientId: c.id })).status).toBe(201);
    const twice = await enroll(a.pk, p1.id, { clientId: c.id });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_enrolled');
    const overlapping = await enroll(a.pk, p2.id, { clientId: c.id });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.code).toBe('already_enrolled');
    // The next, non-overlapping cohort is fine.
    expect((await enroll(a.pk, p3.id, { clientId: c.id })).status).toBe(201);
  });

  it('lets only one of two concurrent enrollments of a client into overlapping periods land', async () => {
    const a = await officeWithStaff('ovr');
    const c = await createClient(a.pk, a.office);
    const p1 = await createPeriod(a.kasi, [a.office]);
    const p2 = await createPeriod(a.kasi, [a.office]);
    const [r1, r2] = await Promise.all([
      enroll(a.pk, p1.id, { clientId: c.id }),
      enroll(a.pk, p2.id, { clientId: c.id }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    const counts = await Promise.all(
      [p1, p2].map(async (p) => (await api('GET', `/periods/${p.id}`, { token: a.pk })).body.enrolledCount),
    );
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1);
  });

  it('refuses enrollment into a closed or ended period, and from an office not in the period', async () => {
    const a = await officeWithStaff('pcl');
    const b = await officeWithStaff('pcl');
    const closed = await createPeriod(a.kasi, [a.office]);
    await api('POST', `/periods/${closed.id}/close`, { token: a.kasi });
    const res = await enroll(a.pk, closed.id, { clientId: (await createClient(a.pk, a.office)).id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('period_closed');

    const joint = await createPeriod(a.admin, [b.office]);
    const foreign = await enroll(a.admin, joint.id, { clientId: (await createClient(a.pk, a.office)).id });
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.code).toBe('office_not_in_period');
  });

  it("refuses enrollment by konselor and viewer, and hides other offices' enrollments", async () => {
    const a = await officeWithStaff('er');
    const b = await officeWithStaff('er');
    const p = await createPeriod(a.admin, [a.office, b.office]);
    const ca = await createClient(a.pk, a.office);
    const cb = await createClient(b.pk, b.office);
    for (const token of [a.konselor, a.viewer]) {
      const res = await enroll(token, p.id, { clientId: ca.id });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    // pk of office B cannot enroll office A's client (it does not exist for them).
    expect((await enroll(b.pk, p.id, { clientId: ca.id })).status).toBe(404);
    const ea = (await enroll(a.pk, p.id, { clientId: ca.id })).body;
    const eb = (await enroll(b.pk, p.id, { clientId: cb.id })).body;

    expect((await api('GET', `/enrollments/${ea.id}`, { token: b.pk })).status).toBe(404);
    expect((await api('GET', `/enrollments/${ea.id}`, { token: a.pk })).status).toBe(200);
    const listB = await api('GET', `/periods/${p.id}/enrollments`, { token: b.kasi });
    expect(listB.body.items.map((e: { id: string }) => e.id)).toEqual([eb.id]);
    expect(
      (await api('GET', `/periods/${p.id}/enrollments?office=${a.office}`, { token: b.kasi })).status,
    ).toBe(403);
    for (const token of [a.admin, a.konselor, a.viewer]) {
      const all = await api('GET', `/periods/${p.id}/enrollments`, { token });
      expect(all.body.items.map((e: { id: string }) => e.id).sort()).toEqual([ea.id, eb.id].sort());
      const onlyA = await api('GET', `/periods/${p.id}/enrollments?office=${a.office}`, { token });
      expect(onlyA.body.items.map((e: { id: string }) => e.id)).toEqual([ea.id]);
    }
    // A period outside the caller's scope: 404 for its enrollments too.
    const other = await createPeriod(b.kasi, [b.office]);
    expect((await api('GET', `/periods/${other.id}/enrollments`, { token: a.pk })).status).toBe(404);
    expect((await enroll(a.pk, other.id, { clientId: ca.id })).status).toBe(404);
  });
});
