import { apiHandler } from '../../shared/http';
import { listOfficers } from '../../shared/services/officers';

export const handler = apiHandler(listOfficers);
