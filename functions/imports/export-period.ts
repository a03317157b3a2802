import { exportPeriodRoute } from '../../shared/api/routes/imports';
import { apiHandler } from '../../shared/http/handler';
import { exportPeriod } from '../../shared/services/exports';

export const handler = apiHandler(exportPeriodRoute, exportPeriod);
