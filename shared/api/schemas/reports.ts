import * as z from 'zod/mini';
import { REPORT_KINDS } from '../../domain/vocabulary';
import { component, doc, isoDate } from './common';

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
  }),
  'Report',
);
export const reportList = component(z.object({ items: z.array(reportListItem) }), 'ReportList');
