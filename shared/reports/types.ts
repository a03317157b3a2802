import type { ActivityType } from '../domain/protocol';
import type { UricaStage } from '../domain/scoring';
import type { PairedSummary } from '../domain/stats';

/**
 * summary.json, schemaVersion 1 (documented in docs/reports.md). Everything a period-end
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

/** Paired pre/post block: the statistics of shared/domain/stats plus Holm-adjusted p-values. */
export type PairedBlock = PairedSummary & {
  /** Holm-adjusted p over the family (the four WHOQOL domains); absent for URICA readiness. */
  pHolm?: { tTest: number | null; wilcoxon: number | null };
};

export interface EnrollmentCounts {
  capacity: number;
  enrolled: number;
  active: number;
  completed: number;
  droppedOut: number;
  transferred: number;
  /** completed / (enrolled - transferred); null when that is 0. */
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
  /** Enrollments by opening progress as of asOf. The API enforces the order, so every
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
  /** Share of tested enrollments whose latest test was negative (every result negative). */
  latestNegativeShare: Rate;
  byMonth: Array<{ month: string; tests: number; positiveTests: number; positivityRate: Rate }>;
}

export interface OutcomeStats {
  events: number;
  /** Enrollments with at least one event. */
  clients: number;
  /** clients / enrolled. */
  rate: Rate;
}

export interface OfficeHeadline {
  office: string;
  enrolled: number;
  active: number;
  completed: number;
  droppedOut: number;
  transferred: number;
  completionRate: Rate;
  whoqolPairs: number;
  /** Mean post - pre per WHOQOL domain (0-100). */
  whoqolMeanDiff: Record<WhoqolDomain, number | null>;
  uricaReadinessMeanDiff: number | null;
  urinePositivityRate: Rate;
  relapseRate: Rate;
  recidivismRate: Rate;
}

export interface ReportSummary {
  schemaVersion: 1;
  kind: ReportKind;
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
  enrollment: EnrollmentCounts;
  protocol: ProtocolStats;
  urineTests: UrineTestStats;
  whoqol: { domains: Record<WhoqolDomain, PairedBlock> };
  urica: {
    readiness: PairedBlock;
    stages: {
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
  relapses: number;
  recidivismEvents: number;
}

export interface ReportFiles {
  json: string;
  csv: string;
  html: string;
}
