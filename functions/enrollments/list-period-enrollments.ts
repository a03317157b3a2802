import { listPeriodEnrollmentsRoute } from '../../shared/api/routes/enrollments';
import { apiHandler } from '../../shared/http/handler';
import { listPeriodEnrollments } from '../../shared/services/enrollments';

export const handler = apiHandler(listPeriodEnrollmentsRoute, listPeriodEnrollments);
