/**
 * The stored items a report reads, parsed into the summary builder's input types. Only the
 * fields a report needs are kept (zod strips the rest), so identity fields on an item can never
 * travel further into a report. A stored item that does not parse is a bug upstream: the
 * report fails with the item's entity type and id (never its content) rather than silently
 * leave a record out.
 */
import * as z from 'zod/mini';
import { ACTIVITY_TYPES } from '../domain/protocol';
import type {
  ActivityInput,
  AssessmentInput,
  EnrollmentInput,
  GroupMeetingInput,
  OutcomeInput,
  PeriodInput,
} from './summary';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const activityType = z.enum(ACTIVITY_TYPES);

const periodItem = z.object({
  id: z.string(),
  name: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  capacity: z.int().check(z.gte(0)),
  offices: z.array(z.string()),
  protocol: z._default(
    z.object({
      opening: z._default(z.array(activityType), []),
      cadenceDays: z._default(z.partialRecord(activityType, z.number()), {}),
    }),
    { opening: [], cadenceDays: {} },
  ),
  instruments: z._default(z.array(z.string()), []),
});

const enrollmentItem = z.object({
  id: z.string(),
  office: z.string(),
  status: z.string(),
  enrolledOn: isoDate,
  statusDate: z.optional(isoDate),
  protocolState: z.optional(z.object({ openingDone: z._default(z.array(z.object({ date: isoDate })), []) })),
});

const activityItem = z.object({
  enrollmentId: z.string(),
  id: z.string(),
  type: z.string(),
  date: isoDate,
  results: z.optional(z.record(z.string(), z.string())),
});

const domainScore = z.nullable(z.object({ score0to100: z.number() }));

const assessmentItem = z.object({
  enrollmentId: z.string(),
  id: z.string(),
  instrument: z.string(),
  phase: z.string(),
  date: isoDate,
  scores: z.object({
    domains: z.optional(
      z.object({
        physical: z.optional(domainScore),
        psychological: z.optional(domainScore),
        social: z.optional(domainScore),
        environment: z.optional(domainScore),
      }),
    ),
    readiness: z.optional(z.number()),
    stage: z.optional(z.enum(['precontemplation', 'contemplation', 'preparation_action'])),
  }),
});

const outcomeItem = z.object({ enrollmentId: z.string(), id: z.string(), type: z.string(), date: isoDate });

const groupMeetingItem = z.object({ id: z.string(), date: isoDate, attendees: z.array(z.string()) });

export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

function parser<T>(entity: string, schema: z.ZodMiniType<T>): (item: Record<string, unknown>) => T {
  return (item) => {
    const result = schema.safeParse(item);
    if (result.success) return result.data;
    const id = typeof item.id === 'string' ? item.id : '?';
    const fields = [...new Set(result.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new ReportInputError(`stored ${entity} ${id} cannot be read for a report (fields: ${fields})`, {
      cause: result.error,
    });
  };
}

export const parsePeriod: (item: Record<string, unknown>) => PeriodInput = parser('period', periodItem);
export const parseEnrollment: (item: Record<string, unknown>) => EnrollmentInput = parser(
  'enrollment',
  enrollmentItem,
);
export const parseActivity: (item: Record<string, unknown>) => ActivityInput = parser(
  'activity',
  activityItem,
);
export const parseAssessment: (item: Record<string, unknown>) => AssessmentInput = parser(
  'assessment',
  assessmentItem,
);
export const parseOutcome: (item: Record<string, unknown>) => OutcomeInput = parser('outcome', outcomeItem);
export const parseGroupMeeting: (item: Record<string, unknown>) => GroupMeetingInput = parser(
  'group meeting',
  groupMeetingItem,
);
