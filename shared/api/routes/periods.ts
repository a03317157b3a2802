import { PERIOD_MANAGERS } from '../../domain/access';
import { defineRoute } from '../route';
import { idParams, officePageQuery, page } from '../schemas/common';
import { createPeriodBody, period } from '../schemas/periods';

export const createPeriodRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/periods',
  handler: 'periods/create-period',
  auth: true,
  roles: PERIOD_MANAGERS,
  table: 'write',
  summary: 'Create a program period (kasi: own office only; admin).',
  tag: 'periods',
  body: createPeriodBody,
  response: { status: 201, schema: period, description: 'Period created.' },
  errors: ['period_in_past'],
});

export const listPeriodsRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/periods',
  handler: 'periods/list-periods',
  auth: true,
  table: 'read',
  summary: 'List periods, newest first (pk, kasi: their office).',
  tag: 'periods',
  query: officePageQuery,
  response: { status: 200, schema: page(period), description: 'One page of periods.' },
});

export const getPeriodRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/periods/{id}',
  handler: 'periods/get-period',
  auth: true,
  table: 'read',
  summary: 'Read a period with capacity and enrolledCount.',
  tag: 'periods',
  params: idParams,
  response: { status: 200, schema: period, description: 'The period.' },
});

export const closePeriodRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/periods/{id}/close',
  handler: 'periods/close-period',
  auth: true,
  roles: PERIOD_MANAGERS,
  table: 'write',
  // Closing an ended (historical) period makes its final report in the request: report
  // files are written, and the memory and time an on-demand report gets.
  reports: ['write'],
  memoryMB: 1024,
  timeoutSeconds: 29,
  summary:
    'Close a period to new enrollments (kasi, admin). Closing a historical period that has ended also makes its final report. No body.',
  tag: 'periods',
  params: idParams,
  response: { status: 200, schema: period, description: 'The closed period.' },
  errors: ['period_closed', 'report_exists'],
});
