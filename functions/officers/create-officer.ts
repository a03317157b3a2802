import { apiHandler } from '../../shared/http';
import { createOfficer } from '../../shared/services/officers';

export const handler = apiHandler(createOfficer);
