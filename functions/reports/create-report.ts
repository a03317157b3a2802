import { apiHandler } from '../../shared/http';
import { createReport } from '../../shared/services/reports';

export const handler = apiHandler(createReport);
