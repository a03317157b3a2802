import { apiHandler } from '../../shared/http';
import { listAudit } from '../../shared/services/audit';

export const handler = apiHandler(listAudit);
