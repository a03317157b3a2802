import { describe, expect, it } from 'vitest';
import {
  api,
  COUNSELING,
  createClient,
  enrolledClient,
  HOME_VISIT,
  isoDay,
  officeWithStaff,
  record,
  URINE_NEGATIVE,
} from './helpers';

// Public worked examples (docs/instruments.md).
const WHOQOL = [4, 3, 2, 1, 4, 4, 3, 4, 3, 4, 3, 2, 4, 3, 5, 3, 4, 4, 4, 4, 3, 4, 4, 3, 3, 2];
const URICA = [
  2, 4, 4, 4, 1, 3, 4, 5, 3, 4, 1, 4, 2, 3, 5, 3, 4, 2, 4, 4, 4, 3, 2, 5, 4, 1, 3, 3, 2, 4, 2, 3,
];

describe('assessments', () => {
  it('scores WHOQOL-BREF on the server exactly as the worked example', async () => {
    const s = await officeWithStaff('who');
    const { enrollment } = await enrolledClient(s);
    const res = await record(s.konselor, enrollment.id, 'assessments', {
      instrument: 'whoqol-bref',
      phase: 'pre',
      date: isoDay(-15),
      responses: WHOQOL,
    });
    expect(res.status).toBe(201);
    expect(res.body.scores).toEqual({
      overallQol: 4,
      generalHealth: 3,
      domains: {
        physical: { score4to20: 16.571429, score0to100: 78.571429 },
        psychological: { score4to20: 14.666667, score0to100: 66.666667 },
        social: { score4to20: 14.666667, score0to100: 66.666667 },
        environment: { score4to20: 13, score0to100: 56.25 },
      },
    });
  });

  it('scores URICA exactly as the worked example', async () => {
    const s = await officeWithStaff('urica');
    const { enrollment } = await enrolledClient(s);
    const res = await record(s.pk, enrollment.id, 'assessments', {
      instrument: 'urica',
      phase: 'post',
      date: isoDay(-1),
      responses: URICA,
    });
    expect(res.status).toBe(201);
    expect(res.body.scores).toEqual({
      precontemplation: 1.571429,
      contemplation: 4.428571,
      action: 3.857143,
      maintenance: 2.857143,
      readiness: 9.571429,
      stage: 'contemplation',
    });
  });

  it('accepts 21 answered WHOQOL items, refuses 20 with too_many_missing and stores nothing', async () => {
    const s = await officeWithStaff('miss');
    const { enrollment } = await enrolledClient(s);
    const five = WHOQOL.map((v, i) => ([1, 5, 9, 13, 21].includes(i) ? null : v));
    const ok = await record(s.pk, enrollment.id, 'assessments', {
      instrument: 'whoqol-bref',
      phase: 'pre',
      date: isoDay(-5),
      responses: five,
    });
    expect(ok.status).toBe(201);
    const six = five.map((v, i) => (i === 24 ? null : v));
    const refused = await record(s.pk, enrollment.id, 'assessments', {
      instrument: 'whoqol-bref',
      phase: 'pre',
      date: isoDay(-5),
      responses: six,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'too_many_missing', details: [{ path: 'responses' }] });
    const subscale = URICA.map((v, i) => ([0, 4].includes(i) ? null : v));
    const urica = await record(s.pk, enrollment.id, 'assessments', {
      instrument: 'urica',
      phase: 'pre',
      date: isoDay(-5),
      responses: subscale,
    });
    expect(urica.status).toBe(422);
    expect(urica.body.error.details).toEqual([
      expect.objectContaining({ path: 'responses.precontemplation' }),
    ]);
    const timeline = (await api('GET', `/enrollments/${enrollment.id}`, { token: s.pk })).body.timeline;
    expect(timeline).toHaveLength(1);
  });

  it('refuses a wrong item count or value with validation_failed, and an instrument the period does not use', async () => {
    const s = await officeWithStaff('aval');
    const { enrollment } = await enrolledClient(s, { instruments: ['urica'] });
    const short = await record(s.pk, enrollment.id, 'assessments', {
      instrument: 'urica',
      phase: 'pre',
      date: isoDay(-5),
      responses: URICA.slice(1),
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].path).toBe('responses');
    const six = await record(s.pk, enrollment.id, 'assessments', {
      instrument: 'urica',
      phase: 'pre',
      date: isoDay(-5),
      responses: URICA.map((v, i) => (i === 3 ? 6 : v)),
    });
    expect(six.status).toBe(400);
    expect(six.body.error.details[0].path).toBe('responses.3');
    const notInPeriod = await record(s.pk, enrollment.id, 'assessments', {
      instrument: 'whoqol-bref',
      phase: 'pre',
      date: isoDay(-5),
      responses: WHOQOL,
    });
    expect(notInPeriod.status).toBe(409);
    expect(notInPeriod.body.error.code).toBe('instrument_not_in_period');
  });

  it("refuses assessments to viewers and to another office's pk", async () => {
    const a = await officeWithStaff('ar');
    const b = await officeWithStaff('ar');
    const { enrollment } = await enrolledClient(a);
    const body = { instrument: 'urica', phase: 'pre', date: isoDay(-5), responses: URICA };
    expect((await record(a.viewer, enrollment.id, 'assessments', body)).status).toBe(403);
    expect((await record(b.pk, enrollment.id, 'assessments', body)).status).toBe(404);
    expect((await record(a.admin, enrollment.id, 'assessments', body)).status).toBe(201);
  });
});

