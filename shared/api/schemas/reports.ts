import * as z from 'zod/mini';
import { REPORT_KINDS } from '../../domain/vocabulary';
import { component, doc, isoDate, line, ulidId } from './common';

export const reportListItem = component(
  z.object({
    id: z.string(),
    kind: z.enum(REPORT_KINDS),
    asOf: isoDate,
    generatedAt: doc(z.string(), 'Scheduled reports: equal to asOf; on demand: ISO time.'),
    files: doc(
      z.object({ json: z.url(), csv: z.url(), html: z.url() }),
      'Short-lived (15 min) presigned download URLs.',
    ),
    revisionOf: z.optional(
      doc(z.string(), 'A revised final report: the id of the final report it replaces (both are listed).'),
    ),
  }),
  'Report',
);
export const reportList = component(z.object({ items: z.array(reportListItem) }), 'ReportList');

export const reportParams = z.strictObject({
  id: ulidId,
  reportId: z
    .string()
    .check(z.regex(/^(final|monthly|on_demand)_\d{4}-\d{2}-\d{2}$/, 'ID laporan tidak valid.')),
});

export const reviseReportBody = component(
  z.strictObject({ reason: doc(line(500), 'Why the final report is revised (kept in the audit trail).') }),
  'ReviseReport',
);
