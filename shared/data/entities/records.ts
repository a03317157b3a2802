import * as z from 'zod/mini';
import { config } from '../../config';
import {
  ASSESSMENT_PHASES,
  OUTCOME_TYPES,
  PRESENT_AT_HOME,
  RISK_FACTORS,
  ROLES,
  SUBSTANCES,
  TEST_RESULTS,
} from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys } from '../keys';
import { forEachPage, type Item, queryPartition } from '../read';
import { putNew, type TxPart } from '../write';
import { type EnrollmentRecord, enrollmentFromItem } from './enrollment';

/**
 * Records of an enrollment (activities, assessments, outcomes) live in the enrollment's
 * partition, so its timeline is one Query; gsi1 also files them under the period for the
 * period-end reports.
 */
const who = z.object({ role: z.enum(ROLES), office: z.string() });
/** A voided record (DELETE with a reason): kept, out of the protocol state and the reports. */
const voided = z.object({ at: z.string(), reason: z.string(), by: who });
export type VoidMark = z.output<typeof voided>;

const recordMeta = {
  id: z.string(),
  enrollmentId: z.string(),
  periodId: z.string(),
  office: z.string(),
  recordedBy: who,
  date: z.string(),
  createdAt: z.string(),
  /** Set by a correction (PATCH); also the record's optimistic version. */
  updatedAt: z.optional(z.string()),
  voided: z.optional(voided),
};

const homeVisit = z.object({
  ...recordMeta,
  type: z.literal('home_visit'),
  present: z.array(z.enum(PRESENT_AT_HOME)),
  livingSituation: z.string(),
  familySupport: z.number(),
  riskFactors: z.array(z.enum(RISK_FACTORS)),
  findings: z.string(),
  followUp: z.optional(z.string()),
});
const urineTest = z.object({
  ...recordMeta,
  type: z.literal('urine_test'),
  results: z.partialRecord(z.enum(SUBSTANCES), z.enum(TEST_RESULTS)),
  specimenId: z.optional(z.string()),
  positive: z.boolean(),
});
const counseling = z.object({
  ...recordMeta,
  type: z.literal('counseling'),
  counselor: z.string(),
  topic: z.string(),
  durationMinutes: z.number(),
});
const storedActivity = z.discriminatedUnion('type', [homeVisit, urineTest, counseling]);
export type ActivityRecord = z.output<typeof storedActivity>;

const domainScore = z.nullable(z.object({ score4to20: z.number(), score0to100: z.number() }));
const assessmentMeta = {
  ...recordMeta,
  phase: z.enum(ASSESSMENT_PHASES),
  responses: z.array(z.nullable(z.number())),
};
const storedAssessment = z.discriminatedUnion('instrument', [
  z.object({
    ...assessmentMeta,
    instrument: z.literal('whoqol-bref'),
    scores: z.object({
      overallQol: z.nullable(z.number()),
      generalHealth: z.nullable(z.number()),
      domains: z.object({
        physical: domainScore,
        psychological: domainScore,
        social: domainScore,
        environment: domainScore,
      }),
    }),
  }),
  z.object({
    ...assessmentMeta,
    instrument: z.literal('urica'),
    scores: z.object({
      precontemplation: z.number(),
      contemplation: z.number(),
      action: z.number(),
      maintenance: z.number(),
      readiness: z.number(),
      stage: z.enum(['precontemplation', 'contemplation', 'preparation_action']),
    }),
  }),
]);
export type AssessmentRecord = z.output<typeof storedAssessment>;

const storedOutcome = z.object({ ...recordMeta, type: z.enum(OUTCOME_TYPES), note: z.optional(z.string()) });
export type OutcomeRecord = z.output<typeof storedOutcome>;

export type EnrollmentRecordItem =
  | { kind: 'activity'; record: ActivityRecord }
  | { kind: 'assessment'; record: AssessmentRecord }
  | { kind: 'outcome'; record: OutcomeRecord };

export function activityFromItem(item: Item): ActivityRecord {
  return parseItem(storedActivity, item, 'activity');
}
export function assessmentFromItem(item: Item): AssessmentRecord {
  return parseItem(storedAssessment, item, 'assessment');
}
export function outcomeFromItem(item: Item): OutcomeRecord {
  return parseItem(storedOutcome, item, 'outcome');
}

function recordItem(
  kind: 'ACTIVITY' | 'ASSESSMENT' | 'OUTCOME',
  r: { id: string; enrollmentId: string; periodId: string; date: string },
) {
  const key =
    kind === 'ACTIVITY'
      ? keys.activity(r.enrollmentId, r.date, r.id)
      : kind === 'ASSESSMENT'
        ? keys.assessment(r.enrollmentId, r.date, r.id)
        : keys.outcome(r.enrollmentId, r.date, r.id);
  return { ...key, ...keys.recordInPeriod(r.periodId, kind, r.date, r.id) };
}

