import { apiHandler } from '../../shared/http';
import { patchEnrollment } from '../../shared/services/enrollments';

export const handler = apiHandler(patchEnrollment);
