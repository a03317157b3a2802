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
  DAYS_PER_MONTH,
  direction,
  mean,
  meanCi95,
  meanSd,
  median,
  pearson,
  per100PersonMonths,
  wilson,
} from '../domain/stats/describe';
import {
  type AttritionFlow,
  type DomainBlock,
  type EnrollmentRow,
  type ExitCount,
  type ExitReason,
  type OfficeHeadline,
  type OutcomeStats,
  type PairedBlock,
  type Rate,
  type ReportSummary,
  WHOQOL_DOMAINS,
  type WhoqolDomain,
} from './types';

/**
 * The period-end summary, computed in one pass over the period's records (pure: the caller
 * pages them in from DynamoDB). Memory is one small state object per enrollment; records are
 * folded in on arrival and never kept, so a 10,000-enrollment period stays flat.
 *
 * "As of" a date: enrollments enrolled on or before asOf count; records dated after asOf are
 * ignored; an enrollment that ended after asOf is still active. Who is counted and how each
 * figure is made: docs/reports.md.
 */
/** The period shown by the report (summary.json `period`). */
export type PeriodInput = ReportSummary['period'];

export interface EnrollmentInput {
  id: string;
  office: string;
  status: string;
  enrolledOn: string;
  statusDate?: string | undefined;
  /** Only the opening steps done (their dates) matter to a report. */
  protocolState?: { openingDone: ReadonlyArray<{ date: string; type?: string; id?: string }> } | undefined;
}

export interface ActivityInput {
  enrollmentId: string;
  id: string;
  type: string;
  date: string;
  results?: Record<string, string> | undefined;
}

/** Scores stored by the server (shared/domain/scoring); only what the report reads. */
export interface AssessmentScores {
  domains?: Partial<Record<WhoqolDomain, { score0to100: number } | null>> | undefined;
  readiness?: number | undefined;
  stage?: UricaStage | undefined;
}

