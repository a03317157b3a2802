import { defineRoute } from '../route';
import { worklist, worklistQuery } from '../schemas/enrollments';

/**
 * GET /due: "Tugas saya", the caller's worklist across every period in their scope that is
 * running or ended within the last 30 days (pk, kasi: their office's; konselor, admin, viewer:
 * the province's). Served by the due index (gsi3), one range Query per period and office.
 */
export const listWorklistRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/due',
  handler: 'due/list-worklist',
  auth: true,
  table: 'read',
  summary:
    "Worklist across periods: activities and assessments due or overdue before a date, in the caller's scope.",
  tag: 'enrollments',
  query: worklistQuery,
  response: { status: 200, schema: worklist, description: 'Due and overdue steps, most overdue first.' },
});
