import * as z from 'zod/mini';
import { ASSESSMENT_PHASES, OUTCOME_TYPES, ROLES } from '../../domain/vocabulary';
import { component, doc, freeText, isoDateTime, line, ulidId } from './common';
import { counselingFields, homeVisitFields, urineTestFields } from './records';

/**
 * Corrections of saved records (docs/api.md, "Corrections"). A PATCH sends the fields to
 * change and a reason; the server merges them into the stored record and judges the result
 * with a new entry's schema and rules (re-validated, re-scored, protocol re-judged).
 * A DELETE voids the record: it is kept, out of the protocol state and the reports.
 */
const reason = doc(line(500), 'Why the record is corrected (kept in the audit trail).');

/** The path of a correction: the enrollment and the record, named by its kind (issue contract). */
export const activityParams = z.strictObject({ id: ulidId, activityId: ulidId });
export const assessmentParams = z.strictObject({ id: ulidId, assessmentId: ulidId });
export const outcomeParams = z.strictObject({ id: ulidId, outcomeId: ulidId });

/** Any field of a home visit, urine test or counselling but its type; null clears an optional one. */
const { type: _hv, ...homeVisit } = homeVisitFields;
const { type: _ut, ...urineTest } = urineTestFields;
const { type: _co, ...counseling } = counselingFields;
const activityFields = { ...homeVisit, ...urineTest, ...counseling };

export const patchActivityBody = component(
  z.strictObject({
    reason,
    date: z.optional(activityFields.date),
    present: z.optional(activityFields.present),
    livingSituation: z.optional(activityFields.livingSituation),
    familySupport: z.optional(activityFields.familySupport),
    riskFactors: z.optional(activityFields.riskFactors),
    findings: z.optional(activityFields.findings),
    followUp: z.optional(z.nullable(freeText(2000))),
    results: z.optional(activityFields.results),
    specimenId: z.optional(z.nullable(line(64))),
    counselor: z.optional(activityFields.counselor),
    topic: z.optional(activityFields.topic),
    durationMinutes: z.optional(activityFields.durationMinutes),
  }),
  'PatchActivity',
  'The fields to change (those of the activity type only; the type itself cannot change) and a reason.',
);
export type PatchActivityBody = z.infer<typeof patchActivityBody>;

export const patchAssessmentBody = component(
  z.strictObject({
    reason,
    phase: z.optional(z.enum(ASSESSMENT_PHASES)),
    date: z.optional(activityFields.date),
    responses: z.optional(z.array(z.nullable(z.int().check(z.gte(1), z.lte(5))))),
  }),
  'PatchAssessment',
  'Phase, date or all responses (26 or 32, by instrument); the server scores again.',
);
export type PatchAssessmentBody = z.infer<typeof patchAssessmentBody>;

export const patchOutcomeBody = component(
  z.strictObject({
    reason,
    type: z.optional(z.enum(OUTCOME_TYPES)),
    date: z.optional(activityFields.date),
    note: z.optional(z.nullable(freeText(2000))),
  }),
  'PatchOutcome',
);
export type PatchOutcomeBody = z.infer<typeof patchOutcomeBody>;

export const voidBody = component(z.strictObject({ reason }), 'VoidRecord');

export const voidedRecord = component(
  z.object({
    id: ulidId,
    enrollmentId: ulidId,
    kind: z.enum(['activity', 'assessment', 'outcome']),
    voided: z.object({
      at: isoDateTime,
      reason: z.string(),
      by: z.object({ role: z.enum(ROLES), office: z.string() }),
    }),
  }),
  'VoidedRecord',
  'The record is kept, out of the protocol state, the timeline and the reports.',
);