export interface AssessmentInput {
  enrollmentId: string;
  id: string;
  instrument: string;
  phase: string;
  date: string;
  scores: AssessmentScores;
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

/** What `finish` needs besides the records. */
export interface FinishMeta {
  kind: ReportSummary['kind'];
  generatedAt: string;
  /** The province's WHOQOL-BREF permission reference (config); null or absent: missing. */
  whoqolPermissionRef?: string | null | undefined;
}

interface Dated<T> {
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

/** Baseline = earliest pre; follow-up candidate = latest post (it pairs only if dated after). */
interface PrePost<T> {
  pre?: Dated<T>;
  post?: Dated<T>;
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
  latestUrine: Dated<UrineResult> | undefined;
  whoqol: PrePost<WhoqolScores>;
  urica: PrePost<UricaScores>;
  relapses: number;
  firstRelapse: string | undefined;
  recidivism: Record<RecidivismType, number>;
  firstRecidivism: string | undefined;
}

const RECIDIVISM = ['reoffense', 'rearrest', 'parole_revoked'] as const;
type RecidivismType = (typeof RECIDIVISM)[number];

function isActivityType(type: string): type is ActivityType {
  return ACTIVITY_TYPES.some((t) => t === type);
}

function isRecidivismType(type: string): type is RecidivismType {
  return RECIDIVISM.some((t) => t === type);
}

function compareRecords<T>(a: Dated<T>, b: Dated<T>): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Earlier of two records: by date, then by id (ULIDs sort by creation time). */
function earlier<T>(current: Dated<T> | undefined, candidate: Dated<T>): Dated<T> {
  return current === undefined || compareRecords(candidate, current) < 0 ? candidate : current;
}

/** Later of two records: by date, then by id. */
function later<T>(current: Dated<T> | undefined, candidate: Dated<T>): Dated<T> {
  return current === undefined || compareRecords(candidate, current) > 0 ? candidate : current;
}

/**
 * The pair of an enrollment: the baseline (earliest pre) and the follow-up (latest post) when
 * the follow-up is dated after the baseline; a post dated on or before it does not pair.
 */
export function pairOf<T>(p: PrePost<T>): { pre: Dated<T> | undefined; post: Dated<T> | undefined } {
  const pre = p.pre;
  const post = pre !== undefined && p.post !== undefined && p.post.date > pre.date ? p.post : undefined;
  return { pre, post };
}

function rate(numerator: number, denominator: number): Rate {
  return denominator > 0 ? numerator / denominator : null;
}

function zeroCounts(): Record<ActivityType, number> {
  return { home_visit: 0, urine_test: 0, group_meeting: 0, counseling: 0 };
}

function stageCounts(): Record<UricaStage, number> {
  return { precontemplation: 0, contemplation: 0, preparation_action: 0 };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
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
      firstRelapse: undefined,
      recidivism: { reoffense: 0, rearrest: 0, parole_revoked: 0 },
      firstRecidivism: undefined,
    });
  }

  /** Enrollments must be added before their records (records of unknown enrollments are ignored). */
  addActivity(a: ActivityInput): void {
    const e = this.enrollments.get(a.enrollmentId);
    const type = a.type;
    if (!e || a.date > this.asOf || !isActivityType(type)) return;
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
    if (!e || a.date > this.asOf) return;
    if (a.instrument === 'whoqol-bref') {
      const domains = a.scores.domains ?? {};
      const scores: Record<WhoqolDomain, number | null> = {
        physical: domains.physical?.score0to100 ?? null,
        psychological: domains.psychological?.score0to100 ?? null,
        social: domains.social?.score0to100 ?? null,
        environment: domains.environment?.score0to100 ?? null,
      };
      fold(e.whoqol, a, { domains: scores });
    } else if (a.instrument === 'urica') {
      const { readiness, stage } = a.scores;
      if (readiness === undefined || stage === undefined) return;
      fold(e.urica, a, { readiness, stage });
    }
  }

  addOutcome(o: OutcomeInput): void {
    const e = this.enrollments.get(o.enrollmentId);
    if (!e || o.date > this.asOf) return;
    const type = o.type;
    if (type === 'relapse') {
      e.relapses += 1;
      if (e.firstRelapse === undefined || o.date < e.firstRelapse) e.firstRelapse = o.date;
    } else if (isRecidivismType(type)) {
      e.recidivism[type] += 1;
      if (e.firstRecidivism === undefined || o.date < e.firstRecidivism) e.firstRecidivism = o.date;
    }
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

  finish(meta: FinishMeta): { summary: ReportSummary; rows: EnrollmentRow[] } {
    const all = this.ordered();
    const interim = meta.kind !== 'final';
    const ref = meta.whoqolPermissionRef?.trim();
    const summary: ReportSummary = {
      schemaVersion: 2,
      kind: meta.kind,
      interim,
      asOf: this.asOf,
      generatedAt: meta.generatedAt,
      period: periodSection(this.period),
      licence: { whoqolPermissionRef: ref ? ref : null },
      enrollment: { capacity: this.period.capacity, ...statusCounts(all, interim) },
      attrition: attritionSection(all, this.period.capacity),
      protocol: protocolSection(all, this.period, this.sessions, this.asOf),
      urineTests: this.urineSection(all),
      whoqol: { domains: whoqolSection(all) },
      urica: uricaSection(all),
      outcomes: outcomesSection(all, this.asOf),
      byOffice: officeSection(all, this.period.offices, interim),
    };
    return { summary, rows: rowsOf(all, this.period.protocol.opening.length) };
  }

  private urineSection(all: EnrollmentState[]): ReportSummary['urineTests'] {
    const tested = all.filter((e) => e.urineTests > 0);
    const positivesBySubstance: Record<string, number> = {};
    for (const s of [...this.positivesBySubstance.keys()].sort())
      positivesBySubstance[s] = this.positivesBySubstance.get(s) ?? 0;
    const intake = new Map<string, number>();
    for (const e of all)
      intake.set(e.enrolledOn.slice(0, 7), (intake.get(e.enrolledOn.slice(0, 7)) ?? 0) + 1);
    const months = [...new Set([...this.urineByMonth.keys(), ...intake.keys()])].sort();
    const everPositive = tested.filter((e) => e.urinePositive > 0).length;
    const perClient = tested.map((e) => e.urineTests);
    const testedDays = tested.reduce((n, e) => n + followUpDays(e, this.asOf), 0);
    return {
      tests: all.reduce((n, e) => n + e.urineTests, 0),
      positiveTests: all.reduce((n, e) => n + e.urinePositive, 0),
      positivesBySubstance,
      clientsTested: tested.length,
      clientsEverPositive: everPositive,
      everPositiveRate: rate(everPositive, tested.length),
      everPositiveCi95: wilson(everPositive, tested.length),
      testsPerClient: {
        median: median(perClient),
        min: perClient.length === 0 ? null : Math.min(...perClient),
        max: perClient.length === 0 ? null : Math.max(...perClient),
      },
      testsPer30Days: testedDays > 0 ? (perClient.reduce((a, b) => a + b, 0) / testedDays) * 30 : null,
      invalidTests: this.invalidUrineTests,
      // Over all tested enrollments: a latest test that was invalid is not a negative one.
      latestNegativeShare: rate(
        tested.filter((e) => e.latestUrine?.value === 'negative').length,
        tested.length,
      ),
      byMonth: months.map((month) => {
        const m = this.urineByMonth.get(month) ?? { tests: 0, positiveTests: 0 };
        return {
          month,
          tests: m.tests,
          positiveTests: m.positiveTests,
          positivityRate: rate(m.positiveTests, m.tests),
          intake: intake.get(month) ?? 0,
        };
      }),
    };
  }
}

