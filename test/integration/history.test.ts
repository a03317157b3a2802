import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import {
  api,
  createClient,
  enrolledClient,
  HOME_VISIT,
  isoDay,
  officeWithStaff,
  periodBody,
  record,
  URINE_NEGATIVE,
} from './helpers';

const run = promisify(execFile);

/** `npm run job -- period-end --now ... --period ...` against the test stack. */
async function periodEndJob(now: string, periodId: string) {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/job.ts', 'period-end', '--now', now, '--period', periodId],
    { env: { ...process.env, DATA_DIR: inject('dataDir') } },
  );
  return JSON.parse(stdout) as { written: Array<{ kind: string; asOf: string }>; skipped: number };
}

/** The 2024 Semarang cohort's shape: May to October, urine test and group meeting first. */
function pastBody(office: string, overrides: Record<string, unknown> = {}) {
  return periodBody([office], {
    name: 'Mei-Okt 2024',
    startDate: '2024-05-01',
    endDate: '2024-10-31',
    protocol: { opening: ['urine_test', 'group_meeting'], cadenceDays: { urine_test: 30 } },
    historical: true,
    ...overrides,
  });
}

describe('past periods ("historical": true)', () => {
  it('lets a kasi create an ended period of their office; without the flag it stays period_in_past', async () => {
    const s = await officeWithStaff('hist');
    const refused = await api('POST', '/periods', {
      token: s.kasi,
      body: pastBody(s.office, { historical: undefined }),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('period_in_past');

    const created = await api('POST', '/periods', { token: s.kasi, body: pastBody(s.office) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ historical: true, status: 'open', enrolledCount: 0 });
    // pk may not create periods, historical or not; a kasi not for another office.
    expect((await api('POST', '/periods', { token: s.pk, body: pastBody(s.office) })).status).toBe(403);
    const other = await officeWithStaff('hist2');
    expect((await api('POST', '/periods', { token: other.kasi, body: pastBody(s.office) })).status).toBe(403);
  });

  it('refuses "historical" for a period that has not ended', async () => {
    const s = await officeWithStaff('histrun');
    const res = await api('POST', '/periods', {
      token: s.admin,
      body: periodBody([s.office], { historical: true }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('historical');
  });

  it('takes enrollments and records dated inside it, in protocol order, and never in the future', async () => {
    const s = await officeWithStaff('histrec');
    const period = (await api('POST', '/periods', { token: s.kasi, body: pastBody(s.office) })).body;
    const client = await createClient(s.pk, s.office);
    // No default date once the period has ended.
    const noDate = await api('POST', `/periods/${period.id}/enrollments`, {
      token: s.pk,
      body: { clientId: client.id },
    });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.details[0].path).toBe('enrolledOn');
    const outside = await api('POST', `/periods/${period.id}/enrollments`, {
      token: s.pk,
      body: { clientId: client.id, enrolledOn: '2024-11-02' },
    });
    expect(outside.body.error.code).toBe('date_outside_period');
    const enrolled = await api('POST', `/periods/${period.id}/enrollments`, {
      token: s.pk,
      body: { clientId: client.id, enrolledOn: '2024-05-13' },
    });
    expect(enrolled.status).toBe(201);
    const e = enrolled.body.id as string;

    // The old protocol: urine test first, a home visit is refused.
    const visit = await record(s.pk, e, 'activities', { ...HOME_VISIT, date: '2024-05-14' });
    expect(visit.body.error.code).toBe('protocol_order');
    expect((await record(s.pk, e, 'activities', { ...URINE_NEGATIVE, date: '2024-05-14' })).status).toBe(201);
    const meeting = await api('POST', `/periods/${period.id}/group-meetings`, {
      token: s.pk,
      body: { date: '2024-05-20', topic: 'Pencegahan kekambuhan', attendees: [e] },
    });
    expect(meeting.status).toBe(201);
    const late = await record(s.pk, e, 'activities', { ...URINE_NEGATIVE, date: '2024-11-05' });
    expect(late.body.error.code).toBe('date_outside_period');
    const future = await record(s.pk, e, 'outcomes', { type: 'relapse', date: isoDay(1) });
    expect(future.body.error.code).toBe('date_in_future');
    const read = await api('GET', `/enrollments/${e}`, { token: s.pk });
    expect(read.body.protocol).toMatchObject({ done: ['urine_test', 'group_meeting'], complete: true });
  });

  it('is left alone by the period-end job until closed; closing it makes the final report at once', async () => {
    const s = await officeWithStaff('histclose');
    const period = (await api('POST', '/periods', { token: s.kasi, body: pastBody(s.office) })).body;
    const client = await createClient(s.pk, s.office);
    const e = (
      await api('POST', `/periods/${period.id}/enrollments`, {
        token: s.pk,
        body: { clientId: client.id, enrolledOn: '2024-05-13' },
      })
    ).body.id as string;
    await record(s.pk, e, 'activities', { ...URINE_NEGATIVE, date: '2024-05-14' });

    const job = await periodEndJob(new Date().toISOString(), period.id);
    expect(job.written).toEqual([]);
    expect(job.skipped).toBe(1);
    expect((await api('GET', `/periods/${period.id}/reports`, { token: s.kasi })).body.items).toEqual([]);

    const closed = await api('POST', `/periods/${period.id}/close`, { token: s.kasi });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const reports = (await api('GET', `/periods/${period.id}/reports`, { token: s.kasi })).body.items;
    expect(reports.map((r: { kind: string; asOf: string }) => [r.kind, r.asOf])).toEqual([
      ['final', '2024-10-31'],
    ]);
    const summary = (await (await fetch(reports[0].files.json)).json()) as {
      urineTests: { tests: number };
      enrollment: { enrolled: number };
    };
    expect(summary).toMatchObject({ kind: 'final', interim: false, asOf: '2024-10-31' });
    expect(summary.urineTests.tests).toBe(1);
    expect(summary.enrollment.enrolled).toBe(1);

    // Closed now: no more enrollments, the job keeps its one final report.
    const another = await createClient(s.pk, s.office);
    const refused = await api('POST', `/periods/${period.id}/enrollments`, {
      token: s.pk,
      body: { clientId: another.id, enrolledOn: '2024-06-01' },
    });
    expect(refused.body.error.code).toBe('period_closed');
    const again = await periodEndJob(new Date().toISOString(), period.id);
    expect(again.written).toEqual([]);
    expect((await api('POST', `/periods/${period.id}/close`, { token: s.kasi })).body.error.code).toBe(
      'period_closed',
    );
  });
});

const WHOQOL = [4, 3, 2, 1, 4, 4, 3, 4, 3, 4, 3, 2, 4, 3, 5, 3, 4, 4, 4, 4, 3, 4, 4, 3, 3, 2];

describe('corrections', () => {
  it('correct an activity: re-validated, the protocol state and due dates recomputed, the audit keeps before and after', async () => {
    const s = await officeWithStaff('corr');
    const { enrollment } = await enrolledClient(s);
    const e = enrollment.id;
    const visit = await record(s.pk, e, 'activities', { ...HOME_VISIT, date: isoDay(-15) });
    const urine = await record(s.pk, e, 'activities', { ...URINE_NEGATIVE, date: isoDay(-10) });
    expect(urine.status).toBe(201);

    // No reason, an unknown field, a field of another type: refused, nothing written.
    const noReason = await api('PATCH', `/enrollments/${e}/activities/${urine.body.id}`, {
      token: s.pk,
      body: { date: isoDay(-12) },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.map((d: { path: string }) => d.path)).toContain('reason');
    const otherType = await api('PATCH', `/enrollments/${e}/activities/${visit.body.id}`, {
      token: s.pk,
      body: { reason: 'salah isi', results: { thc: 'positive' } },
    });
    expect(otherType.status).toBe(400);
    expect(otherType.body.error.details[0].path).toBe('results');
    // Moving the urine test before the home visit breaks the protocol (home visit first).
    const early = await api('PATCH', `/enrollments/${e}/activities/${urine.body.id}`, {
      token: s.pk,
      body: { reason: 'salah tanggal', date: isoDay(-18) },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('protocol_order');

    const fixed = await api('PATCH', `/enrollments/${e}/activities/${urine.body.id}`, {
      token: s.pk,
      body: { reason: 'Hasil salah dicatat', date: isoDay(-12), results: { methamphetamine: 'positive' } },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ id: urine.body.id, date: isoDay(-12), positive: true });
    const read = await api('GET', `/enrollments/${e}`, { token: s.pk });
    const urines = read.body.timeline.filter((t: { type: string }) => t.type === 'urine_test');
    expect(urines).toHaveLength(1);
    expect(urines[0]).toMatchObject({ id: urine.body.id, date: isoDay(-12), positive: true });
    // urine_test cadence 14 days from the corrected date; the next step is the group meeting.
    expect(read.body.protocol.nextExpected).toBe('group_meeting');
    expect(read.body.due).toEqual({ group_meeting: isoDay(-12) });

    const trail = await api('GET', `/audit?entity=enrollment&id=${e}`, { token: s.admin });
    const entry = trail.body.items.find((a: { action: string }) => a.action === 'activity.update:urine_test');
    expect(entry).toMatchObject({
      recordId: urine.body.id,
      reason: 'Hasil salah dicatat',
      changedFields: ['date', 'results'],
      before: { date: isoDay(-10), results: URINE_NEGATIVE.results },
      after: { date: isoDay(-12), results: { methamphetamine: 'positive' } },
    });
    // The audit is the admin's: a kasi may not read it.
    expect((await api('GET', `/audit?entity=enrollment&id=${e}`, { token: s.kasi })).status).toBe(403);
  });

  it('void an activity: kept out of the timeline and the protocol; an opening step others depend on is refused', async () => {
    const s = await officeWithStaff('void');
    const { enrollment } = await enrolledClient(s);
    const e = enrollment.id;
    const visit = await record(s.pk, e, 'activities', { ...HOME_VISIT, date: isoDay(-15) });
    const urine = await record(s.pk, e, 'activities', { ...URINE_NEGATIVE, date: isoDay(-10) });
    const blocked = await api('DELETE', `/enrollments/${e}/activities/${visit.body.id}`, {
      token: s.pk,
      body: { reason: 'Tercatat ganda' },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('protocol_order');
    expect(blocked.body.error.details[0]).toMatchObject({ path: 'activityId' });
    expect(blocked.body.error.details[0].message).toContain(urine.body.id);

    const voided = await api('DELETE', `/enrollments/${e}/activities/${urine.body.id}`, {
      token: s.pk,
      body: { reason: 'Tercatat ganda' },
    });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({
      id: urine.body.id,
      kind: 'activity',
      voided: { reason: 'Tercatat ganda' },
    });
    const read = await api('GET', `/enrollments/${e}`, { token: s.pk });
    expect(read.body.timeline.map((t: { id: string }) => t.id)).toEqual([visit.body.id]);
    expect(read.body.protocol).toMatchObject({ done: ['home_visit'], nextExpected: 'urine_test' });
    // A voided record cannot be changed or voided again; an unknown one is 404.
    const again = await api('PATCH', `/enrollments/${e}/activities/${urine.body.id}`, {
      token: s.pk,
      body: { reason: 'x', date: isoDay(-9) },
    });
    expect(again.body.error.code).toBe('record_voided');
    // Details name the path parameter of the route (/enrollments/{id}/activities/{activityId}).
    expect(again.body.error.details[0].path).toBe('activityId');
    const unknown = await api('DELETE', `/enrollments/${e}/activities/01ARZ3NDEKTSV4RRFFQ69G5FAV`, {
      token: s.pk,
      body: { reason: 'x' },
    });
    expect(unknown.status).toBe(404);
    // Another office's pk sees nothing to correct.
    const other = await officeWithStaff('void2');
    const foreign = await api('DELETE', `/enrollments/${e}/activities/${visit.body.id}`, {
      token: other.pk,
      body: { reason: 'x' },
    });
    expect(foreign.status).toBe(404);
    // The urine test can be entered again: the opening goes on.
    expect((await record(s.pk, e, 'activities', { ...URINE_NEGATIVE, date: isoDay(-9) })).status).toBe(201);
  });

  it('rebuild the protocol from the activities and the meetings attended (the meeting items)', async () => {
    const s = await officeWithStaff('corrmeet');
    const { enrollment, period } = await enrolledClient(s, {
      protocol: { opening: ['urine_test', 'group_meeting'], cadenceDays: { urine_test: 14 } },
    });
    const e = enrollment.id;
    const urine = await record(s.pk, e, 'activities', { ...URINE_NEGATIVE, date: isoDay(-15) });
    const meeting = await api('POST', `/periods/${period.id}/group-meetings`, {
      token: s.konselor,
      body: { date: isoDay(-12), topic: 'Dukungan keluarga', attendees: [e] },
    });
    expect(meeting.status).toBe(201);
    const counseling = await record(s.konselor, e, 'activities', {
      type: 'counseling',
      date: isoDay(-10),
      counselor: 'Konselor BNNP',
      topic: 'Motivasi',
      durationMinutes: 45,
    });
    const voided = await api('DELETE', `/enrollments/${e}/activities/${counseling.body.id}`, {
      token: s.konselor,
      body: { reason: 'Sesi batal' },
    });
    expect(voided.status).toBe(200);
    const read = await api('GET', `/enrollments/${e}`, { token: s.pk });
    // The meeting (from its item) still completes the opening; urine tests are due from the test.
    expect(read.body.protocol).toMatchObject({ done: ['urine_test', 'group_meeting'], complete: true });
    expect(read.body.groupMeetings).toEqual({ attended: 1, listed: 1 });
    expect(read.body.due).toEqual({ urine_test: isoDay(-1) });
    // Moving the urine test after the meeting would break the opening: refused.
    const late = await api('PATCH', `/enrollments/${e}/activities/${urine.body.id}`, {
      token: s.pk,
      body: { reason: 'tanggal', date: isoDay(-11) },
    });
    expect(late.body.error.code).toBe('protocol_order');
  });

  it('correct an assessment (scored again) and void an outcome; reports and a revised final report follow', async () => {
    const s = await officeWithStaff('corrrep');
    const period = (
      await api('POST', '/periods', {
        token: s.kasi,
        body: pastBody(s.office, { protocol: { opening: [] } }),
      })
    ).body;
    const client = await createClient(s.pk, s.office);
    const e = (
      await api('POST', `/periods/${period.id}/enrollments`, {
        token: s.pk,
        body: { clientId: client.id, enrolledOn: '2024-05-13' },
      })
    ).body.id as string;
    const pre = await record(s.pk, e, 'assessments', {
      instrument: 'whoqol-bref',
      phase: 'pre',
      date: '2024-05-14',
      responses: WHOQOL,
    });
    const relapse = await record(s.pk, e, 'outcomes', {
      type: 'relapse',
      date: '2024-08-01',
      note: 'keliru',
    });
    expect((await api('POST', `/periods/${period.id}/close`, { token: s.kasi })).status).toBe(200);
    const final = (await api('GET', `/periods/${period.id}/reports`, { token: s.kasi })).body.items[0];
    const before = (await (await fetch(final.files.json)).json()) as {
      outcomes: { relapse: { events: number } };
    };
    expect(before.outcomes.relapse.events).toBe(1);

    // 21 answers are enough; 20 are not (422, nothing stored).
    const tooFew = await api('PATCH', `/enrollments/${e}/assessments/${pre.body.id}`, {
      token: s.pk,
      body: { reason: 'x', responses: WHOQOL.map((v, i) => (i < 6 ? null : v)) },
    });
    expect(tooFew.body.error.code).toBe('too_many_missing');
    const rescored = await api('PATCH', `/enrollments/${e}/assessments/${pre.body.id}`, {
      token: s.pk,
      body: { reason: 'Jawaban Q2 salah ketik', responses: WHOQOL.map((v, i) => (i === 1 ? 5 : v)) },
    });
    expect(rescored.status).toBe(200);
    expect(rescored.body.scores.generalHealth).toBe(5);
    expect(rescored.body.scores.domains.physical.score0to100).toBe(78.571429);
    const voided = await api('DELETE', `/enrollments/${e}/outcomes/${relapse.body.id}`, {
      token: s.pk,
      body: { reason: 'Bukan klien ini' },
    });
    expect(voided.status).toBe(200);

    // The final report is never rewritten; a revision is a new final report, both listed.
    const onDemand = await api('POST', `/periods/${period.id}/reports/monthly_2024-06-30/revisions`, {
      token: s.kasi,
      body: { reason: 'x' },
    });
    expect(onDemand.status).toBe(404);
    const revised = await api('POST', `/periods/${period.id}/reports/${final.id}/revisions`, {
      token: s.kasi,
      body: { reason: 'Catatan kambuh dibatalkan' },
    });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ kind: 'final', asOf: isoDay(0), revisionOf: 'final_2024-10-31' });
    const list = (await api('GET', `/periods/${period.id}/reports`, { token: s.viewer })).body.items;
    expect(list.map((r: { id: string; revisionOf?: string }) => [r.id, r.revisionOf])).toEqual([
      [`final_${isoDay(0)}`, 'final_2024-10-31'],
      ['final_2024-10-31', undefined],
    ]);
    const old = (await (await fetch(list[1].files.json)).json()) as {
      outcomes: { relapse: { events: number } };
    };
    const now = (await (await fetch(list[0].files.json)).json()) as {
      outcomes: { relapse: { events: number } };
      interim: boolean;
    };
    expect(old.outcomes.relapse.events).toBe(1);
    expect(now.outcomes.relapse.events).toBe(0);
    expect(now.interim).toBe(false);
    const twice = await api('POST', `/periods/${period.id}/reports/${final.id}/revisions`, {
      token: s.kasi,
      body: { reason: 'lagi' },
    });
    expect(twice.body.error.code).toBe('report_exists');
    expect(
      (
        await api('POST', `/periods/${period.id}/reports/${final.id}/revisions`, {
          token: s.pk,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);
  });
});
