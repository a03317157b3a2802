import { createAssessmentRoute } from '../../shared/api/routes/records';
import { apiHandler } from '../../shared/http/handler';
import { createAssessment } from '../../shared/services/records';

export const handler = apiHandler(createAssessmentRoute, createAssessment);
