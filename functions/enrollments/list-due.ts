import { apiHandler } from '../../shared/http';
import { listDue } from '../../shared/services/enrollments';

export const handler = apiHandler(listDue);