function fold<T>(target: PrePost<T>, a: AssessmentInput, value: T): void {
  const record = { date: a.date, id: a.id, value };
  if (a.phase === 'pre') target.pre = earlier(target.pre, record);
  else if (a.phase === 'post') target.post = later(target.post, record);
}

function periodSection(period: PeriodInput): ReportSummary['period'] {
  return {
    id: period.id,
    name: period.name,
    startDate: period.startDate,
    endDate: period.endDate,
    capacity: period.capacity,
    offices: [...period.offices],
    protocol: {
      opening: [...period.protocol.opening],
      cadenceDays: sortedCadence(period.protocol.cadenceDays),
    },
    instruments: [...period.instruments],
  };
}

function activeOn(e: EnrollmentState, date: string): boolean {
  return e.enrolledOn <= date && (e.statusDate === null || e.statusDate >= date);
}

function protocolSection(
  all: EnrollmentState[],
  period: PeriodInput,
  sessionList: ReadonlyArray<{ date: string; attendees: number }>,
  asOf: string,
): ReportSummary['protocol'] {
  const { opening, cadenceDays } = period.protocol;
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
    const overdue = dueEntries(dueDates(opening, cadenceDays, state, e.enrolledOn), asOf, asOf);
    overdueEntries += overdue.length;
    if (overdue.length > 0) overdueEnrollments += 1;
  }
  const typeStats = (type: ActivityType) => ({
    count: all.reduce((n, e) => n + e.counts[type], 0),
    clientsReached: all.filter((e) => e.counts[type] > 0).length,
    medianPerClient: median(all.map((e) => e.counts[type])),
  });
  const sessions = [...sessionList].sort((a, b) => a.date.localeCompare(b.date));
  const attendances = sessions.reduce((n, s) => n + s.attendees, 0);
  const eligible = sessions.reduce((n, s) => n + all.filter((e) => activeOn(e, s.date)).length, 0);
  return {
    opening: [...opening],
    openingFollowed,
    byType: {
      home_visit: typeStats('home_visit'),
      urine_test: typeStats('urine_test'),
      group_meeting: typeStats('group_meeting'),
      counseling: typeStats('counseling'),
    },
    groupMeetings: { sessions: sessions.length, attendances, attendanceRate: rate(attendances, eligible) },
    overdueAtAsOf: { entries: overdueEntries, enrollments: overdueEnrollments },
  };
}

type Pick2 = (e: EnrollmentState) => { pre: number | null; post: number | null };

const whoqolPick =
  (d: WhoqolDomain): Pick2 =>
  (e) => {
    const { pre, post } = pairOf(e.whoqol);
    return { pre: pre?.value.domains[d] ?? null, post: post?.value.domains[d] ?? null };
  };

