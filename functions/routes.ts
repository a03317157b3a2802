import type { z } from 'zod';
import {
  activity,
  assessment,
  auditEntry,
  auditQuery,
  client,
  clientListQuery,
  createActivityBody,
  createAssessmentBody,
  createClientBody,
  createEnrollmentBody,
  createGroupMeetingBody,
  createOutcomeBody,
  createPeriodBody,
  dueList,
  dueQuery,
  enrollment,
  enrollmentDetail,
  enrollmentListItem,
  groupMeeting,
  idParams,
  officePageQuery,
  outcome,
  page,
  patchClientBody,
  patchEnrollmentBody,
  period,
  reportList,
  reportListItem,
} from '../shared/api/schemas';

/**
 * The route table: the one list of the API's routes. The local server (scripts/local) routes
 * with it, the CDK stack (infra/) makes one Lambda function per entry from it, and
 * GET /openapi.json documents it. A route's `handler` is its file under functions/.
 */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  handler: string;
  /** false only for GET /health and GET /openapi.json. */
  auth: boolean;
  /** What the function needs of the table, for least-privilege grants. */
  table: 'none' | 'read' | 'write';
  /** What it needs of the report bucket: read (presigned downloads), write (report files). */
  reports?: ReadonlyArray<'read' | 'write'>;
  /**
   * What it needs of the province's Cognito user pool (officer administration): read lists
   * and reads officers; write also invites, edits, disables and signs them out. The stack
   * grants exactly that on the pool and sets USER_POOL_ID.
   */
  directory?: 'read' | 'write';
  /** Lambda sizing when the default (512 MB, 10 s) is not enough; at most 29 s behind the API. */
  memoryMB?: number;
  timeoutSeconds?: number;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: { status: number; schema?: z.ZodType; description: string };
  /** Error codes beyond the common ones (401/403/404/400), for the documentation. */
  errors?: Array<{ status: number; code: string }>;
}

