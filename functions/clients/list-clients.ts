import { listClientsRoute } from '../../shared/api/routes/clients';
import { apiHandler } from '../../shared/http/handler';
import { listClients } from '../../shared/services/clients';

export const handler = apiHandler(listClientsRoute, listClients);
