import { patchEnrollmentRoute } from '../../shared/api/routes/enrollments';
import { apiHandler } from '../../shared/http/handler';
import { patchEnrollment } from '../../shared/services/enrollments';

export const handler = apiHandler(patchEnrollmentRoute, patchEnrollment);
