import { apiHandler } from '../../shared/http';
import { createClient } from '../../shared/services/clients';

export const handler = apiHandler(createClient);
