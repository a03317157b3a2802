/**
 * The cohort comparison (comparison.json), pure: the caller reads each period's records and
 * passes them in; nothing here does I/O. Rules: docs/instruments.md, "Comparing cohorts";
 * fields: docs/reports.md, "Cohort comparisons".
 *
 * Two entry points:
 * - `buildComparison(input)`: each period's records in the same shapes the period summary
 *   builder takes (`ComparisonInput`).
 * - `buildComparisonFromSummaries(input)`: each period already folded by `buildSummary` /
 *   `SummaryBuilder.finish` (`{summary, rows}`), so a caller can page records through the
 *   summary builder one period at a time and never hold them all.
 */
import { holm } from '../../domain/stats';
import {
  ancovaHc3,
  detectableEffect,
  fisherExact,
  hedgesG,
  newcombeDifference,
  rankSum,
  welchT,
} from '../../domain/stats/compare';
import { direction, mean, meanCi95, sampleSd } from '../../domain/stats/describe';
import { fmtDate, fmtNumber } from '../html/format';
import {
  type ActivityInput,
  type AssessmentInput,
  type EnrollmentInput,
  type GroupMeetingInput,
  type OutcomeInput,
  type PeriodInput,
  SummaryBuilder,
} from '../summary';
import { type EnrollmentRow, type ReportSummary, WHOQOL_DOMAINS, type WhoqolDomain } from '../types';
import {
  type BinaryComparison,
  type Caveat,
  type CohortChange,
  type ComparisonSummary,
  MIN_COMPARISON_PAIRS,
  type PeriodComparison,
  type ProtocolSummary,
  type RelapseComparison,
  type ScoreComparison,
  SMALL_SAMPLE_REASON,
} from './types';

/** One period's records, in the shapes `SummaryBuilder` takes. */
export interface CohortData {
  period: PeriodInput;
  /** Records dated after this date are left out (usually the end date, or today if earlier). */
  asOf: string;
  enrollments: ReadonlyArray<EnrollmentInput>;
  activities?: ReadonlyArray<ActivityInput> | undefined;
  assessments?: ReadonlyArray<AssessmentInput> | undefined;
  outcomes?: ReadonlyArray<OutcomeInput> | undefined;
  groupMeetings?: ReadonlyArray<GroupMeetingInput> | undefined;
}

export interface ComparisonInput {
  /** The comparison's id, written into comparison.json (null or absent: none). */
  id?: string | null | undefined;
  /** Written unchanged: pass a fixed value to get byte-identical files for the same data. */
  generatedAt: string;
  /** The reference cohort R (the earlier or old protocol). */
  reference: CohortData;
  /** The compared cohorts C, 1 to 5. */
  compared: ReadonlyArray<CohortData>;
}

/** A period folded by the summary builder. */
export interface CohortSummary {
  summary: ReportSummary;
  rows: ReadonlyArray<EnrollmentRow>;
}

export interface ComparisonSummariesInput {
  id?: string | null | undefined;
  generatedAt: string;
  reference: CohortSummary;
  compared: ReadonlyArray<CohortSummary>;
}

export const MAX_COMPARED = 5;

export class ComparisonInputError extends Error {
  override name = 'ComparisonInputError';
}

/** Folds one period's records with the period summary builder. */
export function summarizeCohort(data: CohortData): CohortSummary {
  const b = new SummaryBuilder(data.period, data.asOf);
  for (const e of data.enrollments) b.addEnrollment(e);
  for (const a of data.activities ?? []) b.addActivity(a);
  for (const a of data.assessments ?? []) b.addAssessment(a);
  for (const o of data.outcomes ?? []) b.addOutcome(o);
  for (const g of data.groupMeetings ?? []) b.addGroupMeeting(g);
  // 'final' only so that the completion rate is computed; the kind is not part of the output.
  return b.finish({ kind: 'final', generatedAt: data.asOf });
}

export function buildComparison(input: ComparisonInput): ComparisonSummary {
  return buildComparisonFromSummaries({
    id: input.id,
    generatedAt: input.generatedAt,
    reference: summarizeCohort(input.reference),
    compared: input.compared.map(summarizeCohort),
  });
}

export function buildComparisonFromSummaries(input: ComparisonSummariesInput): ComparisonSummary {
  const n = input.compared.length;
  if (n < 1 || n > MAX_COMPARED) {
    throw new ComparisonInputError(`a comparison needs 1 to ${MAX_COMPARED} compared periods, got ${n}`);
  }
  const ids = [input.reference, ...input.compared].map((c) => c.summary.period.id);
  if (new Set(ids).size !== ids.length)
    throw new ComparisonInputError('a period appears twice in the comparison');
  return {
    schemaVersion: 1,
    id: input.id ?? null,
    generatedAt: input.generatedAt,
    reference: input.reference.summary.period.id,
    compared: input.compared.map((c) => c.summary.period.id),
    protocols: [
      protocolOf(input.reference.summary, 'reference'),
      ...input.compared.map((c) => protocolOf(c.summary, 'compared')),
    ],
    comparisons: input.compared.map((c) => comparePeriods(input.reference, c)),
  };
}

