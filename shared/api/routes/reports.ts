import { REPORT_MAKERS, REPORT_READERS } from '../../domain/access';
import { defineRoute } from '../route';
import { idParams } from '../schemas/common';
import { reportList, reportListItem, reportParams, reviseReportBody } from '../schemas/reports';

export const createReportRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/periods/{id}/reports',
  handler: 'reports/create-report',
  auth: true,
  roles: REPORT_MAKERS,
  table: 'write',
  reports: ['write', 'read'],
  // A whole report in the request: the most memory and time API Gateway allows (30 s);
  // docs/reports.md gives the period sizes that fit.
  memoryMB: 1024,
  timeoutSeconds: 29,
  summary: 'Make an on-demand outcome report of the period now (kasi of the period, admin). No body.',
  tag: 'reports',
  params: idParams,
  response: { status: 201, schema: reportListItem, description: 'The report record with download URLs.' },
});

export const listReportsRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/periods/{id}/reports',
  handler: 'reports/list-reports',
  auth: true,
  roles: REPORT_READERS,
  table: 'read',
  reports: ['read'],
  summary:
    "List the period's reports with short-lived download URLs (kasi, admin, viewer, pk of the period).",
  tag: 'reports',
  params: idParams,
  response: { status: 200, schema: reportList, description: 'Reports, newest first.' },
});

export const reviseReportRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/periods/{id}/reports/{reportId}/revisions',
  handler: 'reports/revise-report',
  auth: true,
  roles: REPORT_MAKERS,
  table: 'write',
  reports: ['write', 'read'],
  memoryMB: 1024,
  timeoutSeconds: 29,
  summary:
    'Make a revised final report up to today (kasi of the period, admin); the final report it replaces is kept and both are listed.',
  tag: 'reports',
  params: reportParams,
  body: reviseReportBody,
  response: {
    status: 201,
    schema: reportListItem,
    description: 'The revised final report with download URLs.',
  },
  errors: ['report_not_final', 'report_exists'],
});
