import { addDays } from './dates';
import { activityLabel } from './labels';
import { Refusal } from './refusal';

/**
 * The activity protocol of a period (docs/architecture.md, "Protocol"): each client's program opens with a fixed
 * sequence of activity types (now home visit, urine test, group meeting; before: urine test,
 * group meeting). Until that opening is done, every activity must be the next expected type,
 * and in date order; after it, any order. Cadence days give the worklist's due dates.
 *
 * Back-dated entries are normal (paper records typed in later), so order is judged by the
 * activity's date, not by when it was entered: an opening step dated before the previous
 * step, or any other activity dated before the opening was completed, breaks the protocol.
 */
export const ACTIVITY_TYPES = ['home_visit', 'urine_test', 'group_meeting', 'counseling'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface OpeningStep {
  type: ActivityType;
  date: string;
  /** Activity (or group meeting attendance) id that fulfilled the step. */
  id: string;
}

export interface ProtocolState {
  openingDone: OpeningStep[];
  /** Latest date done, per type (back-dated entries do not move it back). */
  lastDone: Partial<Record<ActivityType, string>>;
  counts: Partial<Record<ActivityType, number>>;
}

export const EMPTY_STATE: ProtocolState = { openingDone: [], lastDone: {}, counts: {} };

export type ProtocolRefusal =
  | { reason: 'wrong_type'; expected: ActivityType }
  | { reason: 'before_previous_step'; expected: ActivityType; notBefore: string }
  | { reason: 'before_opening_complete'; notBefore: string };

export function isOpeningComplete(opening: readonly ActivityType[], state: ProtocolState): boolean {
  return state.openingDone.length >= opening.length;
}

export function nextExpected(opening: readonly ActivityType[], state: ProtocolState): ActivityType | null {
  return opening[state.openingDone.length] ?? null;
}

/** Why an activity of `type` on `date` would break the protocol, or null when it fits. */
export function protocolRefusal(
  opening: readonly ActivityType[],
  state: ProtocolState,
  type: ActivityType,
  date: string,
): ProtocolRefusal | null {
  const previous = state.openingDone.at(-1);
  const expected = nextExpected(opening, state);
  if (expected !== null) {
    if (type !== expected) return { reason: 'wrong_type', expected };
    if (previous && date < previous.date)
      return { reason: 'before_previous_step', expected, notBefore: previous.date };
    return null;
  }
  if (previous && date < previous.date)
    return { reason: 'before_opening_complete', notBefore: previous.date };
  return null;
}

/** Why an activity breaks the protocol, in Indonesian (activity names, not codes). */
export function protocolMessage(refusal: ProtocolRefusal): string {
  switch (refusal.reason) {
    case 'wrong_type':
      return `Kegiatan berikutnya menurut protokol: ${activityLabel(refusal.expected)}.`;
    case 'before_previous_step':
      return `Kegiatan ${activityLabel(refusal.expected)} harus bertanggal ${refusal.notBefore} atau sesudahnya.`;
    case 'before_opening_complete':
      return `Kegiatan pembuka protokol selesai pada ${refusal.notBefore}; tanggal tidak boleh sebelumnya.`;
  }
}

/** The refusal (409 protocol_order) of an activity that breaks the protocol. */
export function protocolOrderRefusal(refusal: ProtocolRefusal, path: string): Refusal {
  return new Refusal('protocol_order', [{ path, message: protocolMessage(refusal) }]);
}

/** The state after recording an activity that `protocolRefusal` accepted. */
export function applyActivity(
  opening: readonly ActivityType[],
  state: ProtocolState,
  activity: { type: ActivityType; date: string; id: string },
): ProtocolState {
  const inOpening = !isOpeningComplete(opening, state);
  const last = state.lastDone[activity.type];
  return {
    openingDone: inOpening ? [...state.openingDone, activity] : state.openingDone,
    lastDone: { ...state.lastDone, [activity.type]: last && last > activity.date ? last : activity.date },
    counts: { ...state.counts, [activity.type]: (state.counts[activity.type] ?? 0) + 1 },
  };
}

export interface ProtocolView {
  opening: ActivityType[];
  done: ActivityType[];
  nextExpected: ActivityType | null;
  complete: boolean;
}

export function protocolView(opening: readonly ActivityType[], state: ProtocolState): ProtocolView {
  return {
    opening: [...opening],
    done: state.openingDone.map((s) => s.type),
    nextExpected: nextExpected(opening, state),
    complete: isOpeningComplete(opening, state),
  };
}

/**
 * What is due next, per type (the worklist).
 * - During the opening only the next expected step is due, from the previous step's date (or
 *   the enrollment date): listing a type the protocol would refuse would send an officer out
 *   to do something they cannot record.
 * - After the opening, each cadence type is due its cadence after the last one done; a
 *   cadence type never done is due from the day the opening was completed (or the enrollment
 *   date when the opening is empty).
 */
export function dueDates(
  opening: readonly ActivityType[],
  cadenceDays: Partial<Record<ActivityType, number>>,
  state: ProtocolState,
  enrolledOn: string,
): Partial<Record<ActivityType, string>> {
  const previous = state.openingDone.at(-1)?.date ?? enrolledOn;
  const expected = nextExpected(opening, state);
  if (expected !== null) return { [expected]: previous };
  const out: Partial<Record<ActivityType, string>> = {};
  for (const type of ACTIVITY_TYPES) {
    const days = cadenceDays[type];
    if (days === undefined) continue;
    const last = state.lastDone[type];
    out[type] = last ? addDays(last, days) : previous;
  }
  return out;
}

/** The earliest due date (the due index sorts enrollments by it), or undefined. */
export function earliestDue(dues: Partial<Record<ActivityType, string>>): string | undefined {
  let min: string | undefined;
  for (const d of Object.values(dues)) if (d !== undefined && (min === undefined || d < min)) min = d;
  return min;
}

/** Due entries before `before` (exclusive), each overdue when its date is before `today`. */
export function dueEntries(
  dues: Partial<Record<ActivityType, string>>,
  before: string,
  today: string,
): Array<{ type: ActivityType; dueDate: string; overdue: boolean }> {
  return ACTIVITY_TYPES.flatMap((type) => {
    const dueDate = dues[type];
    return dueDate !== undefined && dueDate < before ? [{ type, dueDate, overdue: dueDate < today }] : [];
  });
}