export const routes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/health',
    handler: 'system/get-health',
    auth: false,
    table: 'none',
    summary: 'Liveness check (no authentication).',
    tag: 'system',
    response: { status: 200, description: 'Service is up.' },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'system/get-openapi',
    auth: false,
    table: 'none',
    summary: 'This OpenAPI 3.1 document (no authentication).',
    tag: 'system',
    response: { status: 200, description: 'OpenAPI document.' },
  },
  {
    method: 'POST',
    path: '/clients',
    handler: 'clients/create-client',
    auth: true,
    table: 'write',
    summary: 'Register a client (pk, kasi: own office; admin).',
    tag: 'clients',
    body: createClientBody,
    response: { status: 201, schema: client, description: 'Client created.' },
    errors: [{ status: 409, code: 'duplicate_registration' }],
  },
  {
    method: 'GET',
    path: '/clients',
    handler: 'clients/list-clients',
    auth: true,
    table: 'read',
    summary:
      'List the clients of an office, or find one by registration number (konselor: enrolled clients only).',
    tag: 'clients',
    query: clientListQuery,
    response: { status: 200, schema: page(client), description: 'One page of clients.' },
  },
  {
    method: 'GET',
    path: '/clients/{id}',
    handler: 'clients/get-client',
    auth: true,
    table: 'read',
    summary: 'Read a client (NIK masked).',
    tag: 'clients',
    params: idParams,
    response: { status: 200, schema: client, description: 'The client.' },
  },
  {
    method: 'PATCH',
    path: '/clients/{id}',
    handler: 'clients/patch-client',
    auth: true,
    table: 'write',
    summary: 'Change a client (null clears an optional field; office cannot change).',
    tag: 'clients',
    params: idParams,
    body: patchClientBody,
    response: { status: 200, schema: client, description: 'The updated client.' },
    errors: [
      { status: 409, code: 'duplicate_registration' },
      { status: 409, code: 'concurrent_update' },
    ],
  },
  {
    method: 'POST',
    path: '/periods',
    handler: 'periods/create-period',
    auth: true,
    table: 'write',
    summary: 'Create a program period (kasi: own office only; admin).',
    tag: 'periods',
    body: createPeriodBody,
    response: { status: 201, schema: period, description: 'Period created.' },
    errors: [{ status: 422, code: 'period_in_past' }],
  },
  {
    method: 'GET',
    path: '/periods',
    handler: 'periods/list-periods',
    auth: true,
    table: 'read',
    summary: 'List periods, newest first (pk, kasi: their office).',
    tag: 'periods',
    query: officePageQuery,
    response: { status: 200, schema: page(period), description: 'One page of periods.' },
  },
  {
    method: 'GET',
    path: '/periods/{id}',
    handler: 'periods/get-period',
    auth: true,
    table: 'read',
    summary: 'Read a period with capacity and enrolledCount.',
    tag: 'periods',
    params: idParams,
    response: { status: 200, schema: period, description: 'The period.' },
  },
  {
    method: 'POST',
    path: '/periods/{id}/close',
    handler: 'periods/close-period',
    auth: true,
    table: 'write',
    summary: 'Close a period to new enrollments before its end date (kasi, admin).',
    tag: 'periods',
    params: idParams,
    response: { status: 200, schema: period, description: 'The closed period.' },
    errors: [{ status: 409, code: 'period_closed' }],
  },
  {
    method: 'POST',
    path: '/periods/{id}/enrollments',
    handler: 'enrollments/create-enrollment',
    auth: true,
    table: 'write',
    summary: 'Enroll a client in a period (pk, kasi: own office; admin).',
    tag: 'enrollments',
    params: idParams,
    body: createEnrollmentBody,
    response: { status: 201, schema: enrollment, description: 'Enrollment created.' },
    errors: [
      { status: 409, code: 'capacity_reached' },
      { status: 409, code: 'already_enrolled' },
      { status: 409, code: 'period_closed' },
      { status: 409, code: 'office_not_in_period' },
      { status: 422, code: 'date_outside_period' },
    ],
  },
  {
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
  },
  {
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
  },
  {
    method: 'PATCH',
    path: '/enrollments/{id}',
    handler: 'enrollments/patch-enrollment',
    auth: true,
    table: 'write',
    summary: 'End an active enrollment: completed, dropped_out or transferred (pk, kasi, admin).',
    tag: 'enrollments',
    params: idParams,
    body: patchEnrollmentBody,
    response: { status: 200, schema: enrollment, description: 'The enrollment with its new status.' },
    errors: [
      { status: 409, code: 'invalid_transition' },
      { status: 422, code: 'date_in_future' },
      { status: 422, code: 'date_outside_period' },
    ],
  },
  {
    method: 'GET',
    path: '/periods/{id}/due',
    handler: 'enrollments/list-due',
    auth: true,
    table: 'read',
    summary: 'Worklist: activities due or overdue before a date, per enrollment in scope.',
    tag: 'enrollments',
    params: idParams,
    query: dueQuery,
    response: { status: 200, schema: dueList, description: 'Due and overdue activities.' },
  },
  {
    method: 'POST',
    path: '/enrollments/{id}/activities',
    handler: 'records/create-activity',
    auth: true,
    table: 'write',
    summary: 'Record a home visit, urine test or counselling session, in protocol order.',
    tag: 'records',
    params: idParams,
    body: createActivityBody,
    response: { status: 201, schema: activity, description: 'Activity recorded.' },
    errors: [
      { status: 409, code: 'protocol_order' },
      { status: 409, code: 'enrollment_not_active' },
      { status: 422, code: 'date_in_future' },
      { status: 422, code: 'date_outside_period' },
    ],
  },
  {
    method: 'POST',
    path: '/periods/{id}/group-meetings',
    handler: 'records/create-group-meeting',
    auth: true,
    table: 'write',
    summary: 'Record a group meeting and its attendance (all attendees or none).',
    tag: 'records',
    params: idParams,
    body: createGroupMeetingBody,
    response: { status: 201, schema: groupMeeting, description: 'Group meeting recorded.' },
    errors: [
      { status: 409, code: 'protocol_order' },
      { status: 409, code: 'enrollment_not_active' },
      { status: 422, code: 'date_in_future' },
      { status: 422, code: 'date_outside_period' },
    ],
  },
  {
    method: 'POST',
    path: '/enrollments/{id}/assessments',
    handler: 'records/create-assessment',
    auth: true,
    table: 'write',
    summary: 'Record a WHOQOL-BREF or URICA assessment; the server computes the scores.',
    tag: 'records',
    params: idParams,
    body: createAssessmentBody,
    response: { status: 201, schema: assessment, description: 'Assessment recorded with its scores.' },
    errors: [
      { status: 409, code: 'instrument_not_in_period' },
      { status: 422, code: 'too_many_missing' },
      { status: 422, code: 'date_in_future' },
    ],
  },
  {
    method: 'POST',
    path: '/enrollments/{id}/outcomes',
    handler: 'records/create-outcome',
    auth: true,
    table: 'write',
    summary: 'Record a relapse, re-offence, re-arrest or parole revocation (pk, kasi, admin).',
    tag: 'records',
    params: idParams,
    body: createOutcomeBody,
    response: { status: 201, schema: outcome, description: 'Outcome recorded.' },
    errors: [{ status: 422, code: 'date_in_future' }],
  },
  {
    method: 'POST',
    path: '/periods/{id}/reports',
    handler: 'reports/create-report',
    auth: true,
    table: 'write',
    reports: ['write', 'read'],
    // A whole report in the request: as much memory and time as API Gateway allows (30 s);
    // docs/reports.md gives the period sizes that fit.
    memoryMB: 1024,
    timeoutSeconds: 29,
    summary: 'Make an on-demand outcome report of the period now (kasi of the period, admin).',
    tag: 'reports',
    params: idParams,
    response: { status: 201, schema: reportListItem, description: 'The report record with download URLs.' },
  },
  {
    method: 'GET',
    path: '/periods/{id}/reports',
    handler: 'reports/list-reports',
    auth: true,
    table: 'read',
    reports: ['read'],
    summary:
      "List the period's reports with short-lived download URLs (kasi, admin, viewer, pk of the period).",
    tag: 'reports',
    params: idParams,
    response: { status: 200, schema: reportList, description: 'Reports, newest first.' },
  },
  {
    method: 'GET',
    path: '/audit',
    handler: 'audit/list-audit',
    auth: true,
    table: 'read',
    summary: 'The audit trail of one record, newest first (admin).',
    tag: 'audit',
    query: auditQuery,
    response: { status: 200, schema: page(auditEntry), description: 'One page of audit entries.' },
  },
];

/** Handler of requests that match no route: 404, or 405 when the path exists. */
export const FALLBACK_HANDLER = 'system/fallback';

const compiled = routes.map((r) => ({
  route: r,
  pattern: new RegExp(
    `^${r.path
      .split(/(\{\w+\})/)
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        return param ? `(?<${param[1]}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('')}$`,
  ),
}));

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export interface RouteMatch {
  route: RouteDefinition;
  pathParameters: Record<string, string>;
}

/** Finds the route for a request; `allowed` lists the methods of a path that exists. */
export function matchRoute(method: string, path: string): { match?: RouteMatch; allowed: string[] } {
  const allowed: string[] = [];
  for (const { route, pattern } of compiled) {
    const m = pattern.exec(path);
    if (!m) continue;
    if (route.method === method.toUpperCase()) {
      const pathParameters: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) {
        const decoded = safeDecode(v);
        // Malformed percent-encoding names no resource: treat as no route (404).
        if (decoded === undefined) return { allowed: [] };
        pathParameters[k] = decoded;
      }
      return { match: { route, pathParameters }, allowed: [route.method] };
    }
    allowed.push(route.method);
  }
  return { allowed };
}
