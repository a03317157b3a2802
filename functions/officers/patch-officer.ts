import { patchOfficerRoute } from '../../shared/api/routes/officers';
import { apiHandler } from '../../shared/http/handler';
import { patchOfficer } from '../../shared/services/officers';

export const handler = apiHandler(patchOfficerRoute, patchOfficer);
