import { describe, expect, it } from 'vitest';
import {
  api,
  COUNSELING,
  createClient,
  enrolledClient,
  HOME_VISIT,
  isoDay,
  moveEnrollmentIntoPast,
  movePeriodIntoPast,
  officeWithStaff,
  record,
  URINE_NEGATIVE,
} from './helpers';

const NEW_PROTOCOL = {
  opening: ['home_visit', 'urine_test', 'group_meeting'],
  cadenceDays: { home_visit: 30, urine_test: 14 },
};
const OLD_PROTOCOL = { opening: ['urine_test', 'group_meeting'], cadenceDays: { urine_test: 14 } };

describe('activities in protocol order', () => {
  it('opens the new protocol with a home visit and refuses a urine test first, naming the expected type', async () => {
    const s = await officeWithStaff('act');
    const { enrollment } = await enrolledClient(s, { protocol: NEW_PROTOCOL });
    const urineFirst = await record(s.pk, enrollment.id, 'activities', {
      ...URINE_NEGATIVE,
      date: isoDay(-10),
    });
    expect(urineFirst.status).toBe(409);
    expect(urineFirst.body.error.code).toBe('protocol_order');
    expect(urineFirst.body.error.details[0]).toMatchObject({ path: 'type' });
    expect(urineFirst.body.error.details[0].message).toContain('kunjungan rumah');

    const visit = await record(s.pk, enrollment.id, 'activities', { ...HOME_VISIT, date: isoDay(-10) });
    expect(visit.status).toBe(201);
    expect(visit.body).toMatchObject({ type: 'home_visit', familySupport: 4, enrollmentId: enrollment.id });
    const urine = await record(s.pk, enrollment.id, 'activities', {
      type: 'urine_test',
      date: isoDay(-9),
      results: { methamphetamine: 'positive', thc: 'negative' },
      specimenId: 'SP-1',
    });
    expect(urine.status).toBe(201);
    expect(urine.body.positive).toBe(true);
    // Counselling before the group meeting that completes the opening: refused.
    const early = await record(s.pk, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-8) });
    expect(early.status).toBe(409);
    expect(early.body.error.details[0].message).toContain('pertemuan kelompok');
  });

  it('runs the old protocol (urine test, group meeting) side by side with the new one', async () => {
    const s = await officeWithStaff('old');
    const oldOne = await enrolledClient(s, { protocol: OLD_PROTOCOL });
    const newOne = await enrolledClient(s, { protocol: NEW_PROTOCOL });
    expect(
      (await record(s.pk, oldOne.enrollment.id, 'activities', { ...URINE_NEGATIVE, date: isoDay(-10) }))
        .status,
    ).toBe(201);
    const refused = await record(s.pk, newOne.enrollment.id, 'activities', {
      ...URINE_NEGATIVE,
      date: isoDay(-10),
    });
    expect(refused.status).toBe(409);
    const oldVisit = await record(s.pk, oldOne.enrollment.id, 'activities', {
      ...HOME_VISIT,
      date: isoDay(-9),
    });
    expect(oldVisit.status).toBe(409);
    expect(oldVisit.body.error.details[0].message).toContain('pertemuan kelompok');

    const oldView = (await api('GET', `/enrollments/${oldOne.enrollment.id}`, { token: s.pk })).body.protocol;
    expect(oldView).toEqual({
      opening: OLD_PROTOCOL.opening,
      done: ['urine_test'],
      nextExpected: 'group_meeting',
      complete: false,
    });
    const newView = (await api('GET', `/enrollments/${newOne.enrollment.id}`, { token: s.pk })).body.protocol;
    expect(newView).toEqual({
      opening: NEW_PROTOCOL.opening,
      done: [],
      nextExpected: 'home_visit',
      complete: false,
    });
  });

  it('takes back-dated entries within the enrollment, refuses future dates and dates before enrollment', async () => {
    const s = await officeWithStaff('dates');
    const { enrollment } = await enrolledClient(s, { protocol: { opening: [] }, startDate: isoDay(-60) });
    const future = await record(s.pk, enrollment.id, 'activities', { ...HOME_VISIT, date: isoDay(2) });
    expect(future.status).toBe(422);
    expect(future.body.error).toMatchObject({ code: 'date_in_future', details: [{ path: 'date' }] });
    const beforeEnrollment = await record(s.pk, enrollment.id, 'activities', {
      ...HOME_VISIT,
      date: isoDay(-21),
    });
    expect(beforeEnrollment.status).toBe(422);
    expect(beforeEnrollment.body.error.code).toBe('date_outside_period');
    expect(
      (await record(s.pk, enrollment.id, 'activities', { ...HOME_VISIT, date: isoDay(-20) })).status,
    ).toBe(201);
    expect(
      (await record(s.pk, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-1) })).status,
    ).toBe(201);
  });

  it('accepts back-dated activities after the period has ended, within the period', async () => {
    const s = await officeWithStaff('ended');
    const { period, enrollment } = await enrolledClient(s, { protocol: { opening: ['home_visit'] } });
    // The period ran from 90 to 10 days ago; the client enrolled 80 days ago.
    await movePeriodIntoPast(period.id, isoDay(-90), isoDay(-10));
    await moveEnrollmentIntoPast(enrollment.id, isoDay(-80), isoDay(-90), isoDay(-10));
    expect((await api('GET', `/periods/${period.id}`, { token: s.pk })).body.status).toBe('closed');
    expect(
      (await record(s.pk, enrollment.id, 'activities', { ...HOME_VISIT, date: isoDay(-70) })).status,
    ).toBe(201);
    const afterEnd = await record(s.pk, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-5) });
    expect(afterEnd.status).toBe(422);
    expect(afterEnd.body.error.code).toBe('date_outside_period');
    // Enrolling into the ended period is refused.
    const late = await api('POST', `/periods/${period.id}/enrollments`, {
      token: s.pk,
      body: { clientId: (await createClient(s.pk, s.office)).id },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('period_closed');
  });

  it('validates each activity type field by field', async () => {
    const s = await officeWithStaff('val');
    const { enrollment } = await enrolledClient(s);
    const bad = await record(s.pk, enrollment.id, 'activities', {
      ...HOME_VISIT,
      date: isoDay(-5),
      familySupport: 6,
      present: [],
      riskFactors: ['gambling'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'familySupport',
      'present',
      'riskFactors.0',
    ]);
    const noResults = await record(s.pk, enrollment.id, 'activities', {
      type: 'urine_test',
      date: isoDay(-5),
      results: {},
    });
    expect(noResults.status).toBe(400);
    expect(noResults.body.error.details[0].path).toBe('results');
    const badResult = await record(s.pk, enrollment.id, 'activities', {
      type: 'urine_test',
      date: isoDay(-5),
      results: { heroin: 'positive' },
    });
    expect(badResult.status).toBe(400);
    const group = await record(s.pk, enrollment.id, 'activities', {
      type: 'group_meeting',
      date: isoDay(-5),
    });
    expect(group.status).toBe(400);
    expect(group.body.error.details[0].path).toBe('type');
  });

  it('lets konselor record for any office, hides other offices from pk (404), refuses viewers (403)', async () => {
    const a = await officeWithStaff('ra');
    const b = await officeWithStaff('rb');
    const { enrollment } = await enrolledClient(a, { protocol: { opening: [] } });
    expect(
      (await record(a.konselor, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-3) })).status,
    ).toBe(201);
    expect(
      (await record(a.admin, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-3) })).status,
    ).toBe(201);
    expect(
      (await record(b.pk, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-3) })).status,
    ).toBe(404);
    expect(
      (await record(b.kasi, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-3) })).status,
    ).toBe(404);
    expect(
      (await record(a.viewer, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-3) })).status,
    ).toBe(403);
    expect(
      (await record(a.pk, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'activities', { ...COUNSELING, date: isoDay(-3) }))
        .status,
    ).toBe(404);
  });

  it('keeps protocol order under concurrent entries: of two opening steps sent at once only the right one lands', async () => {
    const s = await officeWithStaff('conc');
    const { enrollment } = await enrolledClient(s, { protocol: NEW_PROTOCOL });
    const results = await Promise.all([
      record(s.pk, enrollment.id, 'activities', { ...HOME_VISIT, date: isoDay(-10) }),
      record(s.pk, enrollment.id, 'activities', { ...HOME_VISIT, date: isoDay(-10) }),
      record(s.pk, enrollment.id, 'activities', { ...URINE_NEGATIVE, date: isoDay(-9) }),
    ]);
    const detail = (await api('GET', `/enrollments/${enrollment.id}`, { token: s.pk })).body;
    const landed = results.filter((r) => r.status === 201).length;
    expect(detail.timeline).toHaveLength(landed);
    // Whatever interleaving happened, the stored opening is a prefix of the protocol.
    expect(NEW_PROTOCOL.opening.slice(0, detail.protocol.done.length)).toEqual(detail.protocol.done);
    expect(detail.protocol.done.filter((t: string) => t === 'home_visit')).toHaveLength(1);
    // No lost update: every stored activity is an opening step the enrollment counted, so a
    // second home visit cannot have been stored beside the first.
    const stored = detail.timeline.map((t: { type: string }) => t.type);
    expect(stored.filter((t: string) => t === 'home_visit')).toHaveLength(1);
    expect(stored).toEqual(detail.protocol.done);
  });
});

