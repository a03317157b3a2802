import { createReportRoute } from '../../shared/api/routes/reports';
import { apiHandler } from '../../shared/http/handler';
import { createReport } from '../../shared/services/reports';

export const handler = apiHandler(createReportRoute, createReport);
