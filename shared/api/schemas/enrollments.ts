import * as z from 'zod/mini';
import { DUE_TYPES, ENROLLMENT_STATUSES, FINAL_STATUSES, SCHEDULED_PHASES } from '../../domain/vocabulary';
import {
  bapasCode,
  clientSummary,
  component,
  doc,
  freeText,
  isoDate,
  isoDateTime,
  limitParam,
  officeCode,
  ulidId,
} from './common';
import { activityType, instrument } from './periods';
import {
  counselingRecord,
  homeVisitRecord,
  outcomeRecord,
  uricaAssessment,
  urineTestRecord,
  whoqolBrefAssessment,
} from './records';

export const createEnrollmentBody = component(
  z.strictObject({
    clientId: ulidId,
    enrolledOn: z.optional(
      doc(isoDate, 'Default: today (province time), or the start date if the period has not begun.'),
    ),
  }),
  'CreateEnrollment',
);
export type CreateEnrollmentBody = z.infer<typeof createEnrollmentBody>;

const enrollmentFields = {
  id: ulidId,
  periodId: ulidId,
  clientId: ulidId,
  office: bapasCode,
  status: z.enum(ENROLLMENT_STATUSES),
  enrolledOn: isoDate,
  statusDate: z.optional(doc(isoDate, 'When it was completed, dropped out or transferred.')),
  statusReason: z.optional(doc(z.string(), 'Absent for viewers.')),
  createdAt: isoDateTime,
};

export const enrollment = component(z.object(enrollmentFields), 'Enrollment');
export type Enrollment = z.infer<typeof enrollment>;

export const enrollmentListItem = component(
  z.object({
    ...enrollmentFields,
    client: z.optional(doc(clientSummary, 'Absent for viewers.')),
    protocol: doc(
      z.object({ nextExpected: z.nullable(activityType), complete: z.boolean() }),
      "Opening progress: what the protocol accepts next (forms offer only that; e.g. a group meeting's attendees).",
    ),
  }),
  'EnrollmentListItem',
);

/** A client's enrollments (the client profile), with the name and dates of each period. */
export const clientEnrollmentList = component(
  z.object({
    items: z.array(
      z.object({
        ...enrollmentFields,
        period: z.object({ name: z.string(), startDate: isoDate, endDate: isoDate }),
      }),
    ),
  }),
  'ClientEnrollmentList',
);

export const patchEnrollmentBody = component(
  z.strictObject({
    status: z.enum(FINAL_STATUSES),
    date: isoDate,
    reason: z.optional(freeText(1000)),
  }),
  'PatchEnrollment',
);
export type PatchEnrollmentBody = z.infer<typeof patchEnrollmentBody>;

// --- the due list --------------------------------------------------------------------------

export const dueType = z.enum(DUE_TYPES);
export const scheduledPhase = z.enum(SCHEDULED_PHASES);

/** A due list's cursor: small and the same whatever the number of offices and periods merged. */
export const dueCursorParam = z.optional(z.string().check(z.minLength(1), z.maxLength(256)));

const dueQueryFields = {
  before: z.optional(doc(isoDate, 'Exclusive; default: tomorrow (province time), i.e. due up to today.')),
  type: z.optional(doc(dueType, 'Only this activity type, or only assessments.')),
  limit: limitParam(200, 50),
  cursor: dueCursorParam,
};

export const dueQuery = z.strictObject({ ...dueQueryFields, office: z.optional(officeCode) });
/** GET /due: the caller's worklist across periods (contract of issue 12: before, type, limit, cursor). */
export const worklistQuery = z.strictObject(dueQueryFields);

const dueItemFields = {
  enrollmentId: ulidId,
  clientId: ulidId,
  office: bapasCode,
  type: doc(dueType, 'An activity type, or `assessment` (then instrument and phase say which).'),
  instrument: z.optional(doc(instrument, 'Assessments only.')),
  phase: z.optional(doc(scheduledPhase, 'Assessments only: pre (from enrollment) or post (near the end).')),
  dueDate: isoDate,
  overdue: z.boolean(),
  client: z.optional(doc(clientSummary, 'Absent for viewers.')),
};

export const dueItem = component(z.object(dueItemFields), 'DueItem');

export const dueList = component(
  z.object({
    periodId: ulidId,
    before: isoDate,
    today: isoDate,
    items: z.array(dueItem),
    nextCursor: z.nullable(z.string()),
  }),
  'DueList',
);

export const worklistItem = component(z.object({ ...dueItemFields, periodId: ulidId }), 'WorklistItem');

export const worklist = component(
  z.object({
    before: isoDate,
    today: isoDate,
    items: doc(
      z.array(worklistItem),
      "Most overdue first: enrollments by their earliest due date, each one's rows together by date.",
    ),
    nextCursor: z.nullable(z.string()),
  }),
  'Worklist',
);

// --- the enrollment's detail ---------------------------------------------------------------

const timelineEntry = z.union([
  z.extend(homeVisitRecord, { kind: z.literal('activity') }),
  z.extend(urineTestRecord, { kind: z.literal('activity') }),
  z.extend(counselingRecord, { kind: z.literal('activity') }),
  z.extend(whoqolBrefAssessment, { kind: z.literal('assessment') }),
  z.extend(uricaAssessment, { kind: z.literal('assessment') }),
  z.extend(outcomeRecord, { kind: z.literal('outcome') }),
  z.object({
    kind: z.literal('group_meeting'),
    type: z.literal('group_meeting'),
    id: ulidId,
    date: isoDate,
    topic: z.optional(doc(z.string(), 'Absent for viewers.')),
  }),
]);

export const enrollmentDetail = component(
  z.object({
    ...enrollmentFields,
    protocol: z.object({
      opening: z.array(activityType),
      done: z.array(activityType),
      nextExpected: z.nullable(activityType),
      complete: z.boolean(),
    }),
    due: doc(z.partialRecord(activityType, isoDate), 'Next due date per cadence type (active only).'),
    assessmentsDue: doc(
      z.array(z.object({ instrument, phase: scheduledPhase, dueDate: isoDate })),
      'Assessments due (active only): pre from the enrollment date, post from 14 days before the period end.',
    ),
    groupMeetings: doc(
      z.object({ attended: z.int(), listed: z.int() }),
      'Group meetings attended in all, and how many of the most recent are listed in the timeline.',
    ),
    timeline: doc(z.array(timelineEntry), 'Ascending by date.'),
  }),
  'EnrollmentDetail',
);
