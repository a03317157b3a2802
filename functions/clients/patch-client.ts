import { patchClientRoute } from '../../shared/api/routes/clients';
import { apiHandler } from '../../shared/http/handler';
import { patchClient } from '../../shared/services/clients';

export const handler = apiHandler(patchClientRoute, patchClient);