export const putNewActivity = (a: ActivityRecord): TxPart =>
  putNew('activityIsNew', { ...recordItem('ACTIVITY', a), entityType: 'activity', ...a });
export const putNewAssessment = (a: AssessmentRecord): TxPart =>
  putNew('assessmentIsNew', { ...recordItem('ASSESSMENT', a), entityType: 'assessment', ...a });
export const putNewOutcome = (o: OutcomeRecord): TxPart =>
  putNew('outcomeIsNew', { ...recordItem('OUTCOME', o), entityType: 'outcome', ...o });

/** The enrollment and every live (not voided) record in its partition, in one Query (paged). */
export async function enrollmentWithRecords(
  enrollmentId: string,
  options: { consistent?: boolean; includeVoided?: boolean } = {},
): Promise<{ enrollment: EnrollmentRecord | undefined; records: EnrollmentRecordItem[] }> {
  let enrollment: EnrollmentRecord | undefined;
  const records: EnrollmentRecordItem[] = [];
  await forEachPage(
    (cursor) =>
      queryPartition({
        pk: keys.enrollmentPartition(enrollmentId),
        limit: 500,
        cursor,
        consistent: options.consistent,
      }),
    (items) => {
      for (const item of items) {
        if (item.entityType === 'enrollment') {
          enrollment = enrollmentFromItem(item);
          continue;
        }
        if (item.voided !== undefined && !options.includeVoided) continue;
        if (item.entityType === 'activity')
          records.push({ kind: 'activity', record: activityFromItem(item) });
        else if (item.entityType === 'assessment')
          records.push({ kind: 'assessment', record: assessmentFromItem(item) });
        else if (item.entityType === 'outcome')
          records.push({ kind: 'outcome', record: outcomeFromItem(item) });
      }
    },
  );
  return { enrollment, records };
}

// --- corrections ---------------------------------------------------------------------------

export type RecordKind = EnrollmentRecordItem['kind'];
type AnyRecord = ActivityRecord | AssessmentRecord | OutcomeRecord;

const KIND_KEY = { activity: 'ACTIVITY', assessment: 'ASSESSMENT', outcome: 'OUTCOME' } as const;
const ENTITY_TYPE = { activity: 'activity', assessment: 'assessment', outcome: 'outcome' } as const;

function itemOf(kind: RecordKind, r: AnyRecord) {
  return { ...recordItem(KIND_KEY[kind], r), entityType: ENTITY_TYPE[kind], ...r };
}

/** The record is unchanged since read: there, not voided, not corrected since (its updatedAt). */
function unchangedSinceRead(r: AnyRecord) {
  return r.updatedAt === undefined
    ? {
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(voided) AND attribute_not_exists(updatedAt)',
      }
    : {
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(voided) AND updatedAt = :read',
        ExpressionAttributeValues: { ':read': r.updatedAt },
      };
}

/**
 * A corrected record in place of the one read. Its date is part of its key (records sort by
 * date in the enrollment's partition), so a new date moves the item: the old key is deleted
 * and the new one written, both in the correction's transaction.
 */
export function replaceRecord(kind: RecordKind, before: AnyRecord, after: AnyRecord): TxPart[] {
  const table = config().tableName;
  if (before.date === after.date) {
    return [
      {
        name: 'recordUnchangedSinceRead',
        item: { Put: { TableName: table, Item: itemOf(kind, after), ...unchangedSinceRead(before) } },
      },
    ];
  }
  return [
    {
      name: 'recordUnchangedSinceRead',
      item: { Delete: { TableName: table, Key: keyOf(kind, before), ...unchangedSinceRead(before) } },
    },
    putNew('correctedRecordIsNew', itemOf(kind, after)),
  ];
}

/**
 * Voids a record: it stays in the enrollment's partition with the mark (who, when, why), and
 * leaves the period's record index (gsi1), so no report reads it again.
 */
export function voidRecord(kind: RecordKind, record: AnyRecord, mark: VoidMark): TxPart {
  const condition = unchangedSinceRead(record);
  return {
    name: 'recordUnchangedSinceRead',
    item: {
      Update: {
        TableName: config().tableName,
        Key: keyOf(kind, record),
        UpdateExpression: 'SET voided = :voided REMOVE gsi1pk, gsi1sk',
        ConditionExpression: condition.ConditionExpression,
        ExpressionAttributeValues: { ...(condition.ExpressionAttributeValues ?? {}), ':voided': mark },
      },
    },
  };
}

function keyOf(kind: RecordKind, r: AnyRecord) {
  const { pk, sk } = recordItem(KIND_KEY[kind], r);
  return { pk, sk };
}
