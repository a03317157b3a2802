import * as z from 'zod/mini';
import { config } from '../../config';
import { earliestDueOf, SCHEDULED_PHASES } from '../../domain/due';
import { dueDates } from '../../domain/protocol';
import { ACTIVITY_TYPES, type ActivityType, ENROLLMENT_STATUSES, INSTRUMENTS } from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys, partitions } from '../keys';
import { forEachPage, getItem, type Item, queryIndex } from '../read';
import { putNew, putVersioned, type TxPart } from '../write';
import { type PeriodProtocol, storedProtocol } from './period';

/**
 * The enrollment entity: one item `ENROLLMENT#<id>` (its records live in the same partition),
 * filed under its period and office (gsi1), under its client (gsi2), and, while active with
 * something due, on the due index (gsi3) by its earliest due date.
 *
 * The item carries what its rules need, so a write is judged from one read and lands with one
 * version check: protocol progress, last dates, due dates, the period's protocol and
 * instruments (copied at enrollment; a period's protocol never changes), and a bounded summary
 * of group meeting attendance (how many, the latest few): the meetings themselves, topics
 * included, stay on the meeting items, so the enrollment does not grow with them.
 */
const activityType = z.enum(ACTIVITY_TYPES);

const openingStep = z.object({ type: activityType, date: z.string(), id: z.string() });
const protocolState = z.object({
  openingDone: z._default(z.array(openingStep), []),
  lastDone: z._default(z.partialRecord(activityType, z.string()), {}),
  counts: z._default(z.partialRecord(activityType, z.number()), {}),
});

/** How many recent meetings an enrollment remembers (the timeline lists these). */
export const RECENT_MEETINGS = 20;
const meetingRef = z.object({ meetingId: z.string(), date: z.string() });
const attendance = z.object({ attended: z.number(), recent: z.array(meetingRef) });
/** Items written before attendance was bounded kept every meeting in a list. */
const legacyAttendance = z.pipe(
  z.array(z.object({ meetingId: z.string(), date: z.string() })),
  z.transform((list) => ({ attended: list.length, recent: latestMeetings(list) })),
);

