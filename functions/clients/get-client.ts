import { getClientRoute } from '../../shared/api/routes/clients';
import { apiHandler } from '../../shared/http/handler';
import { getClient } from '../../shared/services/clients';

export const handler = apiHandler(getClientRoute, getClient);
