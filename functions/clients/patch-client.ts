import { apiHandler } from '../../shared/http';
import { patchClient } from '../../shared/services/clients';

export const handler = apiHandler(patchClient);
