import { auditQuery } from '../api/schemas';
import { keys } from '../data/keys';
import { queryPartition, stripKeys } from '../data/read';
import { requireRole } from '../domain/access';
import type { ApiRequest, ApiResponse } from '../http';
import { validate } from '../validation';

/** GET /audit?entity=&id=: the trail of one record, newest first (admin only). */
export async function listAudit(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, ['admin']);
  const query = validate(auditQuery, req.query);
  const page = await queryPartition(
    keys.auditPartition(query.entity, query.id),
    query.limit,
    query.cursor,
    true,
  );
  return {
    status: 200,
    body: {
      items: page.items.map((i) => {
        const { entityType: _t, ...rest } = stripKeys(i);
        return rest;
      }),
      nextCursor: page.nextCursor,
    },
  };
}
