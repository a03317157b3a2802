import * as z from 'zod/mini';
import { component, doc, isoDate, ulidId, uniqueArray } from './common';

export const createComparisonBody = component(
  z
    .strictObject({
      reference: doc(ulidId, 'The reference period (the earlier cohort, or the old protocol).'),
      compared: doc(
        uniqueArray(ulidId, { min: 1, max: 5 }, 'Periode tidak boleh berulang.'),
        'The periods compared with the reference (1 to 5).',
      ),
    })
    .check(
      z.refine((v) => !v.compared.includes(v.reference), {
        message: 'Periode acuan tidak boleh juga menjadi periode pembanding.',
        path: ['compared'],
      }),
    ),
  'CreateComparison',
);

export const comparison = component(
  z.object({
    id: z.string(),
    reference: ulidId,
    compared: z.array(ulidId),
    generatedAt: doc(isoDate, 'The day the comparison was made (its data run up to that day).'),
    files: doc(
      z.object({ json: z.url(), html: z.url() }),
      'Short-lived (15 min) presigned download URLs of comparison.json and comparison.html.',
    ),
  }),
  'Comparison',
);

export const comparisonListQuery = z.strictObject({ period: ulidId });
export const comparisonList = component(z.object({ items: z.array(comparison) }), 'ComparisonList');
