import { apiHandler } from '../../shared/http';
import { createOutcome } from '../../shared/services/records';

export const handler = apiHandler(createOutcome);
