import { createEnrollmentRoute } from '../../shared/api/routes/enrollments';
import { apiHandler } from '../../shared/http/handler';
import { createEnrollment } from '../../shared/services/enrollments';

export const handler = apiHandler(createEnrollmentRoute, createEnrollment);
