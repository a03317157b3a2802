import { listReportsRoute } from '../../shared/api/routes/reports';
import { apiHandler } from '../../shared/http/handler';
import { listReports } from '../../shared/services/report-links';

export const handler = apiHandler(listReportsRoute, listReports);
