import { PERIOD_MANAGERS } from '../../domain/access';
import { XLSX_TYPE } from '../../imports/constants';
import { defineRoute } from '../route';
import { idParams } from '../schemas/common';
import { createdImport, createImportBody, importStatus } from '../schemas/imports';

/**
 * Spreadsheet import and export (docs/imports.md). Importing writes clients, periods and
 * records: admin, and kasi for their own office (the job acts for the officer who made the
 * import, so every row meets that officer's scope). The job runs asynchronously: the routes
 * hand it to the import queue (`imports: 'queue'`), the worker function takes it from there.
 */
export const getImportTemplateRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/imports/template.xlsx',
  handler: 'imports/get-template',
  auth: true,
  roles: PERIOD_MANAGERS,
  table: 'none',
  summary:
    'The import workbook: Indonesian headings, a sheet per kind of record, an example row, the allowed values.',
  tag: 'imports',
  response: { status: 200, file: { contentType: XLSX_TYPE }, description: 'templat-impor-pascarehab.xlsx' },
});

export const createImportRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/imports',
  handler: 'imports/create-import',
  auth: true,
  roles: PERIOD_MANAGERS,
  table: 'write',
  imports: ['upload'],
  summary: 'Start an import: answers where to PUT the workbook (15 min, max 20 MB).',
  tag: 'imports',
  body: createImportBody,
  response: { status: 201, schema: createdImport, description: 'The import and its upload URL.' },
});

export const getImportRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/imports/{id}',
  handler: 'imports/get-import',
  auth: true,
  roles: PERIOD_MANAGERS,
  table: 'read',
  summary: 'An import: state, counts per sheet, errors (sheet, row, column, message).',
  tag: 'imports',
  params: idParams,
  response: { status: 200, schema: importStatus, description: 'The import.' },
});

export const validateImportRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/imports/{id}/validate',
  handler: 'imports/validate-import',
  auth: true,
  roles: PERIOD_MANAGERS,
  table: 'write',
  imports: ['read', 'queue'],
  summary:
    'Check every row of the uploaded workbook without writing (asynchronous; GET /imports/{id}). No body.',
  tag: 'imports',
  params: idParams,
  response: { status: 202, schema: importStatus, description: 'Validation started (state validating).' },
  errors: ['import_state'],
});

export const applyImportRoute = /* @__PURE__ */ defineRoute({
  method: 'POST',
  path: '/imports/{id}/apply',
  handler: 'imports/apply-import',
  auth: true,
  roles: PERIOD_MANAGERS,
  table: 'write',
  imports: ['queue'],
  summary: 'Write a valid import through the API rules (asynchronous; each row once). No body.',
  tag: 'imports',
  params: idParams,
  response: { status: 202, schema: importStatus, description: 'Application started (state applying).' },
  errors: ['import_state'],
});

export const exportPeriodRoute = /* @__PURE__ */ defineRoute({
  method: 'GET',
  path: '/periods/{id}/export.xlsx',
  handler: 'imports/export-period',
  auth: true,
  roles: PERIOD_MANAGERS,
  // The export is audited: reading identities in bulk is written down.
  table: 'write',
  memoryMB: 1024,
  timeoutSeconds: 29,
  summary: 'The period in the import workbook layout (admin; kasi: their office part). Audited.',
  tag: 'imports',
  params: idParams,
  response: { status: 200, file: { contentType: XLSX_TYPE }, description: 'The period in a workbook.' },
  errors: ['export_too_large'],
});
