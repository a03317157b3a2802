import type { RouteInput, RouteOutput } from '../api/route';
import type { createOfficerRoute, listOfficersRoute, patchOfficerRoute } from '../api/routes/officers';
import type { Officer } from '../api/schemas/officers';
import { executeWrite } from '../data/write';
import { directory } from '../directory';
import {
  type CreatedOfficer,
  type DirectoryOfficer,
  type OfficerChanges,
  OfficerExistsError,
  OfficerNotFoundError,
} from '../directory/port';
import { canPlaceOfficer, canSeeOfficer, placementProblem } from '../domain/officers';
import { Refusal, refuse } from '../domain/refusal';
import type { RequestContext } from './context';

/**
 * Officer administration: GET /officers, POST /officers, PATCH /officers/{id}. Who may manage
 * whom is shared/domain/officers.ts; the accounts live in the directory (Cognito in AWS, the
 * local provider's store locally).
 *
 * Audit: the directory is not DynamoDB, so the account change and its audit entry cannot
 * share one transaction. The directory changes first; the audit entry (field names only,
 * never e-mail or name) and the idempotency record are then committed together. A retry with
 * the same Idempotency-Key after a lost response replays the answer without touching the
 * directory again (its refusal, "exists", is answered from the stored response); within one
 * request the directory call runs once even if the commit is retried.
 */

const alreadyExists = () =>
  new Refusal('officer_exists', [{ path: 'email', message: 'E-mail sudah terdaftar.' }]);

function toOfficer(o: DirectoryOfficer): Officer {
  return {
    id: o.id,
    email: o.email,
    name: o.name,
    role: o.role,
    office: o.office,
    enabled: o.enabled,
    status: o.status,
    createdAt: o.createdAt,
  };
}

/** GET /officers?office=: admin the province (optionally one office), kasi pk and kasi of their office. */
export async function listOfficers(
  { query }: RouteInput<typeof listOfficersRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listOfficersRoute>> {
  if (ctx.actor.role !== 'admin' && query.office !== undefined && query.office !== ctx.actor.office) {
    throw refuse.forbidden('Anda hanya dapat melihat petugas kantor Anda sendiri.');
  }
  const all = await (await directory()).list();
  const items = all
    .filter((o) => canSeeOfficer(ctx.actor, o) && (query.office === undefined || o.office === query.office))
    .sort(
      (a, b) => a.office.localeCompare(b.office) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    )
    .map(toOfficer);
  return { items, nextCursor: null };
}

/** POST /officers: creates the account (invitation with a temporary password). */
export async function createOfficer(
  { body }: RouteInput<typeof createOfficerRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createOfficerRoute>> {
  if (!canPlaceOfficer(ctx.actor, body)) {
    throw refuse.forbidden('Anda hanya dapat mengundang PK dan Kasi untuk kantor Anda sendiri.');
  }
  let created: CreatedOfficer | undefined;
  return executeWrite(ctx, async () => {
    if (!created) {
      try {
        created = await (await directory()).create(body);
      } catch (err) {
        if (err instanceof OfficerExistsError) throw alreadyExists();
        throw err;
      }
    }
    const { officer, temporaryPassword } = created;
    return {
      parts: [],
      audit: [
        {
          entity: 'officer',
          entityId: officer.id,
          action: 'create',
          changedFields: ['email', 'name', 'office', 'role'],
        },
      ],
      // Local provider only: the tester needs it to sign in. Cognito e-mails it instead.
      result: { ...toOfficer(officer), ...(temporaryPassword ? { temporaryPassword } : {}) },
    };
  });
}

/** PATCH /officers/{id}: role, office, enabled (false also ends the officer's sessions). */
export async function patchOfficer(
  { params, body }: RouteInput<typeof patchOfficerRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof patchOfficerRoute>> {
  if (params.id === ctx.actor.sub) throw new Refusal('own_account');
  let done: { officer: DirectoryOfficer; changed: string[] } | undefined;
  return executeWrite(ctx, async () => {
    if (!done) {
      const dir = await directory();
      const current = await dir.get(params.id);
      // Out of scope reads like absent, the same for every other record.
      if (!current || !canSeeOfficer(ctx.actor, current)) throw refuse.notFound();
      const next = { role: body.role ?? current.role, office: body.office ?? current.office };
      if (!canPlaceOfficer(ctx.actor, next)) {
        throw refuse.forbidden('Anda hanya dapat memberi peran PK atau Kasi di kantor Anda sendiri.');
      }
      const problem = placementProblem(next);
      if (problem) {
        throw refuse.validation([{ path: body.office !== undefined ? 'office' : 'role', message: problem }]);
      }
      const changes: OfficerChanges = {};
      if (body.role !== undefined && body.role !== current.role) changes.role = body.role;
      if (body.office !== undefined && body.office !== current.office) changes.office = body.office;
      if (body.enabled !== undefined && body.enabled !== current.enabled) changes.enabled = body.enabled;
      const changed = Object.keys(changes).sort();
      if (changed.length === 0) return { parts: [], audit: [], result: toOfficer(current) };
      try {
        done = { officer: await dir.update(params.id, changes), changed };
      } catch (err) {
        if (err instanceof OfficerNotFoundError) throw refuse.notFound();
        throw err;
      }
    }
    return {
      parts: [],
      audit: [{ entity: 'officer', entityId: params.id, action: 'update', changedFields: done.changed }],
      result: toOfficer(done.officer),
    };
  });
}
