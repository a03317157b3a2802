import { listAuditRoute } from '../../shared/api/routes/audit';
import { apiHandler } from '../../shared/http/handler';
import { listAudit } from '../../shared/services/audit';

export const handler = apiHandler(listAuditRoute, listAudit);
