import { listClientEnrollmentsRoute } from '../../shared/api/routes/clients';
import { apiHandler } from '../../shared/http/handler';
import { listClientEnrollments } from '../../shared/services/clients';

export const handler = apiHandler(listClientEnrollmentsRoute, listClientEnrollments);
