import { listReportsRoute } from '../../shared/api/routes/reports';
import { apiHandler } from '../../shared/http/handler';
import { listReports } from '../../shared/services/reports';

export const handler = apiHandler(listReportsRoute, listReports);
