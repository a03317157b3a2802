import { getImportRoute } from '../../shared/api/routes/imports';
import { apiHandler } from '../../shared/http/handler';
import { getImport } from '../../shared/services/imports';

export const handler = apiHandler(getImportRoute, getImport);
