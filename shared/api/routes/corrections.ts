import { RECORD_WRITERS } from '../../domain/access';
import { defineRoute } from '../route';
import {
  activityParams,
  assessmentParams,
  outcomeParams,
  patchActivityBody,
  patchAssessmentBody,
  patchOutcomeBody,
  voidBody,
  voidedRecord,
} from '../schemas/corrections';
import { activity, assessment, outcome } from '../schemas/records';

/**
 * Corrections: PATCH changes a saved record (re-validated, re-scored, the protocol judged
 * again), DELETE voids it (kept, excluded from protocol state and reports). Both need a reason;
 * the audit keeps the record before and after. Who may correct: who may record that kind.
 */
export const patchActivityRoute = /* @__PURE__ */ defineRoute({
  method: 'PATCH',
  path: '/enrollments/{id}/activities/{activityId}',
  handler: 'records/patch-activity',
  auth: true,
  roles: RECORD_WRITERS.activity,
  table: 'write',
  summary: 'Correct an activity; protocol state and due dates are recomputed.',
  tag: 'records',
  params: activityParams,
  body: patchActivityBody,
  response: { status: 200, schema: activity, description: 'The corrected activity.' },
  errors: [
    'protocol_order',
    'record_voided',
    'enrollment_not_active',
    'date_in_future',
    'date_outside_period',
  ],
});

export const voidActivityRoute = /* @__PURE__ */ defineRoute({
  method: 'DELETE',
  path: '/enrollments/{id}/activities/{activityId}',
  handler: 'records/void-activity',
  auth: true,
  roles: RECORD_WRITERS.activity,
  table: 'write',
  summary: 'Void an activity (kept, out of protocol state and reports); needs a reason.',
  tag: 'records',
  params: activityParams,
  body: voidBody,
  response: { status: 200, schema: voidedRecord, description: 'The activity is void.' },
  errors: ['protocol_order', 'record_voided'],
});

export const patchAssessmentRoute = /* @__PURE__ */ defineRoute({
  method: 'PATCH',
  path: '/enrollments/{id}/assessments/{assessmentId}',
  handler: 'records/patch-assessment',
  auth: true,
  roles: RECORD_WRITERS.assessment,
  table: 'write',
  summary: 'Correct an assessment; the server scores it again.',
  tag: 'records',
  params: assessmentParams,
  body: patchAssessmentBody,
  response: { status: 200, schema: assessment, description: 'The corrected assessment with its scores.' },
  errors: ['record_voided', 'too_many_missing', 'date_in_future', 'date_outside_period'],
});

export const voidAssessmentRoute = /* @__PURE__ */ defineRoute({
  method: 'DELETE',
  path: '/enrollments/{id}/assessments/{assessmentId}',
  handler: 'records/void-assessment',
  auth: true,
  roles: RECORD_WRITERS.assessment,
  table: 'write',
  summary: 'Void an assessment (kept, out of reports); needs a reason.',
  tag: 'records',
  params: assessmentParams,
  body: voidBody,
  response: { status: 200, schema: voidedRecord, description: 'The assessment is void.' },
  errors: ['record_voided'],
});

export const patchOutcomeRoute = /* @__PURE__ */ defineRoute({
  method: 'PATCH',
  path: '/enrollments/{id}/outcomes/{outcomeId}',
  handler: 'records/patch-outcome',
  auth: true,
  roles: RECORD_WRITERS.outcome,
  table: 'write',
  summary: 'Correct an outcome (pk, kasi, admin).',
  tag: 'records',
  params: outcomeParams,
  body: patchOutcomeBody,
  response: { status: 200, schema: outcome, description: 'The corrected outcome.' },
  errors: ['record_voided', 'date_in_future', 'date_outside_period'],
});

export const voidOutcomeRoute = /* @__PURE__ */ defineRoute({
  method: 'DELETE',
  path: '/enrollments/{id}/outcomes/{outcomeId}',
  handler: 'records/void-outcome',
  auth: true,
  roles: RECORD_WRITERS.outcome,
  table: 'write',
  summary: 'Void an outcome (kept, out of reports); needs a reason (pk, kasi, admin).',
  tag: 'records',
  params: outcomeParams,
  body: voidBody,
  response: { status: 200, schema: voidedRecord, description: 'The outcome is void.' },
  errors: ['record_voided'],
});
