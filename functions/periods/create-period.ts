import { apiHandler } from '../../shared/http';
import { createPeriod } from '../../shared/services/periods';

export const handler = apiHandler(createPeriod);
