import * as z from 'zod/mini';
import {
  ASSESSMENT_PHASES,
  INSTRUMENTS,
  ITEM_COUNTS,
  OUTCOME_TYPES,
  PRESENT_AT_HOME,
  RISK_FACTORS,
  ROLES,
  SUBSTANCES,
  TEST_RESULTS,
} from '../../domain/vocabulary';
import {
  bapasCode,
  component,
  doc,
  freeText,
  intIn,
  isoDate,
  isoDateTime,
  line,
  officeCode,
  ulidId,
  uniqueArray,
} from './common';
import { instrument } from './periods';

// --- activities ----------------------------------------------------------------------------

export const homeVisitFields = {
  type: z.literal('home_visit'),
  date: isoDate,
  present: doc(uniqueArray(z.enum(PRESENT_AT_HOME), { min: 1 }), 'Who was at home.'),
  livingSituation: freeText(1000),
  familySupport: doc(intIn(1, 5), '1 (none) .. 5 (strong).'),
  riskFactors: uniqueArray(z.enum(RISK_FACTORS)),
  findings: freeText(5000),
  followUp: z.optional(freeText(2000)),
};

const urineResults = z
  .partialRecord(z.enum(SUBSTANCES), z.enum(TEST_RESULTS))
  .check(z.refine((r) => Object.keys(r).length > 0, 'Isi minimal satu hasil zat.'));

export const urineTestFields = {
  type: z.literal('urine_test'),
  date: isoDate,
  results: urineResults,
  specimenId: z.optional(line(64)),
};

export const counselingFields = {
  type: z.literal('counseling'),
  date: isoDate,
  counselor: line(200),
  topic: line(500),
  durationMinutes: intIn(1, 600),
};

export const createActivityBody = component(
  z.discriminatedUnion('type', [
    z.strictObject(homeVisitFields),
    z.strictObject(urineTestFields),
    z.strictObject(counselingFields),
  ]),
  'CreateActivity',
  'Group meetings are recorded with POST /periods/{id}/group-meetings.',
);
export type CreateActivityBody = z.infer<typeof createActivityBody>;

/** Who recorded a record: role and office, never the person. */
const recordedBy = z.object({ role: z.enum(ROLES), office: officeCode });

/** Fields every record on an enrollment carries in responses. */
const recordMeta = {
  id: ulidId,
  enrollmentId: ulidId,
  office: bapasCode,
  recordedBy,
  createdAt: isoDateTime,
};

/**
 * Activities in the API's responses. Free text (findings, names of counsellors, topics) is
 * absent for viewers, so those fields are optional here.
 */
export const homeVisitRecord = z.object({
  ...recordMeta,
  type: z.literal('home_visit'),
  date: isoDate,
  present: z.array(z.enum(PRESENT_AT_HOME)),
  livingSituation: z.optional(z.string()),
  familySupport: z.int(),
  riskFactors: z.array(z.enum(RISK_FACTORS)),
  findings: z.optional(z.string()),
  followUp: z.optional(z.string()),
});
export const urineTestRecord = z.object({
  ...recordMeta,
  type: z.literal('urine_test'),
  date: isoDate,
  results: z.partialRecord(z.enum(SUBSTANCES), z.enum(TEST_RESULTS)),
  specimenId: z.optional(z.string()),
  positive: doc(z.boolean(), 'True when any result is positive.'),
});
export const counselingRecord = z.object({
  ...recordMeta,
  type: z.literal('counseling'),
  date: isoDate,
  counselor: z.optional(z.string()),
  topic: z.optional(z.string()),
  durationMinutes: z.int(),
});

export const activity = component(
  z.discriminatedUnion('type', [homeVisitRecord, urineTestRecord, counselingRecord]),
  'Activity',
);

// --- group meetings ------------------------------------------------------------------------

export const createGroupMeetingBody = component(
  z.strictObject({
    date: isoDate,
    topic: line(500),
    facilitator: z.optional(line(200)),
    attendees: doc(
      uniqueArray(ulidId, { min: 1, max: 90 }, 'Peserta tidak boleh berulang.'),
      'Enrollment ids.',
    ),
  }),
  'CreateGroupMeeting',
);
export type CreateGroupMeetingBody = z.infer<typeof createGroupMeetingBody>;

export const groupMeeting = component(
  z.object({
    id: ulidId,
    periodId: ulidId,
    date: isoDate,
    topic: z.string(),
    facilitator: z.optional(z.string()),
    attendees: z.array(ulidId),
    recordedBy,
    createdAt: isoDateTime,
  }),
  'GroupMeeting',
);

// --- assessments ---------------------------------------------------------------------------

export const createAssessmentBody = component(
  z
    .strictObject({
      instrument,
      phase: z.enum(ASSESSMENT_PHASES),
      date: isoDate,
      responses: z.array(z.nullable(intIn(1, 5))),
    })
    .check(
      z.superRefine((v, ctx) => {
        const expected = ITEM_COUNTS[v.instrument];
        if (v.responses.length !== expected) {
          ctx.addIssue({
            code: 'custom',
            path: ['responses'],
            message: `Harus tepat ${expected} jawaban untuk ${v.instrument} (diterima ${v.responses.length}).`,
          });
        }
      }),
    ),
  'CreateAssessment',
  'responses: 26 (WHOQOL-BREF) or 32 (URICA) values 1..5 or null.',
);
export type CreateAssessmentBody = z.infer<typeof createAssessmentBody>;

const domainScore = z.nullable(z.object({ score4to20: z.number(), score0to100: z.number() }));
export const whoqolBrefScores = component(
  z.object({
    overallQol: z.nullable(z.int()),
    generalHealth: z.nullable(z.int()),
    domains: z.object({
      physical: domainScore,
      psychological: domainScore,
      social: domainScore,
      environment: domainScore,
    }),
  }),
  'WhoqolBrefScores',
  'Domain scores 4-20 and 0-100 (6 decimals); null below the minimum answered items (docs/instruments.md).',
);
export const uricaScores = component(
  z.object({
    precontemplation: z.number(),
    contemplation: z.number(),
    action: z.number(),
    maintenance: z.number(),
    readiness: z.number(),
    stage: z.enum(['precontemplation', 'contemplation', 'preparation_action']),
  }),
  'UricaScores',
  'Subscale means, readiness and stage (6 decimals; docs/instruments.md).',
);

const assessmentMeta = {
  ...recordMeta,
  phase: z.enum(ASSESSMENT_PHASES),
  date: isoDate,
  responses: z.array(z.nullable(z.int())),
};
export const whoqolBrefAssessment = z.object({
  ...assessmentMeta,
  instrument: z.literal(INSTRUMENTS[0]),
  scores: whoqolBrefScores,
});
export const uricaAssessment = z.object({
  ...assessmentMeta,
  instrument: z.literal(INSTRUMENTS[1]),
  scores: uricaScores,
});
export const assessment = component(
  z.discriminatedUnion('instrument', [whoqolBrefAssessment, uricaAssessment]),
  'Assessment',
);

// --- outcomes ------------------------------------------------------------------------------

export const createOutcomeBody = component(
  z.strictObject({ type: z.enum(OUTCOME_TYPES), date: isoDate, note: z.optional(freeText(2000)) }),
  'CreateOutcome',
);
export type CreateOutcomeBody = z.infer<typeof createOutcomeBody>;

export const outcomeRecord = z.object({
  ...recordMeta,
  type: z.enum(OUTCOME_TYPES),
  date: isoDate,
  note: z.optional(doc(z.string(), 'Absent for viewers.')),
});
export const outcome = component(outcomeRecord, 'Outcome');
