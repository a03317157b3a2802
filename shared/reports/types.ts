import type { ActivityType } from '../domain/protocol';
import type { UricaStage } from '../domain/scoring';
import type { PairedSummary } from '../domain/stats';
import type { Direction, MeanSd } from '../domain/stats/describe';

/**
 * summary.json, schemaVersion 2 (documented in docs/reports.md). Everything a period-end
 * report says is in here; enrollments.csv and report.html are renderings of it plus the
 * de-identified per-enrollment rows. No client identities anywhere.
 */
export const REPORT_KINDS = ['final', 'monthly', 'on_demand'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const WHOQOL_DOMAINS = ['physical', 'psychological', 'social', 'environment'] as const;
export type WhoqolDomain = (typeof WHOQOL_DOMAINS)[number];

export const URICA_STAGES: readonly UricaStage[] = [
  'precontemplation',
  'contemplation',
  'preparation_action',
];

export type Rate = number | null;

/**
 * Paired pre/post block: the statistics of shared/domain/stats plus what a reader needs to
 * judge them (docs/reports.md, "Paired block").
 */
export type PairedBlock = PairedSummary & {
  /** Holm-adjusted p over the family (the four WHOQOL domains); absent for URICA readiness. */
  pHolm?: { tTest: number | null; wilcoxon: number | null };
  /** Pairs whose score rose, stayed (|change| < 1e-4) and fell. */
  direction: Direction;
  /** Baseline scores of the enrollments with a follow-up (the analysed) and without one. */
  baselineByFollowUp: { withPost: MeanSd; withoutPost: MeanSd };
  /** Pearson r of the baseline with the change over the pairs (regression to the mean). */
  baselineChangeCorrelation: number | null;
};

/** Baseline carried forward: every enrollment with a baseline, change 0 where no follow-up. */
export interface Sensitivity {
  method: 'baseline_carried_forward';
  n: number;
  meanDiff: number | null;
  ci95: [number, number] | null;
}

export type DomainBlock = PairedBlock & { sensitivity: Sensitivity };

/** CONSORT-style flow of one instrument (docs/reports.md, "Attrition"). */
export interface AttritionFlow {
  capacity: number;
  enrolled: number;
  transferred: number;
  droppedOut: number;
  active: number;
  completed: number;
  /** Enrollments with a baseline (pre) assessment of the instrument. */
  withPre: number;
  /** ... and a follow-up (post) dated after that baseline. */
  withPost: number;
  /** ... and at least one score pair in the analysis (WHOQOL: any domain). */
  analysed: number;
}

/** Why an enrollment ended early, so far the records show it (no free text). */
export const EXIT_REASONS = ['recidivism', 'relapse', 'not_recorded'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export interface ExitCount {
  status: 'dropped_out' | 'transferred';
  /** YYYY-MM of the status date. */
  month: string;
  reason: ExitReason;
  count: number;
}

export interface EnrollmentCounts {
  capacity: number;
  enrolled: number;
  active: number;
  completed: number;
  droppedOut: number;
  transferred: number;
  /** completed / (enrolled - transferred); null when that is 0 and in every interim report. */
  completionRate: Rate;
}

export interface ActivityTypeStats {
  /** Activities of the type dated on or before asOf (group meetings: attendances). */
  count: number;
  /** Enrollments with at least one. */
  clientsReached: number;
  /** Median count per enrollment, over all enrollments (0 for those without). */
  medianPerClient: number | null;
}

export interface ProtocolStats {
  opening: ActivityType[];
  /** Enrollments by opening progress on asOf. The API enforces the order, so every
   * completed opening followed the protocol. */
  openingFollowed: { complete: number; inProgress: number; notStarted: number };
  byType: Record<ActivityType, ActivityTypeStats>;
  groupMeetings: {
    sessions: number;
    attendances: number;
    /** attendances / sum over sessions of the enrollments active on the session's date. */
    attendanceRate: Rate;
  };
  /** Due entries (enrollment x type) whose due date is before asOf, active enrollments only. */
  overdueAtAsOf: { entries: number; enrollments: number };
}

export interface UrineTestStats {
  tests: number;
  positiveTests: number;
  /** Tests without a positive result and with an invalid (or missing) one. */
  invalidTests: number;
  positivesBySubstance: Record<string, number>;
  clientsTested: number;
  clientsEverPositive: number;
  /** clientsEverPositive / clientsTested, with its Wilson 95% CI. */
  everPositiveRate: Rate;
  everPositiveCi95: [number, number] | null;
  /** Tests per tested enrollment, and per 30 days of its time in the program. */
  testsPerClient: { median: number | null; min: number | null; max: number | null };
  testsPer30Days: number | null;
  /** Share of tested enrollments whose latest test was negative (every result negative). */
  latestNegativeShare: Rate;
  /** Months with a test or an intake; `intake` = enrollments enrolled that month. */
  byMonth: Array<{
    month: string;
    tests: number;
    positiveTests: number;
    positivityRate: Rate;
    intake: number;
  }>;
}

export interface OutcomeStats {
  events: number;
  /** Enrollments with at least one event. */
  clients: number;
  /** clients / enrolled. */
  rate: Rate;
  /** Wilson 95% CI of `rate`. */
  ci95: [number, number] | null;
  /** Dropped-out enrollments: whether an event followed their dropout is unknown (never 0). */
  unknownAfterDropout: number;
  /** Follow-up: enrolledOn to the end (status date, else asOf), in months of 365.25/12 days. */
  personMonths: number;
  /** events / personMonths x 100. */
  per100PersonMonths: number | null;
}

export interface OfficeHeadline {
  office: string;
  enrolled: number;
  active: number;
  completed: number;
  droppedOut: number;
  transferred: number;
  completionRate: Rate;
  /** Pairs per WHOQOL domain (a domain with too few items gives no pair). */
  whoqolPairs: Record<WhoqolDomain, number>;
  uricaPairs: number;
  /** Mean post - pre per WHOQOL domain (0-100). */
  whoqolMeanDiff: Record<WhoqolDomain, number | null>;
  uricaReadinessMeanDiff: number | null;
  urinePositivityRate: Rate;
  relapseRate: Rate;
  recidivismRate: Rate;
}

export interface ReportSummary {
  schemaVersion: 2;
  kind: ReportKind;
  /** True unless a final report: conclusions come from the final report. */
  interim: boolean;
  /** Records dated on or before this date count. */
  asOf: string;
  /** Scheduled reports: equal to asOf (so reruns are byte-identical); on demand: ISO time. */
  generatedAt: string;
  period: {
    id: string;
    name: string;
    startDate: string;
    endDate: string;
    capacity: number;
    offices: string[];
    protocol: { opening: ActivityType[]; cadenceDays: Partial<Record<ActivityType, number>> };
    instruments: string[];
  };
  /** WHOQOL-BREF is used with WHO's permission: the province's reference, or null if missing. */
  licence: { whoqolPermissionRef: string | null };
  enrollment: EnrollmentCounts;
  attrition: { whoqol: AttritionFlow; urica: AttritionFlow; exits: ExitCount[] };
  protocol: ProtocolStats;
  urineTests: UrineTestStats;
  whoqol: { domains: Record<WhoqolDomain, DomainBlock> };
  urica: {
    readiness: PairedBlock;
    /** Over the same clients before and after: the enrollments with a readiness pair. */
    stages: {
      n: number;
      pre: Record<UricaStage, number>;
      post: Record<UricaStage, number>;
      /** transitions[from][to] over enrollments with both a pre and a post. */
      transitions: Record<UricaStage, Record<UricaStage, number>>;
    };
  };
  outcomes: {
    relapse: OutcomeStats;
    recidivism: OutcomeStats & { byType: { reoffense: number; rearrest: number; parole_revoked: number } };
  };
  byOffice: OfficeHeadline[];
}

/** One de-identified row per enrollment (enrollments.csv, the per-client lines in charts). */
export interface EnrollmentRow {
  /** Stable within the report: K001, K002, ... in enrollment-id order. */
  pseudonym: string;
  office: string;
  status: string;
  enrolledOn: string;
  statusDate: string | null;
  openingComplete: boolean;
  counts: Record<ActivityType, number>;
  urineTests: number;
  urinePositive: number;
  whoqol: Record<WhoqolDomain, { pre: number | null; post: number | null }>;
  uricaReadiness: { pre: number | null; post: number | null };
  uricaStage: { pre: UricaStage | null; post: UricaStage | null };
  /** Days from enrollment to the paired baseline and follow-up assessments (not dates). */
  assessmentDays: {
    whoqol: { pre: number | null; post: number | null };
    urica: { pre: number | null; post: number | null };
  };
  relapses: number;
  recidivismEvents: number;
}

export interface ReportFiles {
  json: string;
  csv: string;
  html: string;
}
