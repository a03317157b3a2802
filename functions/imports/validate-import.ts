import { validateImportRoute } from '../../shared/api/routes/imports';
import { apiHandler } from '../../shared/http/handler';
import { validateImport } from '../../shared/services/imports';

export const handler = apiHandler(validateImportRoute, validateImport);
