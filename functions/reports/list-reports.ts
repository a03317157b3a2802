import { apiHandler } from '../../shared/http';
import { listReports } from '../../shared/services/reports';

export const handler = apiHandler(listReports);
