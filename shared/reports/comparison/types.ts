/**
 * comparison.json, schemaVersion 1 (documented in docs/reports.md, "Cohort comparisons"):
 * cohorts that ran under different protocols, each compared period against one reference.
 * No client identities: only counts and statistics.
 */
import type { ActivityType } from '../../domain/protocol';
import type { Direction } from '../../domain/stats/describe';
import type { WhoqolDomain } from '../types';

export const SMALL_SAMPLE_REASON = 'small_sample';
/** Fewer pairs than this on either side: descriptives only. */
export const MIN_COMPARISON_PAIRS = 10;

export interface ProtocolSummary {
  periodId: string;
  name: string;
  role: 'reference' | 'compared';
  startDate: string;
  endDate: string;
  /** The date the cohort's data were read up to. */
  asOf: string;
  capacity: number;
  enrolled: number;
  opening: ActivityType[];
  cadenceDays: Partial<Record<ActivityType, number>>;
}

export interface CohortChange {
  /** Pairs (baseline and follow-up). */
  n: number;
  preMean: number | null;
  meanChange: number | null;
  sdChange: number | null;
  /** t-based 95% CI of the mean change (for the charts). */
  changeCi95: [number, number] | null;
  direction: Direction;
}

export interface ScoreComparison {
  reference: CohortChange;
  compared: CohortChange;
  /** Primary: ANCOVA post ~ pre + cohort, HC3 SE; diff is C - R at equal baseline, in points. */
  ancova: { diff: number; se: number; t: number; df: number; p: number; ci95: [number, number] } | null;
  /** Holm over the four WHOQOL domains on the ANCOVA p; absent for URICA readiness. */
  pHolm?: number | null;
  /** Mean change C - mean change R. */
  diff: number | null;
  welch: { t: number; df: number; p: number; ci95: [number, number] } | null;
  rankSum: { w: number; p: number; method: 'exact' | 'normal' } | null;
  hedgesG: number | null;
  /** Smallest standardised difference detectable with 80% power at alpha 0.05. */
  detectableEffect: number | null;
  /** Why the tests are null: fewer than 10 pairs on either side. */
  reason: typeof SMALL_SAMPLE_REASON | null;
}

export interface EventCount {
  events: number;
  n: number;
}

export interface BinaryComparison {
  reference: EventCount;
  compared: EventCount;
  /** events/n of C minus events/n of R. */
  riskDifference: number | null;
  /** Newcombe hybrid score 95% CI. */
  riskDifferenceCi95: [number, number] | null;
  /** Fisher exact, two-sided. */
  fisherP: number | null;
}

export type RelapseComparison = BinaryComparison & {
  reference: EventCount & { per100PersonMonths: number | null };
  compared: EventCount & { per100PersonMonths: number | null };
};

export const CAVEAT_CODES = [
  'not_randomised',
  'one_cohort_per_protocol',
  'different_follow_up',
  'different_urine_cadence',
  'nested_in_offices',
  'low_power',
] as const;
export type CaveatCode = (typeof CAVEAT_CODES)[number];

export interface Caveat {
  code: CaveatCode;
  /** The caveat in Indonesian, for officials. */
  text: string;
  /** The numbers behind it. */
  data: Record<string, number | string | null>;
}

export interface PeriodComparison {
  reference: string;
  compared: string;
  whoqol: { domains: Record<WhoqolDomain, ScoreComparison> };
  urica: { readiness: ScoreComparison };
  outcomes: {
    completion: BinaryComparison;
    relapse: RelapseComparison;
    everPositiveUrine: BinaryComparison;
  };
  caveats: Caveat[];
}

export interface ComparisonSummary {
  schemaVersion: 1;
  /** The comparison's id (given by the caller), or null. */
  id: string | null;
  generatedAt: string;
  reference: string;
  compared: string[];
  /** Every period in the comparison, reference first: what is compared. */
  protocols: ProtocolSummary[];
  /** One entry per compared period, in the order given. */
  comparisons: PeriodComparison[];
}
