import { apiHandler } from '../../shared/http';
import { getEnrollment } from '../../shared/services/enrollments';

export const handler = apiHandler(getEnrollment);