const readinessPick: Pick2 = (e) => {
  const { pre, post } = pairOf(e.urica);
  return { pre: pre?.value.readiness ?? null, post: post?.value.readiness ?? null };
};

function pairsOf(all: EnrollmentState[], pick: Pick2): Array<{ pre: number; post: number }> {
  const pairs: Array<{ pre: number; post: number }> = [];
  for (const e of all) {
    const { pre, post } = pick(e);
    if (pre !== null && post !== null) pairs.push({ pre, post });
  }
  return pairs;
}

/** One enrollment's baseline and (paired) follow-up score; null where there is none. */
export interface PrePostValue {
  pre: number | null;
  post: number | null;
}

/**
 * A paired block with the reader's context: direction, the baselines of those with and
 * without a follow-up, and how the baseline relates to the change. `values` holds every
 * enrollment (those without a baseline are ignored).
 */
export function pairedBlockOf(values: ReadonlyArray<PrePostValue>): PairedBlock {
  const withPost: number[] = [];
  const withoutPost: number[] = [];
  const pairs: Array<{ pre: number; post: number }> = [];
  for (const { pre, post } of values) {
    if (pre === null) continue;
    if (post === null) withoutPost.push(pre);
    else {
      withPost.push(pre);
      pairs.push({ pre, post });
    }
  }
  const changes = pairs.map((p) => p.post - p.pre);
  return {
    ...pairedSummary(pairs),
    direction: direction(changes),
    baselineByFollowUp: { withPost: meanSd(withPost), withoutPost: meanSd(withoutPost) },
    baselineChangeCorrelation: pearson(
      pairs.map((p) => p.pre),
      changes,
    ),
  };
}

/** Baseline carried forward: each enrollment with a baseline; change 0 without a follow-up. */
export function sensitivityOf(values: ReadonlyArray<PrePostValue>): DomainBlock['sensitivity'] {
  const changes: number[] = [];
  for (const { pre, post } of values) {
    if (pre !== null) changes.push(post === null ? 0 : post - pre);
  }
  return {
    method: 'baseline_carried_forward',
    n: changes.length,
    meanDiff: mean(changes),
    ci95: meanCi95(changes),
  };
}

function pairedBlock(all: EnrollmentState[], pick: Pick2): PairedBlock {
  return pairedBlockOf(all.map(pick));
}

function whoqolSection(all: EnrollmentState[]): Record<WhoqolDomain, DomainBlock> {
  const blocks = WHOQOL_DOMAINS.map((d) => pairedBlock(all, whoqolPick(d)));
  // The four domains are one family of tests: Holm over the four (docs/instruments.md).
  const tHolm = holm(blocks.map((b) => b.tTest?.p ?? null));
  const wHolm = holm(blocks.map((b) => b.wilcoxon?.p ?? null));
  const domain = (i: number): DomainBlock => {
    const d = WHOQOL_DOMAINS[i] ?? 'physical';
    const block = blocks[i] ?? pairedBlock([], whoqolPick(d));
    return {
      ...block,
      pHolm: { tTest: tHolm[i] ?? null, wilcoxon: wHolm[i] ?? null },
      sensitivity: sensitivityOf(all.map(whoqolPick(d))),
    };
  };
  return { physical: domain(0), psychological: domain(1), social: domain(2), environment: domain(3) };
}

function uricaSection(all: EnrollmentState[]): ReportSummary['urica'] {
  const pre = stageCounts();
  const post = stageCounts();
  const transitions: Record<UricaStage, Record<UricaStage, number>> = {
    precontemplation: stageCounts(),
    contemplation: stageCounts(),
    preparation_action: stageCounts(),
  };
  let n = 0;
  for (const e of all) {
    const pair = pairOf(e.urica);
    if (!pair.pre || !pair.post) continue;
    // The same clients before and after: only enrollments with both.
    n += 1;
    pre[pair.pre.value.stage] += 1;
    post[pair.post.value.stage] += 1;
    transitions[pair.pre.value.stage][pair.post.value.stage] += 1;
  }
  return { readiness: pairedBlock(all, readinessPick), stages: { n, pre, post, transitions } };
}

