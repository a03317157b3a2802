import { apiHandler } from '../../shared/http';
import { createEnrollment } from '../../shared/services/enrollments';

export const handler = apiHandler(createEnrollment);
