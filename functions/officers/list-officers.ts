import { listOfficersRoute } from '../../shared/api/routes/officers';
import { apiHandler } from '../../shared/http/handler';
import { listOfficers } from '../../shared/services/officers';

export const handler = apiHandler(listOfficersRoute, listOfficers);
