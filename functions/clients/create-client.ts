import { createClientRoute } from '../../shared/api/routes/clients';
import { apiHandler } from '../../shared/http/handler';
import { createClient } from '../../shared/services/clients';

export const handler = apiHandler(createClientRoute, createClient);
