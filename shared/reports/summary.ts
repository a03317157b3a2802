import { addDays } from '../domain/dates';
import {
  ACTIVITY_TYPES,
  type ActivityType,
  dueDates,
  dueEntries,
  type ProtocolState,
} from '../domain/protocol';
import type { UricaStage } from '../domain/scoring';
import { holm, pairedSummary } from '../domain/stats';
import {
  type EnrollmentRow,
  type OfficeHeadline,
  type OutcomeStats,
  type PairedBlock,
  type Rate,
  type ReportSummary,
  URICA_STAGES,
  WHOQOL_DOMAINS,
  type WhoqolDomain,
} from './types';

/**
 * The period-end summary, computed in one pass over the period's records (pure: the caller
 * pages them in from DynamoDB). Memory is one small state object per enrollment; records are
 * folded in as they arrive and never kept, so a 10,000-enrollment period stays flat.
 *
 * "As of" a date: enrollments enrolled on or before asOf count; records dated after asOf are
 * ignored; an enrollment that ended after asOf counts as active.
 */
/** The period as the report shows it (summary.json `period`). */
export type PeriodInput = ReportSummary['period'];

export interface EnrollmentInput {
  id: string;
  office: string;
  status: string;
  enrolledOn: string;
  statusDate?: string | undefined;
  protocolState?: ProtocolState | undefined;
}

export interface ActivityInput {
  enrollmentId: string;
  id: string;
  type: string;
  date: string;
  results?: Record<string, string> | undefined;
}

export interface AssessmentInput {
  enrollmentId: string;
  id: string;
  instrument: string;
  phase: string;
  date: string;
  scores: Record<string, unknown>;
}

export interface OutcomeInput {
  enrollmentId: string;
  id: string;
  type: string;
  date: string;
}

export interface GroupMeetingInput {
  id: string;
  date: string;
  attendees: string[];
}

interface Latest<T> {
  date: string;
  id: string;
  value: T;
}

interface WhoqolScores {
  domains: Record<WhoqolDomain, number | null>;
}
interface UricaScores {
  readiness: number;
  stage: UricaStage;
}

/**
 * A urine test's overall result: positive if any substance is positive; negative only if every
 * substance is negative; otherwise invalid (an invalid specimen is not a negative).
 */
type UrineResult = 'positive' | 'negative' | 'invalid';

export function urineResult(results: Record<string, string>): UrineResult {
  const values = Object.values(results);
  if (values.includes('positive')) return 'positive';
  if (values.length > 0 && values.every((v) => v === 'negative')) return 'negative';
  return 'invalid';
}

interface EnrollmentState {
  id: string;
  office: string;
  status: string;
  enrolledOn: string;
  statusDate: string | null;
  openingDone: number;
  openingLastDate: string | undefined;
  counts: Record<ActivityType, number>;
  lastDone: Partial<Record<ActivityType, string>>;
  urineTests: number;
  urinePositive: number;
  latestUrine: Latest<UrineResult> | undefined;
  whoqol: { pre?: Latest<WhoqolScores>; post?: Latest<WhoqolScores> };
  urica: { pre?: Latest<UricaScores>; post?: Latest<UricaScores> };
  relapses: number;
  recidivism: { reoffense: number; rearrest: number; parole_revoked: number };
}

const RECIDIVISM = ['reoffense', 'rearrest', 'parole_revoked'] as const;

/** Later of two records: by date, then by id (ULIDs sort by creation time). */
function later<T>(current: Latest<T> | undefined, candidate: Latest<T>): Latest<T> {
  if (!current) return candidate;
  if (candidate.date !== current.date) return candidate.date > current.date ? candidate : current;
  return candidate.id > current.id ? candidate : current;
}

