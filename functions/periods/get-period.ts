import { getPeriodRoute } from '../../shared/api/routes/periods';
import { apiHandler } from '../../shared/http/handler';
import { getPeriod } from '../../shared/services/periods';

export const handler = apiHandler(getPeriodRoute, getPeriod);
