import type { RouteInput, RouteOutput } from '../api/route';
import type { listAuditRoute } from '../api/routes/audit';
import { auditFromItem } from '../data/entities/audit';
import { keys } from '../data/keys';
import { queryPartition } from '../data/read';
import type { RequestContext } from './context';

/** GET /audit?entity=&id=: the trail of one record, newest first (admin only). */
export async function listAudit(
  { query }: RouteInput<typeof listAuditRoute>,
  _ctx: RequestContext,
): Promise<RouteOutput<typeof listAuditRoute>> {
  const page = await queryPartition({
    pk: keys.auditPartition(query.entity, query.id),
    limit: query.limit,
    cursor: query.cursor,
    newestFirst: true,
  });
  return { items: page.items.map(auditFromItem), nextCursor: page.nextCursor };
}
