import * as z from 'zod/mini';
import { AUDITED_ENTITIES, ROLES } from '../../domain/vocabulary';
import { component, doc, isoDateTime, pageQuery, ulidId } from './common';

/** A record's id: a ULID, or for an officer the directory's id (Cognito's sub). */
const auditedId = z.union([ulidId, z.string().check(z.regex(/^[\w.@:-]{1,128}$/, 'ID tidak valid.'))]);
export const auditQuery = z.extend(pageQuery, { entity: z.enum(AUDITED_ENTITIES), id: auditedId });

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
      'The caller, or a system job (role system), e.g. the period-end report job.',
    ),
    recordId: z.optional(z.string()),
    reason: z.optional(doc(z.string(), 'Corrections, voids and revised reports: why.')),
    before: z.optional(doc(z.record(z.string(), z.unknown()), 'Corrections and voids: the record before.')),
    after: z.optional(doc(z.record(z.string(), z.unknown()), 'Corrections: the record after.')),
    requestId: z.string(),
  }),
  'AuditEntry',
);
