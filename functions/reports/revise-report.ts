import { reviseReportRoute } from '../../shared/api/routes/reports';
import { apiHandler } from '../../shared/http/handler';
import { reviseReport } from '../../shared/services/reports';

export const handler = apiHandler(reviseReportRoute, reviseReport);
