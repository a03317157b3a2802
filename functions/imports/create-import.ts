import { createImportRoute } from '../../shared/api/routes/imports';
import { apiHandler } from '../../shared/http/handler';
import { createImport } from '../../shared/services/imports';

export const handler = apiHandler(createImportRoute, createImport);
