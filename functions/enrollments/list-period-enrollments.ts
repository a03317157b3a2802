import { apiHandler } from '../../shared/http';
import { listPeriodEnrollments } from '../../shared/services/enrollments';

export const handler = apiHandler(listPeriodEnrollments);
