import { describe, expect, it } from 'vitest';
import { ensureKeyPair, signLocalToken } from '../../scripts/local/identity';
import { api, baseUrl, createClient, HOME_VISIT, officeWithStaff, record } from './helpers';
import { download, step, upload } from './import-helpers';
import { startLocalStack } from './stack';

const WHOQOL = [4, 3, 2, 1, 4, 4, 3, 4, 3, 4, 3, 2, 4, 3, 5, 3, 4, 4, 4, 4, 3, 4, 4, 3, 3, 2];
const URICA = [
  2, 4, 4, 4, 1, 3, 4, 5, 3, 4, 1, 4, 2, 3, 5, 3, 4, 2, 4, 4, 4, 3, 2, 5, 4, 1, 3, 3, 2, 4, 2, 3,
];
const shift = (answers: number[], by: number) =>
  answers.map((v, i) => (i % 3 === 0 ? v : Math.max(1, Math.min(5, v + by))));
const urine = (date: string, result: string) => ({
  type: 'urine_test',
  date,
  results: { methamphetamine: result, thc: 'negative' },
});

/** The final report's figures, without what names the system it was made in (the period id). */
async function finalSummary(base: string, token: string, periodId: string) {
  const res = await fetch(`${base}/periods/${periodId}/reports`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { items } = (await res.json()) as { items: Array<{ kind: string; files: { json: string } }> };
  const final = items.find((r) => r.kind === 'final');
  if (!final) throw new Error('no final report');
  const summary = (await (await fetch(final.files.json)).json()) as { period: { id?: string } };
  delete summary.period.id;
  return summary;
}

describe('export -> import into an empty system', () => {
  it('reproduces the period, its records and its final report numbers exactly', async () => {
    // A past cohort entered through the API, with what history has: a dropout, a transfer, a
    // relapse, positive tests, a group meeting, pre and post of both instruments, a corrected
    // and a voided record.
    const s = await officeWithStaff('trip');
    const created = await api('POST', '/periods', {
      token: s.kasi,
      body: {
        name: 'Nov-Des 2024',
        startDate: '2024-11-01',
        endDate: '2024-12-31',
        capacity: 5,
        offices: [s.office],
        protocol: { opening: ['home_visit', 'urine_test', 'group_meeting'], cadenceDays: { urine_test: 14 } },
        instruments: ['whoqol-bref', 'urica'],
        historical: true,
      },
    });
    expect(created.status).toBe(201);
    const period = created.body as { id: string };
    const enrollments: string[] = [];
    for (let i = 0; i < 5; i++) {
      const client = await createClient(s.pk, s.office, {
        registrationNumber: `TRIP-${i}`,
        fullName: `Klien ${i}`,
      });
      const e = await api('POST', `/periods/${period.id}/enrollments`, {
        token: s.pk,
        body: { clientId: client.id, enrolledOn: `2024-11-0${1 + i}` },
      });
      expect(e.status).toBe(201);
      enrollments.push(e.body.id);
    }
    for (const [i, e] of enrollments.entries()) {
      expect((await record(s.pk, e, 'activities', { ...HOME_VISIT, date: `2024-11-0${2 + i}` })).status).toBe(
        201,
      );
      expect(
        (await record(s.pk, e, 'activities', urine(`2024-11-1${i}`, i === 1 ? 'positive' : 'negative')))
          .status,
      ).toBe(201);
      await record(s.pk, e, 'assessments', {
        instrument: 'whoqol-bref',
        phase: 'pre',
        date: `2024-11-1${i}`,
        responses: WHOQOL,
      });
      await record(s.konselor, e, 'assessments', {
        instrument: 'urica',
        phase: 'pre',
        date: `2024-11-1${i}`,
        responses: URICA,
      });
    }
    const meeting = await api('POST', `/periods/${period.id}/group-meetings`, {
      token: s.konselor,
      body: { date: '2024-11-20', topic: 'Dukungan keluarga', attendees: enrollments.slice(0, 4) },
    });
    expect(meeting.status).toBe(201);
    for (const [i, e] of enrollments.slice(0, 3).entries()) {
      await record(s.pk, e, 'activities', urine(`2024-12-0${4 + i}`, i === 2 ? 'positive' : 'negative'));
      await record(s.pk, e, 'assessments', {
        instrument: 'whoqol-bref',
        phase: 'post',
        date: '2024-12-20',
        responses: shift(WHOQOL, i === 2 ? -1 : 1),
      });
      await record(s.konselor, e, 'assessments', {
        instrument: 'urica',
        phase: 'post',
        date: '2024-12-20',
        responses: shift(URICA, 1),
      });
    }
    await record(s.konselor, enrollments[0] as string, 'activities', {
      type: 'counseling',
      date: '2024-12-10',
      counselor: 'Konselor BNNP',
      topic: 'Motivasi',
      durationMinutes: 45,
    });
    const mistake = await record(
      s.pk,
      enrollments[1] as string,
      'activities',
      urine('2024-12-11', 'positive'),
    );
    await api('DELETE', `/enrollments/${enrollments[1]}/activities/${mistake.body.id}`, {
      token: s.pk,
      body: { reason: 'Salah klien' },
    });
    const fixed = await record(s.pk, enrollments[0] as string, 'activities', urine('2024-12-12', 'invalid'));
    await api('PATCH', `/enrollments/${enrollments[0]}/activities/${fixed.body.id}`, {
      token: s.pk,
      body: { reason: 'Hasil terbaca', results: { methamphetamine: 'negative' } },
    });
    await record(s.pk, enrollments[2] as string, 'outcomes', {
      type: 'relapse',
      date: '2024-12-15',
      note: 'Positif',
    });
    await record(s.pk, enrollments[3] as string, 'outcomes', { type: 'rearrest', date: '2025-02-01' });
    await api('PATCH', `/enrollments/${enrollments[3]}`, {
      token: s.pk,
      body: { status: 'dropped_out', date: '2024-12-01' },
    });
    await api('PATCH', `/enrollments/${enrollments[4]}`, {
      token: s.pk,
      body: { status: 'transferred', date: '2024-11-25' },
    });
    for (const e of enrollments.slice(0, 3)) {
      await api('PATCH', `/enrollments/${e}`, {
        token: s.pk,
        body: { status: 'completed', date: '2024-12-31' },
      });
    }
    expect((await api('POST', `/periods/${period.id}/close`, { token: s.kasi })).status).toBe(200);
    const source = await finalSummary(baseUrl, s.kasi, period.id);
    // What is compared is not empty: pairs, positives, exits, events.
    expect(source).toMatchObject({
      enrollment: { enrolled: 5, completed: 3, droppedOut: 1, transferred: 1 },
      urineTests: { tests: 9, positiveTests: 2, invalidTests: 0 },
      whoqol: { domains: { physical: { nPairs: 3 } } },
      urica: { readiness: { nPairs: 3 } },
      protocol: { groupMeetings: { sessions: 1, attendances: 4 } },
      // The re-arrest of February 2025 is after the final report's asOf.
      outcomes: { relapse: { events: 1 }, recidivism: { events: 0 } },
    });

    const exported = await download(`/periods/${period.id}/export.xlsx`, s.admin);
    expect(exported.status).toBe(200);

    // A second, empty system (another province's stack, say), whose import job writes for
    // 300 ms a run and hands the rest to a next run, as the worker does with a big file at its
    // timeout.
    const other = await startLocalStack({ env: { IMPORT_ROUND_MS: '300' } });
    try {
      const admin = await signLocalToken(ensureKeyPair(other.dataDir), {
        role: 'admin',
        office: 'bnnp-jawa-tengah',
      });
      const id = await upload(admin, exported.bytes, other.baseUrl);
      const valid = await step(admin, id, 'validate', other.baseUrl);
      expect(valid.errors).toEqual([]);
      expect(valid.counts).toMatchObject({
        periods: { new: 1 },
        clients: { new: 5 },
        enrollments: { new: 5 },
        // 5 home visits, 5 + 3 + 1 urine tests (the voided one left out), 1 counselling,
        // 4 meeting attendances.
        activities: { rows: 19, new: 19 },
        assessments: { rows: 16, new: 16 },
        outcomes: { rows: 2, new: 2 },
      });
      const applied = await step(admin, id, 'apply', other.baseUrl);
      expect(applied.errors).toEqual([]);
      expect(applied.state).toBe('applied');
      expect(applied.rounds).toBeGreaterThan(1);
      expect(applied.counts.activities).toMatchObject({ rows: 19, new: 19, existing: 0, invalid: 0 });
      const periods = (await (
        await fetch(`${other.baseUrl}/periods`, { headers: { authorization: `Bearer ${admin}` } })
      ).json()) as {
        items: Array<{
          id: string;
          name: string;
          historical?: boolean;
          status: string;
          enrolledCount: number;
        }>;
      };
      expect(periods.items).toHaveLength(1);
      expect(periods.items[0]).toMatchObject({
        name: 'Nov-Des 2024',
        historical: true,
        status: 'closed',
        enrolledCount: 3,
      });
      const target = await finalSummary(other.baseUrl, admin, periods.items[0]?.id ?? '');
      expect(target).toEqual(source);
    } finally {
      await other.stop();
    }
  }, 180_000);
});
