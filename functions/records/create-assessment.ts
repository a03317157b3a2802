import { apiHandler } from '../../shared/http';
import { createAssessment } from '../../shared/services/records';

export const handler = apiHandler(createAssessment);
