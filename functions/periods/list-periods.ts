import { apiHandler } from '../../shared/http';
import { listPeriods } from '../../shared/services/periods';

export const handler = apiHandler(listPeriods);
