import { closePeriodRoute } from '../../shared/api/routes/periods';
import { apiHandler } from '../../shared/http/handler';
import { closePeriod } from '../../shared/services/period-close';

export const handler = apiHandler(closePeriodRoute, closePeriod);
