import { voidActivityRoute } from '../../shared/api/routes/corrections';
import { apiHandler } from '../../shared/http/handler';
import { voidActivity } from '../../shared/services/records';

export const handler = apiHandler(voidActivityRoute, voidActivity);
