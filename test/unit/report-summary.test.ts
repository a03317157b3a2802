import { describe, expect, it } from 'vitest';
import { type PeriodInput, SummaryBuilder } from '../../shared/reports/summary';

const PERIOD: PeriodInput = {
  id: '01PERIOD000000000000000000',
  name: 'Pascarehabilitasi Mei-Oktober 2024',
  startDate: '2024-05-01',
  endDate: '2024-10-31',
  capacity: 16,
  offices: ['bapas-semarang', 'bapas-surakarta'],
  protocol: { opening: ['home_visit', 'urine_test', 'group_meeting'], cadenceDays: { urine_test: 30 } },
  instruments: ['whoqol-bref', 'urica'],
};

const whoqol = (physical: number | null, psychological: number, social: number, environment: number) => ({
  overallQol: 3,
  generalHealth: 3,
  domains: {
    physical: physical === null ? null : { score4to20: 0, score0to100: physical },
    psychological: { score4to20: 0, score0to100: psychological },
    social: { score4to20: 0, score0to100: social },
    environment: { score4to20: 0, score0to100: environment },
  },
});

function builder(asOf = '2024-10-31') {
  const b = new SummaryBuilder(PERIOD, asOf);
  // E1: completed, full opening, pre/post on both instruments.
  b.addEnrollment({
    id: 'E1',
    office: 'bapas-semarang',
    status: 'completed',
    enrolledOn: '2024-05-02',
    statusDate: '2024-10-30',
    protocolState: {
      openingDone: [
        { type: 'home_visit', date: '2024-05-03', id: 'a1' },
        { type: 'urine_test', date: '2024-05-04', id: 'a2' },
        { type: 'group_meeting', date: '2024-05-05', id: 'g1' },
      ],
    },
  });
  // E2: dropped out in July; opening stopped after the home visit.
  b.addEnrollment({
    id: 'E2',
    office: 'bapas-semarang',
    status: 'dropped_out',
    enrolledOn: '2024-05-02',
    statusDate: '2024-07-15',
    protocolState: {
      openingDone: [{ type: 'home_visit', date: '2024-05-03', id: 'a3' }],
    },
  });
  // E3: Surakarta, active, nothing done yet: the home visit is overdue since enrollment.
  b.addEnrollment({ id: 'E3', office: 'bapas-surakarta', status: 'active', enrolledOn: '2024-06-01' });
  // E4: enrolled after asOf for an earlier report.
  b.addEnrollment({ id: 'E4', office: 'bapas-surakarta', status: 'active', enrolledOn: '2024-10-01' });

  b.addActivity({ enrollmentId: 'E1', id: 'a1', type: 'home_visit', date: '2024-05-03' });
  b.addActivity({
    enrollmentId: 'E1',
    id: 'a2',
    type: 'urine_test',
    date: '2024-05-04',
    results: { methamphetamine: 'positive', thc: 'negative' },
  });
  b.addActivity({
    enrollmentId: 'E1',
    id: 'a4',
    type: 'urine_test',
    date: '2024-06-10',
    results: { methamphetamine: 'negative' },
  });
  b.addActivity({ enrollmentId: 'E2', id: 'a3', type: 'home_visit', date: '2024-05-03' });
  b.addActivity({ enrollmentId: 'E2', id: 'a5', type: 'counseling', date: '2024-06-01' });
  b.addActivity({ enrollmentId: 'UNKNOWN', id: 'x', type: 'home_visit', date: '2024-06-01' });
  b.addActivity({
    enrollmentId: 'E1',
    id: 'late',
    type: 'urine_test',
    date: '2024-11-02',
    results: { thc: 'positive' },
  });

  b.addAssessment({
    enrollmentId: 'E1',
    id: 'p1',
    instrument: 'whoqol-bref',
    phase: 'pre',
    date: '2024-05-02',
    scores: whoqol(40, 50, 60, 55),
  });
  // A later pre wins over an earlier one.
  b.addAssessment({
    enrollmentId: 'E1',
    id: 'p2',
    instrument: 'whoqol-bref',
    phase: 'pre',
    date: '2024-05-03',
    scores: whoqol(45, 50, 60, 55),
  });
  b.addAssessment({
    enrollmentId: 'E1',
    id: 'q1',
    instrument: 'whoqol-bref',
    phase: 'post',
    date: '2024-10-29',
    scores: whoqol(60, 62.5, 60, 70),
  });
  b.addAssessment({
    enrollmentId: 'E2',
    id: 'p3',
    instrument: 'whoqol-bref',
    phase: 'pre',
    date: '2024-05-02',
    scores: whoqol(null, 40, 50, 50),
  });
  b.addAssessment({
    enrollmentId: 'E2',
    id: 'q3',
    instrument: 'whoqol-bref',
    phase: 'post',
    date: '2024-07-10',
    scores: whoqol(50, 45, 50, 52),
  });
  b.addAssessment({
    enrollmentId: 'E1',
    id: 'u1',
    instrument: 'urica',
    phase: 'pre',
    date: '2024-05-02',
    scores: { readiness: 7.5, stage: 'precontemplation' },
  });
  b.addAssessment({
    enrollmentId: 'E1',
    id: 'u2',
    instrument: 'urica',
    phase: 'post',
    date: '2024-10-29',
    scores: { readiness: 11.5, stage: 'preparation_action' },
  });
  b.addAssessment({
    enrollmentId: 'E1',
    id: 'm1',
    instrument: 'urica',
    phase: 'mid',
    date: '2024-08-01',
    scores: { readiness: 9, stage: 'contemplation' },
  });

  b.addOutcome({ enrollmentId: 'E2', id: 'o1', type: 'relapse', date: '2024-07-01' });
  b.addOutcome({ enrollmentId: 'E2', id: 'o2', type: 'rearrest', date: '2024-07-14' });
  b.addOutcome({ enrollmentId: 'E3', id: 'o3', type: 'relapse', date: '2024-11-20' });

  b.addGroupMeeting({ id: 'g1', date: '2024-05-05', attendees: ['E1'] });
  return b;
}

