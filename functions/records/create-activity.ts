import { createActivityRoute } from '../../shared/api/routes/records';
import { apiHandler } from '../../shared/http/handler';
import { createActivity } from '../../shared/services/records';

export const handler = apiHandler(createActivityRoute, createActivity);
