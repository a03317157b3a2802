import { patchActivityRoute } from '../../shared/api/routes/corrections';
import { apiHandler } from '../../shared/http/handler';
import { patchActivity } from '../../shared/services/records';

export const handler = apiHandler(patchActivityRoute, patchActivity);
