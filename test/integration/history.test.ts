import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import {
  api,
  createClient,
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
