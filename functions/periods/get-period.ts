import { apiHandler } from '../../shared/http';
import { getPeriod } from '../../shared/services/periods';

export const handler = apiHandler(getPeriod);
