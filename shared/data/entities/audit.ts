import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { type AuditedEntity, ROLES } from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys } from '../keys';
import type { Item } from '../read';

/** Who wrote: the caller (role and office from the token), or a system job (`role: 'system'`). */
export interface AuditActor {
  sub: string;
  role: string;
  office: string;
}

export interface AuditEntry {
  entity: AuditedEntity;
  entityId: string;
  action: string;
  /** Names of the fields written, never their values (values may be identities). */
  changedFields: string[];
  /** The record created inside the entity (an activity, a group meeting), if any. */
  recordId?: string;
  /** Why (corrections and voids of records, revised reports): the officer's words. */
  reason?: string;
  /**
   * A correction keeps the record's fields before and after (after: absent for a void). Only
   * corrections carry values: they may hold free text, and only admin reads the audit trail.
   */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** An audit item: one per write, in the write's transaction. */
export function auditItem(actor: AuditActor, entry: AuditEntry, at: string, requestId: string): Item {
  const id = ulid();
  return {
    ...keys.audit(entry.entity, entry.entityId, at, id),
    entityType: 'audit',
    id,
    at,
    entity: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    changedFields: [...entry.changedFields].sort(),
    ...(entry.recordId ? { recordId: entry.recordId } : {}),
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    ...(entry.before !== undefined ? { before: entry.before } : {}),
    ...(entry.after !== undefined ? { after: entry.after } : {}),
    actor: { sub: actor.sub, role: actor.role, office: actor.office },
    requestId,
  };
}

const storedAudit = z.object({
  id: z.string(),
  at: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  changedFields: z.array(z.string()),
  recordId: z.optional(z.string()),
  reason: z.optional(z.string()),
  before: z.optional(z.record(z.string(), z.unknown())),
  after: z.optional(z.record(z.string(), z.unknown())),
  actor: z.object({ sub: z.string(), role: z.enum([...ROLES, 'system']), office: z.string() }),
  requestId: z.string(),
});
export type AuditRecord = z.output<typeof storedAudit>;

export function auditFromItem(item: Item): AuditRecord {
  return parseItem(storedAudit, item, 'audit');
}
