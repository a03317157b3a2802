import { voidOutcomeRoute } from '../../shared/api/routes/corrections';
import { apiHandler } from '../../shared/http/handler';
import { voidOutcome } from '../../shared/services/records';

export const handler = apiHandler(voidOutcomeRoute, voidOutcome);
