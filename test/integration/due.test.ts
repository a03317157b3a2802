import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import {
  api,
  createClient,
  enrolledClient,
  HOME_VISIT,
  isoDay,
  officeWithStaff,
  record,
  URINE_NEGATIVE,
} from './helpers';

describe('due list', () => {
  it('lists what is due or overdue before a date, from the cadence and the last one done', async () => {
    const s = await officeWithStaff('due');
    const { period, enrollment } = await enrolledClient(s, {
      protocol: { opening: ['home_visit', 'urine_test'], cadenceDays: { home_visit: 30, urine_test: 14 } },
    });
    // The opening's first step is due from the enrollment date (20 days ago): overdue. The
    // urine test is not listed yet: the protocol would refuse it before the home visit.
    const first = await api('GET', `/periods/${period.id}/due?before=${isoDay(3)}`, { token: s.pk });
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      {
        enrollmentId: enrollment.id,
        clientId: expect.any(String),
        office: s.office,
        type: 'home_visit',
        dueDate: isoDay(-20),
        overdue: true,
        client: { fullName: 'Budi Santoso', registrationNumber: expect.any(String) },
      },
    ]);
    await record(s.pk, enrollment.id, 'activities', { ...HOME_VISIT, date: isoDay(-10) });
    const next = await api('GET', `/periods/${period.id}/due?before=${isoDay(3)}`, { token: s.pk });
    expect(next.body.items).toEqual([
      expect.objectContaining({ type: 'urine_test', dueDate: isoDay(-10), overdue: true }),
    ]);
    await record(s.pk, enrollment.id, 'activities', { ...URINE_NEGATIVE, date: isoDay(-10) });
    // Now: urine test due 14 days after the last one (in 4 days), home visit in 20.
    const soon = await api('GET', `/periods/${period.id}/due?before=${isoDay(10)}`, { token: s.pk });
    expect(soon.body.items).toEqual([
      expect.objectContaining({ type: 'urine_test', dueDate: addDays(isoDay(-10), 14), overdue: false }),
    ]);
    const later = await api('GET', `/periods/${period.id}/due?before=${isoDay(30)}`, { token: s.pk });
    expect(later.body.items.map((i: { type: string }) => i.type)).toEqual(['urine_test', 'home_visit']);
    // A back-dated entry does not move the due date back.
    await record(s.pk, enrollment.id, 'activities', { ...URINE_NEGATIVE, date: isoDay(-12) });
    const unchanged = await api('GET', `/periods/${period.id}/due?before=${isoDay(10)}`, { token: s.pk });
    expect(unchanged.body.items[0].dueDate).toBe(addDays(isoDay(-10), 14));
  });

  it("scopes the list to the caller's office and drops enrollments that ended", async () => {
    const a = await officeWithStaff('dua');
    const b = await officeWithStaff('dub');
    const period = (
      await api('POST', '/periods', {
        token: a.admin,
        body: {
          name: 'Bersama',
          startDate: isoDay(-30),
          endDate: isoDay(60),
          capacity: 10,
          offices: [a.office, b.office],
          protocol: { opening: [], cadenceDays: { counseling: 7 } },
          instruments: [],
        },
      })
    ).body;
    const ea = (
      await api('POST', `/periods/${period.id}/enrollments`, {
        token: a.pk,
        body: { clientId: (await createClient(a.pk, a.office)).id },
      })
    ).body;
    const eb = (
      await api('POST', `/periods/${period.id}/enrollments`, {
        token: b.pk,
        body: { clientId: (await createClient(b.pk, b.office)).id },
      })
    ).body;
    const forA = await api('GET', `/periods/${period.id}/due?before=${isoDay(5)}`, { token: a.pk });
    expect(forA.body.items.map((i: { enrollmentId: string }) => i.enrollmentId)).toEqual([ea.id]);
    const forAdmin = await api('GET', `/periods/${period.id}/due?before=${isoDay(5)}`, { token: a.konselor });
    expect(forAdmin.body.items.map((i: { enrollmentId: string }) => i.enrollmentId).sort()).toEqual(
      [ea.id, eb.id].sort(),
    );
    expect((await api('GET', `/periods/${period.id}/due?office=${b.office}`, { token: a.pk })).status).toBe(
      403,
    );
    await api('PATCH', `/enrollments/${eb.id}`, {
      token: b.pk,
      body: { status: 'dropped_out', date: isoDay(0) },
    });
    const after = await api('GET', `/periods/${period.id}/due?before=${isoDay(5)}`, { token: a.admin });
    expect(after.body.items.map((i: { enrollmentId: string }) => i.enrollmentId)).toEqual([ea.id]);
    const other = await enrolledClient(b);
    expect((await api('GET', `/periods/${other.period.id}/due`, { token: a.pk })).status).toBe(404);
    expect((await api('GET', `/periods/${period.id}/due?before=2026-02-30`, { token: a.pk })).status).toBe(
      400,
    );
  });
});
