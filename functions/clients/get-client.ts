import { apiHandler } from '../../shared/http';
import { getClient } from '../../shared/services/clients';

export const handler = apiHandler(getClient);
