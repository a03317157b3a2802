import { voidAssessmentRoute } from '../../shared/api/routes/corrections';
import { apiHandler } from '../../shared/http/handler';
import { voidAssessment } from '../../shared/services/records';

export const handler = apiHandler(voidAssessmentRoute, voidAssessment);
