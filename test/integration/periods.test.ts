import { describe, expect, it } from 'vitest';
import { api, createPeriod, isoDay, officeWithStaff, periodBody } from './helpers';

describe('program periods', () => {
  it('lets a kasi create a period for their office, with enrolledCount 0', async () => {
    const { office, kasi } = await officeWithStaff('per');
    const body = periodBody([office], { capacity: 35 });
    const res = await api('POST', '/periods', { token: kasi, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: body.name,
      capacity: 35,
      enrolledCount: 0,
      offices: [office],
      status: 'open',
      protocol: body.protocol,
      instruments: ['whoqol-bref', 'urica'],
    });
    const read = await api('GET', `/periods/${res.body.id}`, { token: kasi });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('keeps the old and the new opening protocol side by side', async () => {
    const { office, kasi } = await officeWithStaff('proto');
    const old = await createPeriod(kasi, [office], {
      protocol: { opening: ['urine_test', 'group_meeting'] },
    });
    const neu = await createPeriod(kasi, [office], {
      protocol: { opening: ['home_visit', 'urine_test', 'group_meeting'] },
    });
    expect((await api('GET', `/periods/${old.id}`, { token: kasi })).body.protocol.opening).toEqual([
      'urine_test',
      'group_meeting',
    ]);
    expect((await api('GET', `/periods/${neu.id}`, { token: kasi })).body.protocol.opening).toEqual([
      'home_visit',
      'urine_test',
      'group_meeting',
    ]);
  });

  it('validates capacity, dates, offices, activity types and instruments field by field', async () => {
    const { office, kasi } = await officeWithStaff('perv');
    for (const [patch, path] of [
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 10_001 }, 'capacity'],
      [{ capacity: 2.5 }, 'capacity'],
      [{ startDate: isoDay(10), endDate: isoDay(5) }, 'endDate'],
      [{ offices: [] }, 'offices'],
      [{ offices: [office, office] }, 'offices'],
      [{ protocol: { opening: ['sauna'] } }, 'protocol.opening.0'],
      [{ protocol: { opening: [], cadenceDays: { home_visit: 0 } } }, 'protocol.cadenceDays.home_visit'],
      [{ instruments: ['phq-9'] }, 'instruments.0'],
    ] as const) {
      const res = await api('POST', '/periods', { token: kasi, body: periodBody([office], patch) });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const past = await api('POST', '/periods', {
      token: kasi,
      body: periodBody([office], { startDate: isoDay(-100), endDate: isoDay(-10) }),
    });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('period_in_past');
  });

  it('refuses period creation to pk, konselor and viewer, and to a kasi for another office', async () => {
    const a = await officeWithStaff('pr');
    const b = await officeWithStaff('pr');
    for (const token of [a.pk, a.konselor, a.viewer]) {
      expect((await api('POST', '/periods', { token, body: periodBody([a.office]) })).status).toBe(403);
    }
    expect((await api('POST', '/periods', { token: a.kasi, body: periodBody([b.office]) })).status).toBe(403);
    // A joint period of two Bapas is the province administrator's.
    expect(
      (await api('POST', '/periods', { token: a.kasi, body: periodBody([a.office, b.office]) })).status,
    ).toBe(403);
    expect(
      (await api('POST', '/periods', { token: a.admin, body: periodBody([a.office, b.office]) })).status,
    ).toBe(201);
  });

  it('shows pk and kasi only the periods of their office; province roles see all', async () => {
    const a = await officeWithStaff('pl');
    const b = await officeWithStaff('pl');
    const pa = await createPeriod(a.kasi, [a.office]);
    const pb = await createPeriod(b.kasi, [b.office]);
    const joint = await createPeriod(a.admin, [a.office, b.office]);

    const listA = await api('GET', '/periods', { token: a.pk });
    expect(listA.body.items.map((p: { id: string }) => p.id).sort()).toEqual([pa.id, joint.id].sort());
    expect((await api('GET', `/periods/${pb.id}`, { token: a.pk })).status).toBe(404);
    expect((await api('GET', `/periods/${pb.id}`, { token: a.kasi })).status).toBe(404);
    expect((await api('GET', `/periods/${joint.id}`, { token: a.pk })).status).toBe(200);
    expect((await api('GET', `/periods?office=${b.office}`, { token: a.pk })).status).toBe(403);

    for (const token of [a.admin, a.konselor, a.viewer]) {
      expect((await api('GET', `/periods/${pb.id}`, { token })).status).toBe(200);
      const byOffice = await api('GET', `/periods?office=${b.office}`, { token });
      expect(byOffice.body.items.map((p: { id: string }) => p.id).sort()).toEqual([pb.id, joint.id].sort());
    }
    const all = await api('GET', '/periods?limit=100', { token: a.viewer });
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
  });

  it("closes a period once; a kasi cannot close another office's or a joint period", async () => {
    const a = await officeWithStaff('pc');
    const b = await officeWithStaff('pc');
    const p = await createPeriod(a.kasi, [a.office]);
    const joint = await createPeriod(a.admin, [a.office, b.office]);
    expect((await api('POST', `/periods/${p.id}/close`, { token: a.pk })).status).toBe(403);
    expect((await api('POST', `/periods/${p.id}/close`, { token: b.kasi })).status).toBe(404);
    expect((await api('POST', `/periods/${joint.id}/close`, { token: a.kasi })).status).toBe(403);
    const closed = await api('POST', `/periods/${p.id}/close`, { token: a.kasi });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    const again = await api('POST', `/periods/${p.id}/close`, { token: a.kasi });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('period_closed');
    expect((await api('POST', `/periods/${joint.id}/close`, { token: a.admin })).status).toBe(200);
  });
});