describe('group meetings', () => {
  it("stores the session and each attendance, advancing every attendee's protocol", async () => {
    const s = await officeWithStaff('gm');
    const one = await enrolledClient(s, { protocol: OLD_PROTOCOL });
    const periodId = one.period.id;
    const client2 = await createClient(s.pk, s.office);
    const e2 = (
      await api('POST', `/periods/${periodId}/enrollments`, {
        token: s.pk,
        body: { clientId: client2.id, enrolledOn: isoDay(-20) },
      })
    ).body;
    for (const id of [one.enrollment.id, e2.id]) {
      expect((await record(s.pk, id, 'activities', { ...URINE_NEGATIVE, date: isoDay(-10) })).status).toBe(
        201,
      );
    }
    const res = await api('POST', `/periods/${periodId}/group-meetings`, {
      token: s.konselor,
      body: {
        date: isoDay(-7),
        topic: 'Pencegahan kekambuhan',
        facilitator: 'Konselor BNNP',
        attendees: [one.enrollment.id, e2.id],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      periodId,
      attendees: [one.enrollment.id, e2.id],
      topic: 'Pencegahan kekambuhan',
    });
    for (const id of [one.enrollment.id, e2.id]) {
      const detail = (await api('GET', `/enrollments/${id}`, { token: s.pk })).body;
      expect(detail.protocol).toMatchObject({
        done: ['urine_test', 'group_meeting'],
        complete: true,
        nextExpected: null,
      });
      expect(detail.timeline.map((t: { kind: string }) => t.kind)).toEqual(['activity', 'group_meeting']);
    }
  });

  it('refuses the whole meeting, naming every offending enrollment, and writes nothing', async () => {
    const s = await officeWithStaff('gmx');
    const other = await officeWithStaff('gmy');
    const ready = await enrolledClient(s, { protocol: OLD_PROTOCOL });
    const periodId = ready.period.id;
    await record(s.pk, ready.enrollment.id, 'activities', { ...URINE_NEGATIVE, date: isoDay(-10) });
    const notReady = (
      await api('POST', `/periods/${periodId}/enrollments`, {
        token: s.pk,
        body: { clientId: (await createClient(s.pk, s.office)).id, enrolledOn: isoDay(-20) },
      })
    ).body;
    const notReady2 = (
      await api('POST', `/periods/${periodId}/enrollments`, {
        token: s.pk,
        body: { clientId: (await createClient(s.pk, s.office)).id, enrolledOn: isoDay(-20) },
      })
    ).body;
    const res = await api('POST', `/periods/${periodId}/group-meetings`, {
      token: s.pk,
      body: { date: isoDay(-7), topic: 'Topik', attendees: [ready.enrollment.id, notReady.id, notReady2.id] },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('protocol_order');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'attendees.1',
      'attendees.2',
    ]);
    expect(res.body.error.details[0].message).toContain(notReady.id);
    const detail = (await api('GET', `/enrollments/${ready.enrollment.id}`, { token: s.pk })).body;
    expect(detail.protocol.done).toEqual(['urine_test']);
    expect(detail.timeline).toHaveLength(1);

    // An attendee from another office's period is out of scope: 404 naming it, nothing written.
    const foreign = await enrolledClient(other, { protocol: { opening: [] } });
    const scoped = await api('POST', `/periods/${periodId}/group-meetings`, {
      token: s.pk,
      body: { date: isoDay(-7), topic: 'Topik', attendees: [ready.enrollment.id, foreign.enrollment.id] },
    });
    expect(scoped.status).toBe(404);
    expect(scoped.body.error.details).toEqual([expect.objectContaining({ path: 'attendees.1' })]);
    expect(
      (await api('GET', `/enrollments/${ready.enrollment.id}`, { token: s.pk })).body.timeline,
    ).toHaveLength(1);
  });

  it('takes 90 attendees in one atomic write and refuses 91', async () => {
    const s = await officeWithStaff('gm90');
    const period = (
      await api('POST', '/periods', {
        token: s.kasi,
        body: {
          name: 'Besar',
          startDate: isoDay(-30),
          endDate: isoDay(60),
          capacity: 100,
          offices: [s.office],
          protocol: { opening: ['group_meeting'] },
          instruments: [],
        },
      })
    ).body;
    const ids: string[] = [];
    for (let i = 0; i < 90; i += 15) {
      const batch = await Promise.all(
        Array.from({ length: 15 }, async () => {
          const c = await createClient(s.pk, s.office);
          return (
            await api('POST', `/periods/${period.id}/enrollments`, {
              token: s.pk,
              body: { clientId: c.id, enrolledOn: isoDay(-20) },
            })
          ).body.id as string;
        }),
      );
      ids.push(...batch);
    }
    const tooMany = await api('POST', `/periods/${period.id}/group-meetings`, {
      token: s.pk,
      body: { date: isoDay(-5), topic: 'Besar', attendees: [...ids, '01ARZ3NDEKTSV4RRFFQ69G5FAV'] },
    });
    expect(tooMany.status).toBe(400);
    const res = await api('POST', `/periods/${period.id}/group-meetings`, {
      token: s.pk,
      body: { date: isoDay(-5), topic: 'Besar', attendees: ids },
      headers: { 'idempotency-key': `gm90-${period.id}` },
    });
    expect(res.status).toBe(201);
    const sample = (await api('GET', `/enrollments/${ids[89]}`, { token: s.pk })).body;
    expect(sample.protocol.complete).toBe(true);
  });
});