function rate(numerator: number, denominator: number): Rate {
  return denominator > 0 ? numerator / denominator : null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function zeroCounts(): Record<ActivityType, number> {
  return { home_visit: 0, urine_test: 0, group_meeting: 0, counseling: 0 };
}

function stageCounts(): Record<UricaStage, number> {
  return { precontemplation: 0, contemplation: 0, preparation_action: 0 };
}

export class SummaryBuilder {
  private readonly enrollments = new Map<string, EnrollmentState>();
  private readonly sessions: Array<{ date: string; attendees: number }> = [];
  private readonly urineByMonth = new Map<string, { tests: number; positiveTests: number }>();
  private readonly positivesBySubstance = new Map<string, number>();
  private invalidUrineTests = 0;

  constructor(
    private readonly period: PeriodInput,
    private readonly asOf: string,
  ) {}

  addEnrollment(e: EnrollmentInput): void {
    if (e.enrolledOn > this.asOf) return;
    const ended = e.status !== 'active' && e.statusDate !== undefined && e.statusDate <= this.asOf;
    const opening = (e.protocolState?.openingDone ?? []).filter((s) => s.date <= this.asOf);
    const counts = zeroCounts();
    const lastDone: Partial<Record<ActivityType, string>> = {};
    this.enrollments.set(e.id, {
      id: e.id,
      office: e.office,
      status: ended ? e.status : 'active',
      enrolledOn: e.enrolledOn,
      statusDate: ended ? (e.statusDate ?? null) : null,
      openingDone: opening.length,
      openingLastDate: opening.at(-1)?.date,
      counts,
      lastDone,
      urineTests: 0,
      urinePositive: 0,
      latestUrine: undefined,
      whoqol: {},
      urica: {},
      relapses: 0,
      recidivism: { reoffense: 0, rearrest: 0, parole_revoked: 0 },
    });
  }

  /** Enrollments must be added before their records (records of unknown enrollments are ignored). */
  addActivity(a: ActivityInput): void {
    const e = this.enrollments.get(a.enrollmentId);
    if (!e || a.date > this.asOf || !(ACTIVITY_TYPES as readonly string[]).includes(a.type)) return;
    const type = a.type as ActivityType;
    e.counts[type] += 1;
    const last = e.lastDone[type];
    if (!last || a.date > last) e.lastDone[type] = a.date;
    if (type !== 'urine_test') return;
    const results = a.results ?? {};
    const result = urineResult(results);
    const positive = result === 'positive';
    e.urineTests += 1;
    if (positive) e.urinePositive += 1;
    if (result === 'invalid') this.invalidUrineTests += 1;
    e.latestUrine = later(e.latestUrine, { date: a.date, id: a.id, value: result });
    const month = a.date.slice(0, 7);
    const m = this.urineByMonth.get(month) ?? { tests: 0, positiveTests: 0 };
    m.tests += 1;
    if (positive) m.positiveTests += 1;
    this.urineByMonth.set(month, m);
    for (const [substance, result] of Object.entries(results)) {
      if (result === 'positive')
        this.positivesBySubstance.set(substance, (this.positivesBySubstance.get(substance) ?? 0) + 1);
    }
  }

  addAssessment(a: AssessmentInput): void {
    const e = this.enrollments.get(a.enrollmentId);
    if (!e || a.date > this.asOf || (a.phase !== 'pre' && a.phase !== 'post')) return;
    const phase = a.phase;
    if (a.instrument === 'whoqol-bref') {
      const domains = (a.scores.domains ?? {}) as Record<string, { score0to100: number } | null>;
      const value: WhoqolScores = {
        domains: Object.fromEntries(
          WHOQOL_DOMAINS.map((d) => [d, domains[d]?.score0to100 ?? null]),
        ) as Record<WhoqolDomain, number | null>,
      };
      e.whoqol[phase] = later(e.whoqol[phase], { date: a.date, id: a.id, value });
    } else if (a.instrument === 'urica') {
      const value: UricaScores = {
        readiness: a.scores.readiness as number,
        stage: a.scores.stage as UricaStage,
      };
      e.urica[phase] = later(e.urica[phase], { date: a.date, id: a.id, value });
    }
  }

  addOutcome(o: OutcomeInput): void {
    const e = this.enrollments.get(o.enrollmentId);
    if (!e || o.date > this.asOf) return;
    if (o.type === 'relapse') e.relapses += 1;
    else if ((RECIDIVISM as readonly string[]).includes(o.type))
      e.recidivism[o.type as (typeof RECIDIVISM)[number]] += 1;
  }

  /** Attendance is counted from the meeting items (an enrollment keeps only a bounded summary). */
  addGroupMeeting(g: GroupMeetingInput): void {
    if (g.date > this.asOf) return;
    let attendees = 0;
    for (const id of g.attendees) {
      const e = this.enrollments.get(id);
      if (!e) continue;
      attendees += 1;
      e.counts.group_meeting += 1;
      if (!e.lastDone.group_meeting || g.date > e.lastDone.group_meeting) e.lastDone.group_meeting = g.date;
    }
    this.sessions.push({ date: g.date, attendees });
  }

  /** Enrollments in id order (the pseudonym order). */
  private ordered(): EnrollmentState[] {
    return [...this.enrollments.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private activeOn(e: EnrollmentState, date: string): boolean {
    return e.enrolledOn <= date && (e.statusDate === null || e.statusDate >= date);
  }

  finish(meta: { kind: ReportSummary['kind']; generatedAt: string }): {
    summary: ReportSummary;
    rows: EnrollmentRow[];
  } {
    const all = this.ordered();
    const { opening, cadenceDays } = this.period.protocol;

    // --- protocol
    const openingFollowed = { complete: 0, inProgress: 0, notStarted: 0 };
    let overdueEntries = 0;
    let overdueEnrollments = 0;
    for (const e of all) {
      if (e.openingDone >= opening.length) openingFollowed.complete += 1;
      else if (e.openingDone === 0) openingFollowed.notStarted += 1;
      else openingFollowed.inProgress += 1;
      if (e.status !== 'active') continue;
      const state: ProtocolState = {
        openingDone: opening.slice(0, e.openingDone).map((type, i) => ({
          type,
          date: i === e.openingDone - 1 ? (e.openingLastDate ?? e.enrolledOn) : e.enrolledOn,
          id: '',
        })),
        lastDone: e.lastDone,
        counts: e.counts,
      };
      const overdue = dueEntries(dueDates(opening, cadenceDays, state, e.enrolledOn), this.asOf, this.asOf);
      overdueEntries += overdue.length;
      if (overdue.length > 0) overdueEnrollments += 1;
    }
    const byType = Object.fromEntries(
      ACTIVITY_TYPES.map((type) => [
        type,
        {
          count: all.reduce((n, e) => n + e.counts[type], 0),
          clientsReached: all.filter((e) => e.counts[type] > 0).length,
          medianPerClient: median(all.map((e) => e.counts[type])),
        },
      ]),
    ) as ReportSummary['protocol']['byType'];
    const sessions = [...this.sessions].sort((a, b) => a.date.localeCompare(b.date));
    const attendances = sessions.reduce((n, s) => n + s.attendees, 0);
    const eligible = sessions.reduce((n, s) => n + all.filter((e) => this.activeOn(e, s.date)).length, 0);

    // --- urine tests
    const tested = all.filter((e) => e.urineTests > 0);
    const positivesBySubstance: Record<string, number> = {};
    for (const s of [...this.positivesBySubstance.keys()].sort())
      positivesBySubstance[s] = this.positivesBySubstance.get(s)!;
    const months = [...this.urineByMonth.keys()].sort();

    // --- assessments
    const whoqolDomains = {} as Record<WhoqolDomain, PairedBlock>;
    for (const d of WHOQOL_DOMAINS) {
      whoqolDomains[d] = pairedSummary(
        pairsOf(all, (e) => [e.whoqol.pre?.value.domains[d], e.whoqol.post?.value.domains[d]]),
      );
    }
    const tHolm = holm(WHOQOL_DOMAINS.map((d) => whoqolDomains[d].tTest?.p ?? null));
    const wHolm = holm(WHOQOL_DOMAINS.map((d) => whoqolDomains[d].wilcoxon?.p ?? null));
    WHOQOL_DOMAINS.forEach((d, i) => {
      whoqolDomains[d] = {
        ...whoqolDomains[d],
        pHolm: { tTest: tHolm[i] ?? null, wilcoxon: wHolm[i] ?? null },
      };
    });
    const readiness = pairedSummary(
      pairsOf(all, (e) => [e.urica.pre?.value.readiness, e.urica.post?.value.readiness]),
    );
    const stagesPre = stageCounts();
    const stagesPost = stageCounts();
    const transitions = Object.fromEntries(URICA_STAGES.map((s) => [s, stageCounts()])) as Record<
      UricaStage,
      Record<UricaStage, number>
    >;
    for (const e of all) {
      const pre = e.urica.pre?.value.stage;
      const post = e.urica.post?.value.stage;
      if (pre) stagesPre[pre] += 1;
      if (post) stagesPost[post] += 1;
      if (pre && post) transitions[pre][post] += 1;
    }

    // --- outcomes
    const outcome = (count: (e: EnrollmentState) => number): OutcomeStats => {
      const events = all.reduce((n, e) => n + count(e), 0);
      const clients = all.filter((e) => count(e) > 0).length;
      return { events, clients, rate: rate(clients, all.length) };
    };
    const recidivismCount = (e: EnrollmentState) =>
      e.recidivism.reoffense + e.recidivism.rearrest + e.recidivism.parole_revoked;

    const summary: ReportSummary = {
      schemaVersion: 1,
      kind: meta.kind,
      asOf: this.asOf,
      generatedAt: meta.generatedAt,
      period: {
        id: this.period.id,
        name: this.period.name,
        startDate: this.period.startDate,
        endDate: this.period.endDate,
        capacity: this.period.capacity,
        offices: [...this.period.offices],
        protocol: { opening: [...opening], cadenceDays: sortedCadence(cadenceDays) },
        instruments: [...this.period.instruments],
      },
      enrollment: { capacity: this.period.capacity, ...statusCounts(all) },
      protocol: {
        opening: [...opening],
        openingFollowed,
        byType,
        groupMeetings: {
          sessions: sessions.length,
          attendances,
          attendanceRate: rate(attendances, eligible),
        },
        overdueAtAsOf: { entries: overdueEntries, enrollments: overdueEnrollments },
      },
      urineTests: {
        tests: all.reduce((n, e) => n + e.urineTests, 0),
        positiveTests: all.reduce((n, e) => n + e.urinePositive, 0),
        positivesBySubstance,
        clientsTested: tested.length,
        clientsEverPositive: tested.filter((e) => e.urinePositive > 0).length,
        invalidTests: this.invalidUrineTests,
        // Over all tested enrollments: a latest test that was invalid is not a negative one.
        latestNegativeShare: rate(
          tested.filter((e) => e.latestUrine?.value === 'negative').length,
          tested.length,
        ),
        byMonth: months.map((month) => {
          const m = this.urineByMonth.get(month)!;
          return {
            month,
            tests: m.tests,
            positiveTests: m.positiveTests,
            positivityRate: rate(m.positiveTests, m.tests),
          };
        }),
      },
      whoqol: { domains: whoqolDomains },
      urica: { readiness, stages: { pre: stagesPre, post: stagesPost, transitions } },
      outcomes: {
        relapse: outcome((e) => e.relapses),
        recidivism: {
          ...outcome(recidivismCount),
          byType: {
            reoffense: all.reduce((n, e) => n + e.recidivism.reoffense, 0),
            rearrest: all.reduce((n, e) => n + e.recidivism.rearrest, 0),
            parole_revoked: all.reduce((n, e) => n + e.recidivism.parole_revoked, 0),
          },
        },
      },
      byOffice: [...new Set([...this.period.offices, ...all.map((e) => e.office)])].sort().map((office) =>
        officeHeadline(
          office,
          all.filter((e) => e.office === office),
          recidivismCount,
        ),
      ),
    };
    const width = Math.max(3, String(all.length).length);
    const rows: EnrollmentRow[] = all.map((e, i) => ({
      pseudonym: `K${String(i + 1).padStart(width, '0')}`,
      office: e.office,
      status: e.status,
      enrolledOn: e.enrolledOn,
      statusDate: e.statusDate,
      openingComplete: e.openingDone >= opening.length,
      counts: { ...e.counts },
      urineTests: e.urineTests,
      urinePositive: e.urinePositive,
      whoqol: Object.fromEntries(
        WHOQOL_DOMAINS.map((d) => [
          d,
          { pre: e.whoqol.pre?.value.domains[d] ?? null, post: e.whoqol.post?.value.domains[d] ?? null },
        ]),
      ) as EnrollmentRow['whoqol'],
      uricaReadiness: {
        pre: e.urica.pre?.value.readiness ?? null,
        post: e.urica.post?.value.readiness ?? null,
      },
      uricaStage: { pre: e.urica.pre?.value.stage ?? null, post: e.urica.post?.value.stage ?? null },
      relapses: e.relapses,
      recidivismEvents: recidivismCount(e),
    }));
    return { summary, rows };
  }
}

function pairsOf(
  all: EnrollmentState[],
  pick: (e: EnrollmentState) => [number | null | undefined, number | null | undefined],
): Array<{ pre: number; post: number }> {
  const pairs: Array<{ pre: number; post: number }> = [];
  for (const e of all) {
    const [pre, post] = pick(e);
    if (typeof pre === 'number' && typeof post === 'number') pairs.push({ pre, post });
  }
  return pairs;
}

function statusCounts(list: EnrollmentState[]) {
  const count = (s: string) => list.filter((e) => e.status === s).length;
  const completed = count('completed');
  const transferred = count('transferred');
  return {
    enrolled: list.length,
    active: count('active'),
    completed,
    droppedOut: count('dropped_out'),
    transferred,
    completionRate: rate(completed, list.length - transferred),
  };
}

function officeHeadline(
  office: string,
  list: EnrollmentState[],
  recidivismCount: (e: EnrollmentState) => number,
): OfficeHeadline {
  const diffs = (pick: (e: EnrollmentState) => [number | null | undefined, number | null | undefined]) =>
    mean(pairsOf(list, pick).map((p) => p.post - p.pre));
  const tests = list.reduce((n, e) => n + e.urineTests, 0);
  return {
    office,
    ...statusCounts(list),
    whoqolPairs: list.filter((e) => e.whoqol.pre && e.whoqol.post).length,
    whoqolMeanDiff: Object.fromEntries(
      WHOQOL_DOMAINS.map((d) => [
        d,
        diffs((e) => [e.whoqol.pre?.value.domains[d], e.whoqol.post?.value.domains[d]]),
      ]),
    ) as Record<WhoqolDomain, number | null>,
    uricaReadinessMeanDiff: diffs((e) => [e.urica.pre?.value.readiness, e.urica.post?.value.readiness]),
    urinePositivityRate: rate(
      list.reduce((n, e) => n + e.urinePositive, 0),
      tests,
    ),
    relapseRate: rate(list.filter((e) => e.relapses > 0).length, list.length),
    recidivismRate: rate(list.filter((e) => recidivismCount(e) > 0).length, list.length),
  };
}

function sortedCadence(c: Partial<Record<ActivityType, number>>): Partial<Record<ActivityType, number>> {
  const out: Partial<Record<ActivityType, number>> = {};
  for (const t of ACTIVITY_TYPES) if (c[t] !== undefined) out[t] = c[t];
  return out;
}

/** asOf of a monthly report made on the 1st: the last day of the previous month. */
export function monthlyAsOf(today: string): string {
  return addDays(today, -1);
}
