import { COMPARISON_MAKERS, REPORT_READERS } from '../../domain/access';
import { defineRoute } from '../route';
import {
  comparison,
  comparisonList,
  comparisonListQuery,
  createComparisonBody,
} from '../schemas/comparisons';

export const createComparisonRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/comparisons',
  handler: 'comparisons/create-comparison',
  auth: true,
  roles: COMPARISON_MAKERS,
  table: 'write',
  reports: ['write', 'read'],
  // Up to six periods folded in one request: the most memory and time API Gateway allows.
  memoryMB: 1024,
  timeoutSeconds: 29,
  summary:
    'Compare cohorts: a reference period against 1 to 5 others (kasi: periods of their office; admin; viewer).',
  tag: 'reports',
  body: createComparisonBody,
  response: { status: 201, schema: comparison, description: 'The comparison with download URLs.' },
});

export const listComparisonsRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/comparisons',
  handler: 'comparisons/list-comparisons',
  auth: true,
  roles: REPORT_READERS,
  table: 'read',
  reports: ['read'],
  summary: 'The comparisons a period is part of, newest first, with short-lived download URLs.',
  tag: 'reports',
  query: comparisonListQuery,
  response: { status: 200, schema: comparisonList, description: 'Comparisons, newest first.' },
});
