import { applyImportRoute } from '../../shared/api/routes/imports';
import { apiHandler } from '../../shared/http/handler';
import { applyImport } from '../../shared/services/imports';

export const handler = apiHandler(applyImportRoute, applyImport);
