import { listDueRoute } from '../../shared/api/routes/enrollments';
import { apiHandler } from '../../shared/http/handler';
import { listDue } from '../../shared/services/due';

export const handler = apiHandler(listDueRoute, listDue);