const storedEnrollment = z.object({
  id: z.string(),
  periodId: z.string(),
  clientId: z.string(),
  office: z.string(),
  status: z.enum(ENROLLMENT_STATUSES),
  enrolledOn: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  statusDate: z.optional(z.string()),
  statusReason: z.optional(z.string()),
  version: z.number(),
  protocolState: z._default(protocolState, { openingDone: [], lastDone: {}, counts: {} }),
  due: z._default(z.partialRecord(activityType, z.string()), {}),
  groupMeetings: z._default(z.union([attendance, legacyAttendance]), { attended: 0, recent: [] }),
  /** Copies of the period's protocol and instruments (absent on items from before the copy). */
  protocol: z.optional(storedProtocol),
  instruments: z.optional(z.array(z.enum(INSTRUMENTS))),
  /**
   * Instrument/phase pairs recorded (pre and post only; at most instruments x 2 entries), for
   * the assessments due (shared/domain/due.ts). Absent on items from before it was kept: those
   * have no assessments scheduled.
   */
  assessmentsDone: z.optional(
    z.array(z.object({ instrument: z.enum(INSTRUMENTS), phase: z.enum(SCHEDULED_PHASES) })),
  ),
  /** The client's name and registration number, for lists (kept in step by PATCH /clients). */
  client: z.optional(z.object({ fullName: z.string(), registrationNumber: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnrollmentRecord = z.output<typeof storedEnrollment>;
export type ProtocolState = EnrollmentRecord['protocolState'];
export type MeetingRef = z.output<typeof meetingRef>;

export function latestMeetings(list: readonly MeetingRef[]): MeetingRef[] {
  return [...list]
    .sort((a, b) => a.date.localeCompare(b.date) || a.meetingId.localeCompare(b.meetingId))
    .slice(-RECENT_MEETINGS);
}

export function enrollmentFromItem(item: Item): EnrollmentRecord {
  return parseItem(storedEnrollment, item, 'enrollment');
}

/**
 * The item, with the due index entry for an active enrollment with something due (an activity
 * or an assessment): its earliest due date is the sort key, so "due before D" is one range.
 */
export function enrollmentToItem(e: EnrollmentRecord): Item {
  const earliest = earliestDueOf(e);
  return {
    ...keys.enrollment(e.id),
    ...keys.enrollmentInPeriod(e.periodId, e.office, e.id),
    ...keys.enrollmentOfClient(e.clientId, e.enrolledOn, e.id),
    ...(earliest ? keys.enrollmentDue(e.periodId, e.office, earliest, e.id) : {}),
    entityType: 'enrollment',
    ...e,
  };
}

/**
 * The next version of an enrollment with `changes` applied: version bumped, due dates
 * recomputed from its protocol state (none once it has ended).
 */
export function nextEnrollment(
  e: EnrollmentRecord,
  protocol: PeriodProtocol,
  changes: Partial<EnrollmentRecord>,
  at: string,
): EnrollmentRecord {
  const next: EnrollmentRecord = { ...e, ...changes, version: e.version + 1, updatedAt: at };
  next.due =
    next.status === 'active'
      ? dueDates(protocol.opening, protocol.cadenceDays, next.protocolState, next.enrolledOn)
      : {};
  return next;
}

export async function getEnrollment(id: string, consistent = false): Promise<EnrollmentRecord | undefined> {
  const item = await getItem(keys.enrollment(id), consistent);
  return item ? enrollmentFromItem(item) : undefined;
}

/** One page of a period's enrollments; `office` narrows to one Bapas (a key prefix). */
export async function listEnrollmentsOfPeriod(options: {
  periodId: string;
  office: string | undefined;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ items: EnrollmentRecord[]; nextCursor: string | null }> {
  const page = await queryIndex({
    index: 'gsi1',
    partition: partitions.enrollmentsOfPeriod(options.periodId),
    ...(options.office ? { sortPrefix: keys.enrollmentInPeriodOfficePrefix(options.office) } : {}),
    limit: options.limit,
    cursor: options.cursor,
  });
  return { items: page.items.map(enrollmentFromItem), nextCursor: page.nextCursor };
}

/** All enrollments of one client (a handful at most). */
export async function enrollmentsOfClient(clientId: string): Promise<EnrollmentRecord[]> {
  const out: EnrollmentRecord[] = [];
  await forEachPage(
    (cursor) =>
      queryIndex({ index: 'gsi2', partition: partitions.enrollmentsOfClient(clientId), limit: 100, cursor }),
    (items) => {
      for (const i of items) out.push(enrollmentFromItem(i));
    },
  );
  return out;
}

/**
 * Enrollments of a period and office with something due before `before`, in due index order,
 * from the position `from` (inclusive: an index sort key `<earliestDue>#<id>`) on: at most
 * `limit`, each with its position (the stored sort key), and whether the range holds more.
 * Positions come from the lists' own cursors, so paging needs no LastEvaluatedKey per office.
 */
export async function dueEnrollments(options: {
  periodId: string;
  office: string;
  before: string;
  from?: string | undefined;
  limit: number;
}): Promise<{ items: Array<{ enrollment: EnrollmentRecord; position: string }>; more: boolean }> {
  const partition = partitions.dueOfPeriodOffice(options.periodId, options.office);
  // `<date>#<id>` <= `<before>` exactly when date < before (the id makes the key longer), so
  // the inclusive BETWEEN keeps `before` exclusive, like the first page's `<` does.
  const page = await queryIndex(
    options.from === undefined
      ? { index: 'gsi3', partition, sortBefore: options.before, limit: options.limit }
      : { index: 'gsi3', partition, sortBetween: [options.from, options.before], limit: options.limit },
  );
  return {
    items: page.items.map((item) => ({
      enrollment: enrollmentFromItem(item),
      position: String(item.gsi3sk),
    })),
    more: page.nextCursor !== null,
  };
}

// --- transaction parts ---------------------------------------------------------------------

export const putNewEnrollment = (e: EnrollmentRecord): TxPart =>
  putNew('enrollmentIsNew', enrollmentToItem(e));

/** Lands only on the version read; `name` tells enrollments of one plan apart. */
export const putEnrollmentVersion = (
  e: EnrollmentRecord,
  readVersion: number,
  name = 'enrollmentUnchangedSinceRead',
): TxPart => putVersioned(name, enrollmentToItem(e), readVersion);

/**
 * Counts one more activity of `type` on an enrollment whose opening is complete and whose
 * last `type` is not before `date`: nothing but the count changes (not the protocol state,
 * not the due dates), so this commutes with every other write and needs no version check.
 * The version still moves, so a concurrent whole-item write cannot drop the count. Its
 * condition restates what the plan assumed (both only ever become more true).
 */
export function countActivity(
  e: EnrollmentRecord,
  type: ActivityType,
  date: string,
  openingLength: number,
  at: string,
): TxPart {
  return {
    name: 'activityCounted',
    item: {
      Update: {
        TableName: config().tableName,
        Key: keys.enrollment(e.id),
        UpdateExpression:
          'SET protocolState.counts.#t = if_not_exists(protocolState.counts.#t, :zero) + :one, version = version + :one, updatedAt = :at',
        ConditionExpression:
          'size(protocolState.openingDone) >= :opening AND protocolState.lastDone.#t >= :date AND #status = :active',
        ExpressionAttributeNames: { '#t': type, '#status': 'status' },
        ExpressionAttributeValues: {
          ':zero': 0,
          ':one': 1,
          ':at': at,
          ':opening': openingLength,
          ':date': date,
          ':active': 'active',
        },
      },
    },
  };
}

/** Guard: a client is enrolled at most once in a period. */
export const putPeriodMember = (periodId: string, clientId: string, enrollmentId: string): TxPart =>
  putNew('clientNotYetInPeriod', {
    ...keys.periodMember(periodId, clientId),
    entityType: 'periodMember',
    enrollmentId,
  });

/** Keeps the copy of the client's name and number on an enrollment in step with the client. */
export function updateEnrollmentClient(
  enrollmentId: string,
  client: { fullName: string; registrationNumber: string },
): TxPart {
  return {
    name: `enrollmentClient:${enrollmentId}`,
    item: {
      Update: {
        TableName: config().tableName,
        Key: keys.enrollment(enrollmentId),
        // The version moves too, so a concurrent write of this enrollment (a whole-item Put
        // judged on the version it read) cannot put the old name back.
        UpdateExpression: 'SET #client = :client, version = version + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#client': 'client' },
        ExpressionAttributeValues: { ':client': client, ':one': 1 },
      },
    },
  };
}
