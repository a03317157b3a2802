import { getEnrollmentRoute } from '../../shared/api/routes/enrollments';
import { apiHandler } from '../../shared/http/handler';
import { getEnrollment } from '../../shared/services/enrollments';

export const handler = apiHandler(getEnrollmentRoute, getEnrollment);
