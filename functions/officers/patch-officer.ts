import { apiHandler } from '../../shared/http';
import { patchOfficer } from '../../shared/services/officers';

export const handler = apiHandler(patchOfficer);
