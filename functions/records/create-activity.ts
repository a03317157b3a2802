import { apiHandler } from '../../shared/http';
import { createActivity } from '../../shared/services/records';

export const handler = apiHandler(createActivity);