/** Days of follow-up: enrolledOn to the status date, else asOf (the report's "today"). */
function followUpDays(e: EnrollmentState, asOf: string): number {
  return Math.max(0, daysBetween(e.enrolledOn, e.statusDate ?? asOf));
}

/** One enrollment seen by the outcome rates. */
export interface OutcomeSubject {
  status: string;
  enrolledOn: string;
  /** End of follow-up when the enrollment ended on or before asOf, else null. */
  statusDate: string | null;
  events: number;
}

/**
 * Events, clients with one, the share of enrolled (Wilson 95% CI), dropouts whose later course
 * is unknown, and events per 100 person-months (person-days from enrolledOn to the status
 * date, else asOf).
 */
export function outcomeStatsOf(list: ReadonlyArray<OutcomeSubject>, asOf: string): OutcomeStats {
  const events = list.reduce((n, e) => n + e.events, 0);
  const clients = list.filter((e) => e.events > 0).length;
  const personDays = list.reduce(
    (n, e) => n + Math.max(0, daysBetween(e.enrolledOn, e.statusDate ?? asOf)),
    0,
  );
  return {
    events,
    clients,
    rate: rate(clients, list.length),
    ci95: wilson(clients, list.length),
    unknownAfterDropout: list.filter((e) => e.status === 'dropped_out').length,
    personMonths: personDays / DAYS_PER_MONTH,
    per100PersonMonths: per100PersonMonths(events, personDays),
  };
}

function outcomeStats(
  all: EnrollmentState[],
  asOf: string,
  count: (e: EnrollmentState) => number,
): OutcomeStats {
  return outcomeStatsOf(
    all.map((e) => ({
      status: e.status,
      enrolledOn: e.enrolledOn,
      statusDate: e.statusDate,
      events: count(e),
    })),
    asOf,
  );
}

function recidivismCount(e: EnrollmentState): number {
  return e.recidivism.reoffense + e.recidivism.rearrest + e.recidivism.parole_revoked;
}

function outcomesSection(all: EnrollmentState[], asOf: string): ReportSummary['outcomes'] {
  const total = (type: RecidivismType) => all.reduce((n, e) => n + e.recidivism[type], 0);
  return {
    relapse: outcomeStats(all, asOf, (e) => e.relapses),
    recidivism: {
      ...outcomeStats(all, asOf, recidivismCount),
      byType: {
        reoffense: total('reoffense'),
        rearrest: total('rearrest'),
        parole_revoked: total('parole_revoked'),
      },
    },
  };
}

function statusCounts(list: EnrollmentState[], interim: boolean) {
  const count = (s: string) => list.filter((e) => e.status === s).length;
  const completed = count('completed');
  const transferred = count('transferred');
  return {
    enrolled: list.length,
    active: count('active'),
    completed,
    droppedOut: count('dropped_out'),
    transferred,
    // A rate while most clients are still active says nothing: final reports only.
    completionRate: interim ? null : rate(completed, list.length - transferred),
  };
}

/** An early exit's reason from the records: an event on or before the exit date. */
function exitReason(e: EnrollmentState): ExitReason {
  const end = e.statusDate ?? '';
  if (e.firstRecidivism !== undefined && e.firstRecidivism <= end) return 'recidivism';
  if (e.firstRelapse !== undefined && e.firstRelapse <= end) return 'relapse';
  return 'not_recorded';
}

