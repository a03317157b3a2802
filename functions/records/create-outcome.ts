import { createOutcomeRoute } from '../../shared/api/routes/records';
import { apiHandler } from '../../shared/http/handler';
import { createOutcome } from '../../shared/services/records';

export const handler = apiHandler(createOutcomeRoute, createOutcome);