describe('the period summary', () => {
  const { summary, rows } = builder().finish({ kind: 'final', generatedAt: '2024-10-31' });

  it('counts enrollments by status as of the date, with completion over non-transferred enrollments', () => {
    expect(summary.enrollment).toEqual({
      capacity: 16,
      enrolled: 4,
      active: 2,
      completed: 1,
      droppedOut: 1,
      transferred: 0,
      completionRate: 1 / 4,
    });
  });

  it('pairs the earliest pre with the latest post dated after it, per domain', () => {
    // physical: E1 40 -> 60 (the earliest pre is the baseline; a repeated pre does not move
    // it); E2 has no physical pre: one pair.
    expect(summary.whoqol.domains.physical.nPairs).toBe(1);
    expect(summary.whoqol.domains.physical.meanDiff).toBe(20);
    // psychological: E1 50 -> 62.5, E2 40 -> 45.
    expect(summary.whoqol.domains.psychological.nPairs).toBe(2);
    expect(summary.whoqol.domains.psychological.meanDiff).toBeCloseTo(8.75, 12);
    expect(summary.whoqol.domains.psychological.warnings).toContain('small_sample');
    expect(summary.whoqol.domains.physical.tTest).toBeNull();
    expect(summary.whoqol.domains.physical.wilcoxon).toBeNull();
    expect(summary.whoqol.domains.physical.pHolm).toEqual({ tTest: null, wilcoxon: null });
    expect(summary.whoqol.domains.physical.warnings).toContain('fewer_than_2_pairs');
    // social: no change at all.
    expect(summary.whoqol.domains.social.warnings).toContain('all_differences_zero');
  });

  it('pairs URICA readiness and counts stage transitions, ignoring mid assessments', () => {
    expect(summary.urica.readiness.nPairs).toBe(1);
    expect(summary.urica.readiness.meanDiff).toBe(4);
    expect(summary.urica.stages.pre).toEqual({
      precontemplation: 1,
      contemplation: 0,
      preparation_action: 0,
    });
    expect(summary.urica.stages.post).toEqual({
      precontemplation: 0,
      contemplation: 0,
      preparation_action: 1,
    });
    expect(summary.urica.stages.transitions.precontemplation.preparation_action).toBe(1);
  });

  it('summarises urine tests by month and substance, up to the report date only', () => {
    expect(summary.urineTests).toEqual({
      tests: 2,
      positiveTests: 1,
      invalidTests: 0,
      positivesBySubstance: { methamphetamine: 1 },
      clientsTested: 1,
      clientsEverPositive: 1,
      everPositiveRate: 1,
      // R: prop.test(1, 1, correct = FALSE)$conf.int
      everPositiveCi95: [expect.closeTo(0.2065493, 6), 1],
      testsPerClient: { median: 2, min: 2, max: 2 },
      // E1: 2 tests in 181 days (2024-05-02 to 2024-10-30).
      testsPer30Days: expect.closeTo((2 / 181) * 30, 12),
      latestNegativeShare: 1,
      // Intake months are listed (and marked) even without a test.
      byMonth: [
        { month: '2024-05', tests: 1, positiveTests: 1, positivityRate: 1, intake: 2 },
        { month: '2024-06', tests: 1, positiveTests: 0, positivityRate: 0, intake: 1 },
        { month: '2024-10', tests: 0, positiveTests: 0, positivityRate: null, intake: 1 },
      ],
    });
  });

  it('reports protocol progress, activity counts, attendance and what was overdue', () => {
    expect(summary.protocol.openingFollowed).toEqual({ complete: 1, inProgress: 1, notStarted: 2 });
    expect(summary.protocol.byType.home_visit).toEqual({ count: 2, clientsReached: 2, medianPerClient: 0.5 });
    expect(summary.protocol.byType.group_meeting.count).toBe(1);
    // One session on 2024-05-05: E1 and E2 were active then (E3, E4 not yet enrolled).
    expect(summary.protocol.groupMeetings).toEqual({ sessions: 1, attendances: 1, attendanceRate: 0.5 });
    // Active at asOf: E3 (home visit due since 2024-06-01) and E4 (since 2024-10-01).
    expect(summary.protocol.overdueAtAsOf).toEqual({ entries: 2, enrollments: 2 });
  });

  it('counts relapse and recidivism events and clients', () => {
    // Person-days: E1 181 (to its end), E2 74 (to its dropout), E3 152 and E4 30 (to asOf):
    // 437 days = 14.35729 months of 365.25/12 days. R: 1 / (437 / (365.25 / 12)) * 100.
    // Wilson CI, R: prop.test(1, 4, correct = FALSE)$conf.int.
    const common = {
      events: 1,
      clients: 1,
      rate: 1 / 4,
      ci95: [expect.closeTo(0.04558726081, 9), expect.closeTo(0.69935815742, 9)],
      // E2 dropped out: whether anything happened after is unknown.
      unknownAfterDropout: 1,
      personMonths: expect.closeTo(14.35728953, 8),
      per100PersonMonths: expect.closeTo(6.965102975, 8),
    };
    expect(summary.outcomes.relapse).toEqual(common);
    expect(summary.outcomes.recidivism).toEqual({
      ...common,
      byType: { reoffense: 0, rearrest: 1, parole_revoked: 0 },
    });
  });

  it('gives headline figures per office', () => {
    expect(summary.byOffice.map((o) => o.office)).toEqual(['bapas-semarang', 'bapas-surakarta']);
    const semarang = summary.byOffice[0]!;
    expect(semarang).toMatchObject({
      enrolled: 2,
      completed: 1,
      droppedOut: 1,
      // Pairs per domain: E1 in all four, E2 in all but physical (no physical baseline).
      whoqolPairs: { physical: 1, psychological: 2, social: 2, environment: 2 },
      uricaPairs: 1,
      relapseRate: 0.5,
    });
    expect(semarang.whoqolMeanDiff.psychological).toBeCloseTo(8.75, 12);
    expect(summary.byOffice[1]).toMatchObject({
      enrolled: 2,
      whoqolPairs: { physical: 0, psychological: 0, social: 0, environment: 0 },
      urinePositivityRate: null,
    });
  });

  it('writes de-identified rows with pseudonyms in enrollment order', () => {
    expect(rows.map((r) => r.pseudonym)).toEqual(['K001', 'K002', 'K003', 'K004']);
    expect(rows[0]).toMatchObject({
      office: 'bapas-semarang',
      status: 'completed',
      openingComplete: true,
      urineTests: 2,
    });
    expect(rows[0]!.whoqol.physical).toEqual({ pre: 40, post: 60 });
    // Days from enrollment (2024-05-02) to the baseline (05-02) and follow-up (10-29).
    expect(rows[0]!.assessmentDays).toEqual({ whoqol: { pre: 0, post: 180 }, urica: { pre: 0, post: 180 } });
    expect(JSON.stringify(rows)).not.toContain('E1');
  });

  it('is reproducible: the same input gives the same JSON', () => {
    const again = builder().finish({ kind: 'final', generatedAt: '2024-10-31' });
    expect(JSON.stringify(again)).toBe(JSON.stringify({ summary, rows }));
  });
});

