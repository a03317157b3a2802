import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import {
  type ApiResult,
  api,
  createClient,
  enrolledClient,
  HOME_VISIT,
  isoDay,
  movePeriodIntoPast,
  officeWithStaff,
  record,
  URINE_NEGATIVE,
} from './helpers';

describe('due list', () => {
  it('lists what is due or overdue before a date, from the cadence and the last one done', async () => {
    const s = await officeWithStaff('due');
    const { period, enrollment } = await enrolledClient(s, {
      protocol: { opening: ['home_visit', 'urine_test'], cadenceDays: { home_visit: 30, urine_test: 14 } },
      instruments: [],
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

const ids = (items: Array<{ enrollmentId: string }>) => items.map((i) => i.enrollmentId);

/** Every row of a due list, page by page. */
async function allPages(path: string, token: string): Promise<Array<{ enrollmentId: string }>> {
  const rows: Array<{ enrollmentId: string }> = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: ApiResult = await api(
      'GET',
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        token,
      },
    );
    expect(page.status).toBe(200);
    rows.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return rows;
}

describe('assessments due', () => {
  it('lists each pre from the enrollment date until recorded, and each post from 14 days before the end', async () => {
    const s = await officeWithStaff('dass');
    const { period, enrollment } = await enrolledClient(s, {
      endDate: isoDay(30),
      protocol: { opening: [], cadenceDays: {} },
      instruments: ['whoqol-bref', 'urica'],
    });
    const now = await api('GET', `/periods/${period.id}/due`, { token: s.pk });
    expect(now.body.items).toEqual([
      expect.objectContaining({
        type: 'assessment',
        instrument: 'whoqol-bref',
        phase: 'pre',
        dueDate: isoDay(-20),
        overdue: true,
      }),
      expect.objectContaining({
        type: 'assessment',
        instrument: 'urica',
        phase: 'pre',
        dueDate: isoDay(-20),
      }),
    ]);
    // The enrollment's own screen says the same.
    const detail = await api('GET', `/enrollments/${enrollment.id}`, { token: s.pk });
    expect(detail.body.assessmentsDue).toEqual([
      { instrument: 'whoqol-bref', phase: 'pre', dueDate: isoDay(-20) },
      { instrument: 'urica', phase: 'pre', dueDate: isoDay(-20) },
      { instrument: 'whoqol-bref', phase: 'post', dueDate: isoDay(16) },
      { instrument: 'urica', phase: 'post', dueDate: isoDay(16) },
    ]);
    const urica = {
      instrument: 'urica',
      phase: 'pre',
      date: isoDay(-5),
      responses: Array.from({ length: 32 }, () => 3),
    };
    expect((await record(s.pk, enrollment.id, 'assessments', urica)).status).toBe(201);
    // A second pre of the same instrument changes nothing on the list.
    expect((await record(s.pk, enrollment.id, 'assessments', { ...urica, date: isoDay(-4) })).status).toBe(
      201,
    );
    const later = await api('GET', `/periods/${period.id}/due?before=${isoDay(20)}&type=assessment`, {
      token: s.pk,
    });
    expect(
      later.body.items.map((i: { instrument: string; phase: string }) => `${i.instrument}:${i.phase}`),
    ).toEqual(['whoqol-bref:pre', 'whoqol-bref:post', 'urica:post']);
    expect(later.body.items[1]).toMatchObject({ dueDate: isoDay(16), overdue: false });
    // Filtering by an activity type leaves the assessments out.
    const visits = await api('GET', `/periods/${period.id}/due?type=home_visit`, { token: s.pk });
    expect(visits.body.items).toEqual([]);
    expect((await api('GET', `/periods/${period.id}/due?type=relapse`, { token: s.pk })).status).toBe(400);
  });
});

describe('the worklist across periods (GET /due)', () => {
  /** Two periods of one office, plus a joint one with a second office; one enrollment each. */
  async function twoOffices() {
    const a = await officeWithStaff('wla');
    const b = await officeWithStaff('wlb');
    const body = (name: string, offices: string[], opening: string[], instruments: string[] = []) => ({
      name,
      startDate: isoDay(-40),
      endDate: isoDay(60),
      capacity: 10,
      offices,
      protocol: { opening, cadenceDays: { counseling: 14 } },
      instruments,
    });
    const p1 = (
      await api('POST', '/periods', { token: a.kasi, body: body('Satu', [a.office], ['home_visit']) })
    ).body;
    const p2 = (
      await api('POST', '/periods', { token: a.kasi, body: body('Dua', [a.office], ['urine_test']) })
    ).body;
    const joint = (
      await api('POST', '/periods', {
        token: a.admin,
        body: body('Bersama', [a.office, b.office], [], ['urica']),
      })
    ).body;
    const enroll = async (staff: typeof a, periodId: string, daysAgo: number) =>
      (
        await api('POST', `/periods/${periodId}/enrollments`, {
          token: staff.pk,
          body: { clientId: (await createClient(staff.pk, staff.office)).id, enrolledOn: isoDay(-daysAgo) },
        })
      ).body as { id: string };
    const e1 = await enroll(a, p1.id, 30);
    const e2 = await enroll(a, p2.id, 10);
    const e3 = await enroll(a, joint.id, 20);
    const e4 = await enroll(b, joint.id, 25);
    return { a, b, p1, p2, joint, e1, e2, e3, e4 };
  }

  it("merges every running period of the caller's scope, most overdue first, with the period of each", async () => {
    const w = await twoOffices();
    const mine = await api('GET', '/due', { token: w.a.pk });
    expect(mine.status).toBe(200);
    expect(mine.body.today).toBe(isoDay(0));
    expect(mine.body.before).toBe(isoDay(1));
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        enrollmentId: w.e1.id,
        periodId: w.p1.id,
        type: 'home_visit',
        dueDate: isoDay(-30),
      }),
      expect.objectContaining({
        enrollmentId: w.e3.id,
        periodId: w.joint.id,
        type: 'counseling',
        dueDate: isoDay(-20),
      }),
      expect.objectContaining({
        enrollmentId: w.e3.id,
        periodId: w.joint.id,
        type: 'assessment',
        instrument: 'urica',
        phase: 'pre',
        dueDate: isoDay(-20),
      }),
      expect.objectContaining({
        enrollmentId: w.e2.id,
        periodId: w.p2.id,
        type: 'urine_test',
        dueDate: isoDay(-10),
      }),
    ]);
    expect(mine.body.items[0].client).toEqual({
      fullName: 'Budi Santoso',
      registrationNumber: expect.any(String),
    });
    // The other office's pk sees only their own client of the joint period.
    expect(ids((await api('GET', '/due', { token: w.b.pk })).body.items)).toEqual([w.e4.id, w.e4.id]);
    // Filter by type.
    expect(ids((await api('GET', '/due?type=counseling', { token: w.a.kasi })).body.items)).toEqual([
      w.e3.id,
    ]);
    // Province roles see both offices (among everything else of this test run).
    const all = await allPages('/due', w.a.konselor);
    const ours = all.filter((i) => [w.e1.id, w.e2.id, w.e3.id, w.e4.id].includes(i.enrollmentId));
    expect(ids(ours)).toEqual([w.e1.id, w.e4.id, w.e4.id, w.e3.id, w.e3.id, w.e2.id]);
    // Viewers get the list without names.
    const asViewer = await api('GET', '/due?limit=200', { token: w.a.viewer });
    expect(asViewer.status).toBe(200);
    expect(JSON.stringify(asViewer.body)).not.toContain('Budi Santoso');
  });

  it('pages through the same rows whatever the page size, and refuses a foreign cursor', async () => {
    const w = await twoOffices();
    const whole = (await api('GET', `/due?before=${isoDay(30)}`, { token: w.a.pk })).body.items;
    expect(whole.length).toBeGreaterThan(3);
    for (const limit of [1, 2, 3]) {
      const seen: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const qs: string = `before=${isoDay(30)}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await api('GET', `/due?${qs}`, { token: w.a.pk });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      expect(seen, `limit ${limit}`).toEqual(whole);
    }
    const first = await api('GET', `/due?before=${isoDay(30)}&limit=1`, { token: w.a.pk });
    const cursor = encodeURIComponent(first.body.nextCursor);
    // The cursor belongs to its query: another type filter, or a `before` it lies beyond, is 400.
    for (const qs of [
      `type=counseling&cursor=${cursor}`,
      `before=${isoDay(-35)}&cursor=${cursor}`,
      'cursor=e30',
    ]) {
      const res = await api('GET', `/due?${qs}`, { token: w.a.pk });
      expect(res.status, qs).toBe(400);
      expect(res.body.error.details[0].path).toBe('cursor');
    }
    expect((await api('GET', '/due?office=bapas-x', { token: w.a.pk })).status).toBe(400);
  });

  it('keeps a period 30 days past its end, then drops it; ended enrollments are never listed', async () => {
    const s = await officeWithStaff('wlend');
    const { period, enrollment } = await enrolledClient(s, {
      protocol: { opening: ['home_visit'], cadenceDays: {} },
      instruments: [],
    });
    expect(ids((await api('GET', '/due', { token: s.pk })).body.items)).toEqual([enrollment.id]);
    await movePeriodIntoPast(period.id, isoDay(-100), isoDay(-30));
    expect(ids((await api('GET', '/due', { token: s.pk })).body.items)).toEqual([enrollment.id]);
    await movePeriodIntoPast(period.id, isoDay(-100), isoDay(-31));
    expect((await api('GET', '/due', { token: s.pk })).body.items).toEqual([]);
    // The period's own list still has it.
    expect(ids((await api('GET', `/periods/${period.id}/due`, { token: s.pk })).body.items)).toEqual([
      enrollment.id,
    ]);
    const other = await enrolledClient(s, { instruments: [] });
    await api('PATCH', `/enrollments/${other.enrollment.id}`, {
      token: s.pk,
      body: { status: 'dropped_out', date: isoDay(0) },
    });
    expect((await api('GET', '/due', { token: s.pk })).body.items).toEqual([]);
  });
});
