import type { RouteSpec } from './route';
import { listAuditRoute } from './routes/audit';
import {
  createClientRoute,
  getClientRoute,
  listClientEnrollmentsRoute,
  listClientsRoute,
  patchClientRoute,
} from './routes/clients';
import { createComparisonRoute, listComparisonsRoute } from './routes/comparisons';
import {
  patchActivityRoute,
  patchAssessmentRoute,
  patchOutcomeRoute,
  voidActivityRoute,
  voidAssessmentRoute,
  voidOutcomeRoute,
} from './routes/corrections';
import { listWorklistRoute } from './routes/due';
import {
  createEnrollmentRoute,
  getEnrollmentRoute,
  listDueRoute,
  listPeriodEnrollmentsRoute,
  patchEnrollmentRoute,
} from './routes/enrollments';
import {
  applyImportRoute,
  createImportRoute,
  exportPeriodRoute,
  getImportRoute,
  getImportTemplateRoute,
  validateImportRoute,
} from './routes/imports';
import { createOfficerRoute, listOfficersRoute, patchOfficerRoute } from './routes/officers';
import { closePeriodRoute, createPeriodRoute, getPeriodRoute, listPeriodsRoute } from './routes/periods';
import {
  createActivityRoute,
  createAssessmentRoute,
  createGroupMeetingRoute,
  createOutcomeRoute,
} from './routes/records';
import { createReportRoute, listReportsRoute, reviseReportRoute } from './routes/reports';
import { getHealthRoute, getOpenApiRoute } from './routes/system';

export type { RouteSpec } from './route';

/**
 * The route table: every route of the API, in documentation order. Each route is declared in
 * shared/api/routes/<area>.ts and imported by its handler file (functions/<area>/<verb-noun>.ts),
 * so a function's bundle carries its own route's schemas, not the whole table's.
 */
export const routes: readonly RouteSpec[] = [
  getHealthRoute,
  getOpenApiRoute,
  createClientRoute,
  listClientsRoute,
  getClientRoute,
  patchClientRoute,
  listClientEnrollmentsRoute,
  createPeriodRoute,
  listPeriodsRoute,
  getPeriodRoute,
  closePeriodRoute,
  createEnrollmentRoute,
  listPeriodEnrollmentsRoute,
  getEnrollmentRoute,
  patchEnrollmentRoute,
  listDueRoute,
  listWorklistRoute,
  createActivityRoute,
  createGroupMeetingRoute,
  createAssessmentRoute,
  createOutcomeRoute,
  patchActivityRoute,
  voidActivityRoute,
  patchAssessmentRoute,
  voidAssessmentRoute,
  patchOutcomeRoute,
  voidOutcomeRoute,
  createReportRoute,
  listReportsRoute,
  createComparisonRoute,
  listComparisonsRoute,
  reviseReportRoute,
  getImportTemplateRoute,
  createImportRoute,
  getImportRoute,
  validateImportRoute,
  applyImportRoute,
  exportPeriodRoute,
  listOfficersRoute,
  createOfficerRoute,
  patchOfficerRoute,
  listAuditRoute,
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
  route: RouteSpec;
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
        // Malformed percent-encoding names no resource: no route (404).
        if (decoded === undefined) return { allowed: [] };
        pathParameters[k] = decoded;
      }
      return { match: { route, pathParameters }, allowed: [route.method] };
    }
    allowed.push(route.method);
  }
  return { allowed };
}
