import { RECORD_WRITERS } from '../../domain/access';
import { defineRoute } from '../route';
import { idParams } from '../schemas/common';
import {
  activity,
  assessment,
  createActivityBody,
  createAssessmentBody,
  createGroupMeetingBody,
  createOutcomeBody,
  groupMeeting,
  outcome,
} from '../schemas/records';

export const createActivityRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/enrollments/{id}/activities',
  handler: 'records/create-activity',
  auth: true,
  roles: RECORD_WRITERS.activity,
  table: 'write',
  summary: 'Record a home visit, urine test or counselling session, in protocol order.',
  tag: 'records',
  params: idParams,
  body: createActivityBody,
  response: { status: 201, schema: activity, description: 'Activity recorded.' },
  errors: ['protocol_order', 'enrollment_not_active', 'date_in_future', 'date_outside_period'],
});

export const createGroupMeetingRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/periods/{id}/group-meetings',
  handler: 'records/create-group-meeting',
  auth: true,
  roles: RECORD_WRITERS.activity,
  table: 'write',
  summary: 'Record a group meeting and its attendance (all attendees or none).',
  tag: 'records',
  params: idParams,
  body: createGroupMeetingBody,
  response: { status: 201, schema: groupMeeting, description: 'Group meeting recorded.' },
  errors: ['protocol_order', 'enrollment_not_active', 'date_in_future', 'date_outside_period'],
});

export const createAssessmentRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/enrollments/{id}/assessments',
  handler: 'records/create-assessment',
  auth: true,
  roles: RECORD_WRITERS.assessment,
  table: 'write',
  summary: 'Record a WHOQOL-BREF or URICA assessment; the server computes the scores.',
  tag: 'records',
  params: idParams,
  body: createAssessmentBody,
  response: { status: 201, schema: assessment, description: 'Assessment recorded with its scores.' },
  errors: ['instrument_not_in_period', 'too_many_missing', 'date_in_future'],
});

export const createOutcomeRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/enrollments/{id}/outcomes',
  handler: 'records/create-outcome',
  auth: true,
  roles: RECORD_WRITERS.outcome,
  table: 'write',
  summary: 'Record a relapse, re-offence, re-arrest or parole revocation (pk, kasi, admin).',
  tag: 'records',
  params: idParams,
  body: createOutcomeBody,
  response: { status: 201, schema: outcome, description: 'Outcome recorded.' },
  errors: ['date_in_future'],
});
