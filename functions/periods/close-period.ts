import { apiHandler } from '../../shared/http';
import { closePeriod } from '../../shared/services/periods';

export const handler = apiHandler(closePeriod);
