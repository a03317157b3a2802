import { ENROLLMENT_WRITERS, RECORD_WRITERS } from '../../domain/access';
import { defineRoute } from '../route';
import { idParams, officePageQuery, page } from '../schemas/common';
import {
  createEnrollmentBody,
  dueList,
  dueQuery,
  enrollment,
  enrollmentDetail,
  enrollmentListItem,
  patchEnrollmentBody,
} from '../schemas/enrollments';

export const createEnrollmentRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/periods/{id}/enrollments',
  handler: 'enrollments/create-enrollment',
  auth: true,
  roles: ENROLLMENT_WRITERS,
  table: 'write',
  summary: 'Enroll a client in a period (pk, kasi: own office; admin).',
  tag: 'enrollments',
  params: idParams,
  body: createEnrollmentBody,
  response: { status: 201, schema: enrollment, description: 'Enrollment created.' },
  errors: [
    'capacity_reached',
    'already_enrolled',
    'period_closed',
    'office_not_in_period',
    'date_outside_period',
  ],
});

export const listPeriodEnrollmentsRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/periods/{id}/enrollments',
  handler: 'enrollments/list-period-enrollments',
  auth: true,
  table: 'read',
  summary: 'List the enrollments of a period (pk, kasi: their office).',
  tag: 'enrollments',
  params: idParams,
  query: officePageQuery,
  response: { status: 200, schema: page(enrollmentListItem), description: 'One page of enrollments.' },
});

export const getEnrollmentRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/enrollments/{id}',
  handler: 'enrollments/get-enrollment',
  auth: true,
  table: 'read',
  summary: 'Read an enrollment with its timeline and protocol progress.',
  tag: 'enrollments',
  params: idParams,
  response: {
    status: 200,
    schema: enrollmentDetail,
    description: 'The enrollment, its timeline and protocol.',
  },
});

export const patchEnrollmentRoute = /* @__PURE__ */ defineRoute({
  method: 'PATCH',
  path: '/enrollments/{id}',
  handler: 'enrollments/patch-enrollment',
  auth: true,
  roles: RECORD_WRITERS.status,
  table: 'write',
  summary: 'End an active enrollment: completed, dropped_out or transferred (pk, kasi, admin).',
  tag: 'enrollments',
  params: idParams,
  body: patchEnrollmentBody,
  response: { status: 200, schema: enrollment, description: 'The enrollment with its new status.' },
  errors: ['invalid_transition', 'date_in_future', 'date_outside_period'],
});

export const listDueRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/periods/{id}/due',
  handler: 'enrollments/list-due',
  auth: true,
  table: 'read',
  summary: "A period's due list: activities and assessments due or overdue before a date, in scope.",
  tag: 'enrollments',
  params: idParams,
  query: dueQuery,
  response: { status: 200, schema: dueList, description: 'Due and overdue activities.' },
});
