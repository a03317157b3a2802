import { createOfficerRoute } from '../../shared/api/routes/officers';
import { apiHandler } from '../../shared/http/handler';
import { createOfficer } from '../../shared/services/officers';

export const handler = apiHandler(createOfficerRoute, createOfficer);
