import { createPeriodRoute } from '../../shared/api/routes/periods';
import { apiHandler } from '../../shared/http/handler';
import { createPeriod } from '../../shared/services/periods';

export const handler = apiHandler(createPeriodRoute, createPeriod);
