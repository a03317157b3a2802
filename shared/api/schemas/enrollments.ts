import * as z from 'zod/mini';
import { ENROLLMENT_STATUSES, FINAL_STATUSES } from '../../domain/vocabulary';
import {
  bapasCode,
  clientSummary,
  component,
  cursorParam,
  doc,
  freeText,
  isoDate,
  isoDateTime,
  limitParam,
  officeCode,
  ulidId,
} from './common';
import { activityType } from './periods';
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
  z.object({ ...enrollmentFields, client: z.optional(doc(clientSummary, 'Absent for viewers.')) }),
  'EnrollmentListItem',
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

export const dueQuery = z.strictObject({
  before: z.optional(doc(isoDate, 'Exclusive; default: tomorrow (province time), i.e. due up to today.')),
  office: z.optional(officeCode),
  limit: limitParam(200, 50),
  cursor: cursorParam,
});

export const dueItem = component(
  z.object({
    enrollmentId: ulidId,
    clientId: ulidId,
    office: bapasCode,
    type: activityType,
    dueDate: isoDate,
    overdue: z.boolean(),
    client: z.optional(doc(clientSummary, 'Absent for viewers.')),
  }),
  'DueItem',
);

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
    groupMeetings: doc(
      z.object({ attended: z.int(), listed: z.int() }),
      'Group meetings attended in all, and how many of the most recent are listed in the timeline.',
    ),
    timeline: doc(z.array(timelineEntry), 'Ascending by date.'),
  }),
  'EnrollmentDetail',
);
