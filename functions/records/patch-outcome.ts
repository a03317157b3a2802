import { patchOutcomeRoute } from '../../shared/api/routes/corrections';
import { apiHandler } from '../../shared/http/handler';
import { patchOutcome } from '../../shared/services/records';

export const handler = apiHandler(patchOutcomeRoute, patchOutcome);