function attritionSection(all: EnrollmentState[], capacity: number): ReportSummary['attrition'] {
  const counts = statusCounts(all, true);
  const flow = (withPre: number, withPost: number, analysed: number): AttritionFlow => ({
    capacity,
    enrolled: counts.enrolled,
    transferred: counts.transferred,
    droppedOut: counts.droppedOut,
    active: counts.active,
    completed: counts.completed,
    withPre,
    withPost,
    analysed,
  });
  const whoqolPairs = all.map((e) => pairOf(e.whoqol));
  const uricaPairs = all.map((e) => pairOf(e.urica));
  const exits = new Map<string, ExitCount>();
  for (const e of all) {
    if ((e.status !== 'dropped_out' && e.status !== 'transferred') || e.statusDate === null) continue;
    const month = e.statusDate.slice(0, 7);
    const reason = exitReason(e);
    const key = `${e.status}|${month}|${reason}`;
    const entry = exits.get(key) ?? { status: e.status, month, reason, count: 0 };
    entry.count += 1;
    exits.set(key, entry);
  }
  return {
    whoqol: flow(
      whoqolPairs.filter((p) => p.pre).length,
      whoqolPairs.filter((p) => p.post).length,
      all.filter((e) => WHOQOL_DOMAINS.some((d) => pairsOf([e], whoqolPick(d)).length > 0)).length,
    ),
    urica: flow(
      uricaPairs.filter((p) => p.pre).length,
      uricaPairs.filter((p) => p.post).length,
      pairsOf(all, readinessPick).length,
    ),
    exits: [...exits.keys()].sort().flatMap((k) => {
      const entry = exits.get(k);
      return entry ? [entry] : [];
    }),
  };
}

function officeSection(
  all: EnrollmentState[],
  offices: readonly string[],
  interim: boolean,
): OfficeHeadline[] {
  return [...new Set([...offices, ...all.map((e) => e.office)])].sort().map((office) =>
    officeHeadline(
      office,
      all.filter((e) => e.office === office),
      interim,
    ),
  );
}

function officeHeadline(office: string, list: EnrollmentState[], interim: boolean): OfficeHeadline {
  const meanChange = (pick: Pick2) => mean(pairsOf(list, pick).map((p) => p.post - p.pre));
  const pairCount = (pick: Pick2) => pairsOf(list, pick).length;
  const tests = list.reduce((n, e) => n + e.urineTests, 0);
  return {
    office,
    ...statusCounts(list, interim),
    whoqolPairs: {
      physical: pairCount(whoqolPick('physical')),
      psychological: pairCount(whoqolPick('psychological')),
      social: pairCount(whoqolPick('social')),
      environment: pairCount(whoqolPick('environment')),
    },
    uricaPairs: pairCount(readinessPick),
    whoqolMeanDiff: {
      physical: meanChange(whoqolPick('physical')),
      psychological: meanChange(whoqolPick('psychological')),
      social: meanChange(whoqolPick('social')),
      environment: meanChange(whoqolPick('environment')),
    },
    uricaReadinessMeanDiff: meanChange(readinessPick),
    urinePositivityRate: rate(
      list.reduce((n, e) => n + e.urinePositive, 0),
      tests,
    ),
    relapseRate: rate(list.filter((e) => e.relapses > 0).length, list.length),
    recidivismRate: rate(list.filter((e) => recidivismCount(e) > 0).length, list.length),
  };
}

function rowsOf(all: EnrollmentState[], openingLength: number): EnrollmentRow[] {
  const width = Math.max(3, String(all.length).length);
  return all.map((e, i) => {
    const whoqol = pairOf(e.whoqol);
    const urica = pairOf(e.urica);
    const day = (d: Dated<unknown> | undefined) =>
      d === undefined ? null : daysBetween(e.enrolledOn, d.date);
    const domain = (d: WhoqolDomain) => whoqolPick(d)(e);
    return {
      pseudonym: `K${String(i + 1).padStart(width, '0')}`,
      office: e.office,
      status: e.status,
      enrolledOn: e.enrolledOn,
      statusDate: e.statusDate,
      openingComplete: e.openingDone >= openingLength,
      counts: { ...e.counts },
      urineTests: e.urineTests,
      urinePositive: e.urinePositive,
      whoqol: {
        physical: domain('physical'),
        psychological: domain('psychological'),
        social: domain('social'),
        environment: domain('environment'),
      },
      uricaReadiness: readinessPick(e),
      uricaStage: { pre: urica.pre?.value.stage ?? null, post: urica.post?.value.stage ?? null },
      assessmentDays: {
        whoqol: { pre: day(whoqol.pre), post: day(whoqol.post) },
        urica: { pre: day(urica.pre), post: day(urica.post) },
      },
      relapses: e.relapses,
      recidivismEvents: recidivismCount(e),
    };
  });
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