function protocolOf(s: ReportSummary, role: ProtocolSummary['role']): ProtocolSummary {
  return {
    periodId: s.period.id,
    name: s.period.name,
    role,
    startDate: s.period.startDate,
    endDate: s.period.endDate,
    asOf: s.asOf,
    capacity: s.period.capacity,
    enrolled: s.enrollment.enrolled,
    opening: [...s.period.protocol.opening],
    cadenceDays: { ...s.period.protocol.cadenceDays },
  };
}

type PrePost = { pre: number | null; post: number | null };

function pairs(rows: ReadonlyArray<EnrollmentRow>, pick: (r: EnrollmentRow) => PrePost) {
  const out: Array<{ pre: number; post: number }> = [];
  for (const r of rows) {
    const { pre, post } = pick(r);
    if (pre !== null && post !== null) out.push({ pre, post });
  }
  return out;
}

function cohortChange(p: ReadonlyArray<{ pre: number; post: number }>): CohortChange {
  const changes = p.map((x) => x.post - x.pre);
  return {
    n: p.length,
    preMean: mean(p.map((x) => x.pre)),
    meanChange: mean(changes),
    sdChange: sampleSd(changes),
    changeCi95: meanCi95(changes),
    direction: direction(changes),
  };
}

/** One score (a WHOQOL domain or URICA readiness) of C against R. */
export function compareScores(
  reference: ReadonlyArray<{ pre: number; post: number }>,
  compared: ReadonlyArray<{ pre: number; post: number }>,
): ScoreComparison {
  const r = cohortChange(reference);
  const c = cohortChange(compared);
  const diff = c.meanChange !== null && r.meanChange !== null ? c.meanChange - r.meanChange : null;
  const base = {
    reference: r,
    compared: c,
    diff,
    detectableEffect: detectableEffect(c.n, r.n),
  };
  if (r.n < MIN_COMPARISON_PAIRS || c.n < MIN_COMPARISON_PAIRS) {
    return { ...base, ancova: null, welch: null, rankSum: null, hedgesG: null, reason: SMALL_SAMPLE_REASON };
  }
  const changeR = reference.map((x) => x.post - x.pre);
  const changeC = compared.map((x) => x.post - x.pre);
  return {
    ...base,
    ancova: ancovaHc3([
      ...reference.map((x) => ({ ...x, compared: false })),
      ...compared.map((x) => ({ ...x, compared: true })),
    ]),
    welch: welchT(changeC, changeR),
    rankSum: rankSum(changeC, changeR),
    hedgesG: hedgesG(changeC, changeR),
    reason: null,
  };
}

/** events / n of C against R: risk difference (Newcombe CI) and Fisher's exact p. */
export function compareBinary(
  reference: { events: number; n: number },
  compared: { events: number; n: number },
): BinaryComparison {
  const rd = newcombeDifference(compared, reference);
  return {
    reference,
    compared,
    riskDifference: rd?.diff ?? null,
    riskDifferenceCi95: rd?.ci95 ?? null,
    // Rows: cohort C, cohort R; columns: event, no event.
    fisherP:
      compared.n > 0 && reference.n > 0
        ? fisherExact(
            compared.events,
            compared.n - compared.events,
            reference.events,
            reference.n - reference.events,
          )
        : null,
  };
}

function outcomesOf(c: CohortSummary) {
  const e = c.summary.enrollment;
  return {
    completion: { events: e.completed, n: e.enrolled - e.transferred },
    relapse: { events: c.rows.filter((r) => r.relapses > 0).length, n: e.enrolled },
    relapsePer100: c.summary.outcomes.relapse.per100PersonMonths,
    everPositiveUrine: {
      events: c.summary.urineTests.clientsEverPositive,
      n: c.summary.urineTests.clientsTested,
    },
  };
}

function comparePeriods(reference: CohortSummary, compared: CohortSummary): PeriodComparison {
  const domain = (d: WhoqolDomain) =>
    compareScores(
      pairs(reference.rows, (r) => r.whoqol[d]),
      pairs(compared.rows, (r) => r.whoqol[d]),
    );
  const blocks = WHOQOL_DOMAINS.map(domain);
  // The four domains are one family: Holm on the ANCOVA p (docs/instruments.md).
  const adjusted = holm(blocks.map((b) => b.ancova?.p ?? null));
  const withHolm = (i: number): ScoreComparison => {
    const b = blocks[i] ?? domain('physical');
    return { ...b, pHolm: adjusted[i] ?? null };
  };
  const r = outcomesOf(reference);
  const c = outcomesOf(compared);
  const relapse = compareBinary(r.relapse, c.relapse);
  const relapseBlock: RelapseComparison = {
    ...relapse,
    reference: { ...r.relapse, per100PersonMonths: r.relapsePer100 },
    compared: { ...c.relapse, per100PersonMonths: c.relapsePer100 },
  };
  const whoqol = {
    physical: withHolm(0),
    psychological: withHolm(1),
    social: withHolm(2),
    environment: withHolm(3),
  };
  return {
    reference: reference.summary.period.id,
    compared: compared.summary.period.id,
    whoqol: { domains: whoqol },
    urica: {
      readiness: compareScores(
        pairs(reference.rows, (x) => x.uricaReadiness),
        pairs(compared.rows, (x) => x.uricaReadiness),
      ),
    },
    outcomes: {
      completion: compareBinary(r.completion, c.completion),
      relapse: relapseBlock,
      everPositiveUrine: compareBinary(r.everPositiveUrine, c.everPositiveUrine),
    },
    caveats: caveatsOf(reference.summary, compared.summary, whoqol.physical),
  };
}

