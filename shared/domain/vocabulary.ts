/**
 * The words of the domain, spelled the API's way. The zod schemas (shared/api/schemas), the
 * forms (web/) and the reports all take their lists from here, so one list can't drift from
 * another. Labels in Indonesian for these values live with the forms and the reports.
 */

export { ROLES, type Role } from './actor';
export { DUE_TYPES, type DueType, SCHEDULED_PHASES, type ScheduledPhase } from './due';
export { ACTIVITY_TYPES, type ActivityType } from './protocol';

export const SEXES = ['male', 'female'] as const;
export const LEGAL_STATUSES = [
  'parole',
  'conditional_leave',
  'leave_before_release',
  'assimilation',
  'other',
] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

export const INSTRUMENTS = ['whoqol-bref', 'urica'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
/** Items per instrument form. */
export const ITEM_COUNTS = { 'whoqol-bref': 26, urica: 32 } as const satisfies Record<Instrument, number>;
export const ASSESSMENT_PHASES = ['pre', 'mid', 'post'] as const;
export type AssessmentPhase = (typeof ASSESSMENT_PHASES)[number];

export const ENROLLMENT_STATUSES = ['active', 'completed', 'dropped_out', 'transferred'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
/** The statuses an active enrollment can end in. */
export const FINAL_STATUSES = ['completed', 'dropped_out', 'transferred'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export const PERIOD_STATUSES = ['open', 'closed'] as const;

/** Activities recorded on one enrollment (group meetings are recorded on the period). */
export const ENROLLMENT_ACTIVITY_TYPES = ['home_visit', 'urine_test', 'counseling'] as const;
export type EnrollmentActivityType = (typeof ENROLLMENT_ACTIVITY_TYPES)[number];

export const PRESENT_AT_HOME = ['client', 'parents', 'spouse', 'children', 'other'] as const;
export const RISK_FACTORS = ['contact_with_users', 'idle', 'debt', 'conflict_at_home', 'other'] as const;
export const SUBSTANCES = [
  'methamphetamine',
  'amphetamine',
  'thc',
  'opiates',
  'mdma',
  'benzodiazepines',
  'cocaine',
] as const;
export type Substance = (typeof SUBSTANCES)[number];
export const TEST_RESULTS = ['negative', 'positive', 'invalid'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

export const OUTCOME_TYPES = ['relapse', 'reoffense', 'rearrest', 'parole_revoked'] as const;
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

export const REPORT_KINDS = ['final', 'monthly', 'on_demand'] as const;
export const AUDITED_ENTITIES = ['client', 'period', 'enrollment', 'officer', 'import'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];
