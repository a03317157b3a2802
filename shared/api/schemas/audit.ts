import { AUDITED_ENTITIES, ROLES } from '../../domain/vocabulary';
import { component, doc, isoDateTime, pageQuery, ulidId, z } from './common';

export const auditQuery = z.extend(pageQuery, { entity: z.enum(AUDITED_ENTITIES), id: ulidId });

export const auditEntry = component(
  z.object({
    id: ulidId,
    at: isoDateTime,
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    changedFields: z.array(z.string()),
    actor: doc(
      z.object({ sub: z.string(), role: z.union([z.enum(ROLES), z.literal('system')]), office: z.string() }),
      'The caller, or a system job (role system) such as the period-end report job.',
    ),
    recordId: z.optional(z.string()),
    requestId: z.string(),
  }),
  'AuditEntry',
);