describe('a summary as of an earlier date', () => {
  it('leaves out later enrollments and records, and counts later endings as active', () => {
    const { summary } = builder('2024-06-30').finish({ kind: 'monthly', generatedAt: '2024-06-30' });
    expect(summary.enrollment).toMatchObject({ enrolled: 3, active: 3, completed: 0, droppedOut: 0 });
    expect(summary.whoqol.domains.psychological.nPairs).toBe(0);
    expect(summary.outcomes.recidivism.events).toBe(0);
    expect(summary.urineTests.tests).toBe(2);
  });

  it('handles an empty period', () => {
    const { summary, rows } = new SummaryBuilder(PERIOD, '2024-10-31').finish({
      kind: 'on_demand',
      generatedAt: 'x',
    });
    expect(rows).toEqual([]);
    expect(summary.enrollment.completionRate).toBeNull();
    expect(summary.whoqol.domains.physical.nPairs).toBe(0);
    expect(summary.protocol.byType.home_visit.medianPerClient).toBeNull();
    expect(JSON.stringify(summary)).not.toMatch(/NaN|Infinity/);
  });
});

describe('urine test results', () => {
  it('counts an invalid specimen neither as positive nor as negative', async () => {
    const { urineResult } = await import('../../shared/reports/summary');
    expect(urineResult({ thc: 'positive', mdma: 'invalid' })).toBe('positive');
    expect(urineResult({ thc: 'negative', mdma: 'negative' })).toBe('negative');
    expect(urineResult({ thc: 'negative', mdma: 'invalid' })).toBe('invalid');
    expect(urineResult({})).toBe('invalid');

    const b = new SummaryBuilder(PERIOD, '2024-10-31');
    b.addEnrollment({ id: 'A', office: 'bapas-semarang', status: 'active', enrolledOn: '2024-05-01' });
    b.addEnrollment({ id: 'B', office: 'bapas-semarang', status: 'active', enrolledOn: '2024-05-01' });
    b.addActivity({
      enrollmentId: 'A',
      id: '1',
      type: 'urine_test',
      date: '2024-05-02',
      results: { thc: 'negative' },
    });
    b.addActivity({
      enrollmentId: 'B',
      id: '2',
      type: 'urine_test',
      date: '2024-05-02',
      results: { thc: 'negative' },
    });
    // B's latest test is invalid: B is tested, but not "latest negative".
    b.addActivity({
      enrollmentId: 'B',
      id: '3',
      type: 'urine_test',
      date: '2024-05-09',
      results: { thc: 'invalid' },
    });
    const { summary } = b.finish({ kind: 'on_demand', generatedAt: 'x' });
    expect(summary.urineTests).toMatchObject({
      tests: 3,
      positiveTests: 0,
      invalidTests: 1,
      clientsTested: 2,
      latestNegativeShare: 0.5,
    });
  });
});
