import { getImportTemplateRoute } from '../../shared/api/routes/imports';
import { apiHandler } from '../../shared/http/handler';
import { getImportTemplate } from '../../shared/services/import-template';

export const handler = apiHandler(getImportTemplateRoute, getImportTemplate);
