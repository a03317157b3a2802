import { apiHandler } from '../../shared/http';
import { listClients } from '../../shared/services/clients';

export const handler = apiHandler(listClients);
