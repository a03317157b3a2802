import { addDays } from './dates';
import { ACTIVITY_TYPES, type ActivityType, dueEntries, earliestDue } from './protocol';

/**
 * The worklist's rules (docs/api.md "Due lists"): what is due on an active enrollment, in rows.
 * Activities are due by the protocol and the cadence (shared/domain/protocol.ts `dueDates`);
 * assessments by the period's instruments:
 * - `pre` of each instrument is due from the enrollment date until one is recorded;
 * - `post` is due from POST_ASSESSMENT_LEAD_DAYS before the period's end (or from the
 *   enrollment date, for a client who joined later than that) until one is recorded.
 * `mid` is never scheduled. The enrollment keeps which instrument/phase pairs were recorded
 * (`assessmentsDone`, at most instruments x 2 entries), so the rule needs no other read.
 */
export const DUE_TYPES = [...ACTIVITY_TYPES, 'assessment'] as const;
export type DueType = (typeof DUE_TYPES)[number];

/** The assessment phases the worklist schedules. */
export const SCHEDULED_PHASES = ['pre', 'post'] as const;
export type ScheduledPhase = (typeof SCHEDULED_PHASES)[number];

/**
 * The post-test is due two weeks before the period ends: late enough to measure the program,
 * early enough that a client who misses the appointment can still be seen before the end.
 */
export const POST_ASSESSMENT_LEAD_DAYS = 14;

/**
 * How long after its end date a period stays on the cross-period worklist (GET /due): paper
 * records and post-tests are often a few days late, and closing a period by hand stops
 * enrollment, not the work with the clients already in it.
 */
export const WORKLIST_GRACE_DAYS = 30;

export interface AssessmentDone<I extends string = string> {
  instrument: I;
  phase: ScheduledPhase;
}

/** What the due rules read of an enrollment (all of it is on the enrollment item). */
export interface DueFacts<I extends string = string> {
  status: string;
  enrolledOn: string;
  periodEnd: string;
  /** Next due date per activity type (protocol.ts `dueDates`, kept on the item). */
  due: Partial<Record<ActivityType, string>>;
  /** The period's instruments (absent on items from before the copy: nothing is scheduled). */
  instruments?: readonly I[] | undefined;
  /** Pairs recorded so far (absent on items from before tracking: nothing is scheduled). */
  assessmentsDone?: ReadonlyArray<AssessmentDone<I>> | undefined;
}

export interface AssessmentDue<I extends string = string> {
  instrument: I;
  phase: ScheduledPhase;
  dueDate: string;
}

/** Assessments due on an enrollment (none once it has ended). */
export function assessmentsDue<I extends string>(e: DueFacts<I>): Array<AssessmentDue<I>> {
  if (e.status !== 'active' || !e.instruments || !e.assessmentsDone) return [];
  const done = new Set(e.assessmentsDone.map((a) => `${a.instrument}:${a.phase}`));
  const postFrom = addDays(e.periodEnd, -POST_ASSESSMENT_LEAD_DAYS);
  const out: Array<AssessmentDue<I>> = [];
  for (const phase of SCHEDULED_PHASES) {
    for (const instrument of e.instruments) {
      if (done.has(`${instrument}:${phase}`)) continue;
      // post: the later of the two (a client who joined late is due at once).
      const dueDate = phase === 'pre' ? e.enrolledOn : [postFrom, e.enrolledOn].sort()[1]!;
      out.push({ instrument, phase, dueDate });
    }
  }
  return out;
}

/** The earliest date anything is due (the due index sorts enrollments by it), or undefined. */
export function earliestDueOf(e: DueFacts): string | undefined {
  if (e.status !== 'active') return undefined;
  let min = earliestDue(e.due);
  for (const a of assessmentsDue(e)) if (min === undefined || a.dueDate < min) min = a.dueDate;
  return min;
}

/** One row of a due list: an activity type, or an assessment (instrument and phase). */
export type DueRow<I extends string = string> =
  | { type: ActivityType; dueDate: string; overdue: boolean }
  | { type: 'assessment'; instrument: I; phase: ScheduledPhase; dueDate: string; overdue: boolean };

/**
 * The rows of one enrollment due before `before` (exclusive), overdue when before `today`,
 * optionally of one type: by due date, then activities in protocol vocabulary order, then
 * assessments (pre before post). The order is stable, so a cursor can count rows given.
 */
export function dueRows<I extends string>(
  e: DueFacts<I>,
  before: string,
  today: string,
  type?: DueType,
): Array<DueRow<I>> {
  if (e.status !== 'active') return [];
  const rows: Array<DueRow<I>> = [];
  if (type !== 'assessment') {
    for (const entry of dueEntries(e.due, before, today)) {
      if (type === undefined || entry.type === type) rows.push(entry);
    }
  }
  if (type === undefined || type === 'assessment') {
    for (const a of assessmentsDue(e)) {
      if (a.dueDate < before) rows.push({ type: 'assessment', ...a, overdue: a.dueDate < today });
    }
  }
  // Array.prototype.sort is stable: equal dates keep the order above.
  return rows.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** The assessment pairs done after recording `instrument`/`phase` (unchanged for `mid`). */
/**
 * The assessments done, counted again from the live (not voided) assessments of an
 * enrollment: after a correction changes an assessment's phase or voids it.
 */
export function assessmentsDoneFrom<I extends string>(
  assessments: ReadonlyArray<{ instrument: I; phase: string }>,
): Array<AssessmentDone<I>> {
  let done: Array<AssessmentDone<I>> = [];
  for (const a of assessments) done = withAssessmentDone(done, a.instrument, a.phase) ?? done;
  return done;
}

export function withAssessmentDone<I extends string>(
  done: ReadonlyArray<AssessmentDone<I>>,
  instrument: I,
  phase: string,
): Array<AssessmentDone<I>> | undefined {
  const scheduled = SCHEDULED_PHASES.find((p) => p === phase);
  if (!scheduled) return undefined;
  if (done.some((a) => a.instrument === instrument && a.phase === scheduled)) return undefined;
  return [...done, { instrument, phase: scheduled }];
}