describe('outcomes and the end of an enrollment', () => {
  it('records outcomes (pk, kasi, admin; not konselor or viewer), also after the enrollment ended', async () => {
    const s = await officeWithStaff('out');
    const { enrollment } = await enrolledClient(s);
    const relapse = await record(s.pk, enrollment.id, 'outcomes', {
      type: 'relapse',
      date: isoDay(-3),
      note: 'Tes positif',
    });
    expect(relapse.status).toBe(201);
    expect(relapse.body).toMatchObject({ type: 'relapse', date: isoDay(-3) });
    expect(
      (await record(s.konselor, enrollment.id, 'outcomes', { type: 'rearrest', date: isoDay(-2) })).status,
    ).toBe(403);
    expect(
      (await record(s.viewer, enrollment.id, 'outcomes', { type: 'rearrest', date: isoDay(-2) })).status,
    ).toBe(403);
    expect((await record(s.pk, enrollment.id, 'outcomes', { type: 'arrest', date: isoDay(-2) })).status).toBe(
      400,
    );
    await api('PATCH', `/enrollments/${enrollment.id}`, {
      token: s.pk,
      body: { status: 'completed', date: isoDay(-2) },
    });
    expect(
      (await record(s.kasi, enrollment.id, 'outcomes', { type: 'rearrest', date: isoDay(-1) })).status,
    ).toBe(201);
    expect(
      (await record(s.admin, enrollment.id, 'outcomes', { type: 'parole_revoked', date: isoDay(-1) })).status,
    ).toBe(201);
  });

  it('ends only active enrollments; dropout and transfer free the place, completion keeps it', async () => {
    const s = await officeWithStaff('end');
    const { period, enrollment } = await enrolledClient(s, { capacity: 2 });
    const second = (
      await api('POST', `/periods/${period.id}/enrollments`, {
        token: s.pk,
        body: { clientId: (await createClient(s.pk, s.office)).id },
      })
    ).body;
    const full = await api('POST', `/periods/${period.id}/enrollments`, {
      token: s.pk,
      body: { clientId: (await createClient(s.pk, s.office)).id },
    });
    expect(full.body.error.code).toBe('capacity_reached');

    const completed = await api('PATCH', `/enrollments/${enrollment.id}`, {
      token: s.pk,
      body: { status: 'completed', date: isoDay(-1) },
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', statusDate: isoDay(-1) });
    expect((await api('GET', `/periods/${period.id}`, { token: s.pk })).body.enrolledCount).toBe(2);
    const again = await api('PATCH', `/enrollments/${enrollment.id}`, {
      token: s.pk,
      body: { status: 'dropped_out', date: isoDay(-1) },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');

    const dropped = await api('PATCH', `/enrollments/${second.id}`, {
      token: s.kasi,
      body: { status: 'dropped_out', date: isoDay(0), reason: 'Pindah domisili' },
    });
    expect(dropped.status).toBe(200);
    expect((await api('GET', `/periods/${period.id}`, { token: s.pk })).body.enrolledCount).toBe(1);
    const third = await api('POST', `/periods/${period.id}/enrollments`, {
      token: s.pk,
      body: { clientId: (await createClient(s.pk, s.office)).id },
    });
    expect(third.status).toBe(201);
    expect(
      (
        await api('PATCH', `/enrollments/${third.body.id}`, {
          token: s.konselor,
          body: { status: 'transferred', date: isoDay(0) },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api('PATCH', `/enrollments/${third.body.id}`, {
          token: s.pk,
          body: { status: 'active', date: isoDay(0) },
        })
      ).status,
    ).toBe(400);
  });

  it('refuses activities dated after an enrollment ended, but takes back-dated ones before', async () => {
    const s = await officeWithStaff('after');
    const { enrollment } = await enrolledClient(s, { protocol: { opening: [] } });
    await api('PATCH', `/enrollments/${enrollment.id}`, {
      token: s.pk,
      body: { status: 'dropped_out', date: isoDay(-5) },
    });
    const after = await record(s.pk, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-2) });
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('enrollment_not_active');
    expect(
      (await record(s.pk, enrollment.id, 'activities', { ...COUNSELING, date: isoDay(-6) })).status,
    ).toBe(201);
  });
});

describe('enrollment timeline', () => {
  it('returns activities, attendance, assessments and outcomes ascending by date with protocol progress', async () => {
    const s = await officeWithStaff('tl');
    const { period, enrollment } = await enrolledClient(s);
    // Entered out of order (paper records typed in later): the timeline sorts by date.
    await record(s.pk, enrollment.id, 'assessments', {
      instrument: 'urica',
      phase: 'pre',
      date: isoDay(-19),
      responses: URICA,
    });
    await record(s.pk, enrollment.id, 'activities', { ...HOME_VISIT, date: isoDay(-18) });
    await record(s.pk, enrollment.id, 'activities', { ...URINE_NEGATIVE, date: isoDay(-17) });
    await api('POST', `/periods/${period.id}/group-meetings`, {
      token: s.pk,
      body: { date: isoDay(-16), topic: 'Dukungan keluarga', attendees: [enrollment.id] },
    });
    await record(s.pk, enrollment.id, 'outcomes', { type: 'relapse', date: isoDay(-15) });
    const detail = await api('GET', `/enrollments/${enrollment.id}`, { token: s.viewer });
    expect(detail.status).toBe(200);
    expect(detail.body.timeline.map((t: { kind: string; date: string }) => `${t.date}:${t.kind}`)).toEqual([
      `${isoDay(-19)}:assessment`,
      `${isoDay(-18)}:activity`,
      `${isoDay(-17)}:activity`,
      `${isoDay(-16)}:group_meeting`,
      `${isoDay(-15)}:outcome`,
    ]);
    expect(detail.body.timeline[0].scores.stage).toBe('contemplation');
    expect(detail.body.protocol).toEqual({
      opening: ['home_visit', 'urine_test', 'group_meeting'],
      done: ['home_visit', 'urine_test', 'group_meeting'],
      nextExpected: null,
      complete: true,
    });
    expect(JSON.stringify(detail.body)).not.toContain('Budi');
    // Free text officers typed (it may name people) is not shown to a viewer; an officer sees it.
    expect(JSON.stringify(detail.body)).not.toContain(HOME_VISIT.findings);
    const forOfficer = await api('GET', `/enrollments/${enrollment.id}`, { token: s.pk });
    expect(JSON.stringify(forOfficer.body)).toContain(HOME_VISIT.findings);
  });
});
