import * as z from 'zod/mini';
import { component, doc, isoDateTime, line, ulidId } from './common';

/** Spreadsheet imports (docs/imports.md). */
export const IMPORT_STATE_VALUES = [
  'uploaded',
  'validating',
  'valid',
  'invalid',
  'applying',
  'applied',
  'failed',
] as const;

export const createImportBody = component(
  z.strictObject({
    fileName: line(200).check(z.regex(/\.xlsx$/i, 'Harus berkas Excel .xlsx.')),
  }),
  'CreateImport',
);

export const createdImport = component(
  z.object({
    id: ulidId,
    state: z.enum(IMPORT_STATE_VALUES),
    uploadUrl: doc(
      z.url(),
      'Presigned PUT of the workbook (max 20 MB), valid 15 minutes; send Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.',
    ),
    expiresAt: isoDateTime,
  }),
  'CreatedImport',
);

const sheetCounts = z.object({
  rows: z.int(),
  new: doc(z.int(), 'Rows that will be written (valid) or were written (applied).'),
  existing: doc(z.int(), 'Rows already stored (an earlier import of the same rows): skipped.'),
  invalid: z.int(),
});

export const importStatus = component(
  z.object({
    id: ulidId,
    fileName: z.string(),
    state: doc(
      z.enum(IMPORT_STATE_VALUES),
      'uploaded, validating, valid, invalid, applying, applied, failed.',
    ),
    counts: doc(
      z.record(z.string(), sheetCounts),
      'Per sheet: periods, clients, enrollments, activities, assessments, outcomes.',
    ),
    errors: doc(
      z.array(z.object({ sheet: z.string(), row: z.int(), column: z.string(), message: z.string() })),
      'Indonesian messages at their sheet, Excel row and column heading (the first 500).',
    ),
    errorCount: z.int(),
    rounds: doc(z.int(), 'Runs of the job the application took (a big file is applied in several).'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  }),
  'ImportStatus',
);
