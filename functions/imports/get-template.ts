import { getImportTemplateRoute } from '../../shared/api/routes/imports';
import { apiHandler } from '../../shared/http/handler';
import { getImportTemplate } from '../../shared/services/imports';

export const handler = apiHandler(getImportTemplateRoute, getImportTemplate);