function followUpMonths(s: ReportSummary): number | null {
  return s.enrollment.enrolled > 0 ? s.outcomes.relapse.personMonths / s.enrollment.enrolled : null;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function pct(x: number | null): string {
  return x === null ? '–' : `${fmtNumber(x * 100, 0)}%`;
}

/** Urine testing differs when the protocols' cadences differ or observed frequency differs by > 20%. */
function urineCadenceDiffers(r: ReportSummary, c: ReportSummary): boolean {
  if (r.period.protocol.cadenceDays.urine_test !== c.period.protocol.cadenceDays.urine_test) return true;
  const a = r.urineTests.testsPer30Days;
  const b = c.urineTests.testsPer30Days;
  if (a === null || b === null) return a !== b;
  return Math.abs(a - b) > 0.2 * Math.max(a, b);
}

function caveatsOf(r: ReportSummary, c: ReportSummary, physical: ScoreComparison): Caveat[] {
  const fR = followUpMonths(r);
  const fC = followUpMonths(c);
  const dR = share(r.enrollment.droppedOut, r.enrollment.enrolled);
  const dC = share(c.enrollment.droppedOut, c.enrollment.enrolled);
  const caveats: Caveat[] = [
    {
      code: 'not_randomised',
      text: 'Klien tidak dibagi secara acak ke dalam kohort: perbedaan antar kohort dapat berasal dari perbedaan klien, bukan dari protokol.',
      data: {},
    },
    {
      code: 'one_cohort_per_protocol',
      text: `Setiap protokol hanya dijalankan oleh satu kohort, pada waktu yang berbeda (${fmtDate(r.period.startDate)} s.d. ${fmtDate(r.period.endDate)} dan ${fmtDate(c.period.startDate)} s.d. ${fmtDate(c.period.endDate)}): perubahan petugas, musim atau keadaan lain ikut terbandingkan.`,
      data: {
        referenceStart: r.period.startDate,
        referenceEnd: r.period.endDate,
        comparedStart: c.period.startDate,
        comparedEnd: c.period.endDate,
      },
    },
    {
      code: 'different_follow_up',
      text: `Lama pemantauan dan putus program berbeda: rata-rata ${fmtNumber(fR, 1)} dan ${fmtNumber(fC, 1)} bulan per klien; berhenti ${pct(dR)} dan ${pct(dC)} klien.`,
      data: {
        referenceFollowUpMonths: fR,
        comparedFollowUpMonths: fC,
        referenceDropoutShare: dR,
        comparedDropoutShare: dC,
      },
    },
  ];
  if (urineCadenceDiffers(r, c)) {
    caveats.push({
      code: 'different_urine_cadence',
      text: `Tes urine tidak sama seringnya (sekitar ${fmtNumber(r.urineTests.testsPer30Days, 1)} dan ${fmtNumber(c.urineTests.testsPer30Days, 1)} tes per 30 hari): kohort yang lebih sering dites lebih mungkin tercatat positif.`,
      data: {
        referenceTestsPer30Days: r.urineTests.testsPer30Days,
        comparedTestsPer30Days: c.urineTests.testsPer30Days,
        referenceCadenceDays: r.period.protocol.cadenceDays.urine_test ?? null,
        comparedCadenceDays: c.period.protocol.cadenceDays.urine_test ?? null,
      },
    });
  }
  caveats.push({
    code: 'nested_in_offices',
    text: 'Klien dibimbing di kantor dan oleh petugas tertentu; klien dari kantor atau petugas yang sama cenderung mirip, sehingga ketidakpastian sebenarnya lebih besar daripada yang tampak.',
    data: { referenceOffices: r.period.offices.length, comparedOffices: c.period.offices.length },
  });
  const effect = physical.detectableEffect;
  caveats.push({
    code: 'low_power',
    text:
      effect === null
        ? 'Belum ada pasangan data di salah satu kohort, sehingga perbedaan apa pun tidak dapat terlihat.'
        : `Dengan ${physical.reference.n} dan ${physical.compared.n} pasangan data, perbedaan yang lebih kecil dari sekitar ${fmtNumber(effect, 1)} SD tidak dapat terlihat (kekuatan uji 80%, α = 0,05).`,
    data: {
      detectableEffectSd: effect,
      referencePairs: physical.reference.n,
      comparedPairs: physical.compared.n,
    },
  });
  return caveats;
}
