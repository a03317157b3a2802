import { listPeriodsRoute } from '../../shared/api/routes/periods';
import { apiHandler } from '../../shared/http/handler';
import { listPeriods } from '../../shared/services/periods';

export const handler = apiHandler(listPeriodsRoute, listPeriods);
