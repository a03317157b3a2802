import { patchAssessmentRoute } from '../../shared/api/routes/corrections';
import { apiHandler } from '../../shared/http/handler';
import { patchAssessment } from '../../shared/services/records';

export const handler = apiHandler(patchAssessmentRoute, patchAssessment);
