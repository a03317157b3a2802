import { listWorklistRoute } from '../../shared/api/routes/due';
import { apiHandler } from '../../shared/http/handler';
import { listWorklist } from '../../shared/services/due';

export const handler = apiHandler(listWorklistRoute, listWorklist);
