import {
  createOfficerBody,
  type Officer,
  officerListQuery,
  officerParams,
  patchOfficerBody,
} from '../api/officers';
import { config } from '../config';
import { buildAuditItem, executeWrite, type TxItem } from '../data/write';
import { directory } from '../directory';
import {
  type CreatedOfficer,
  type DirectoryOfficer,
  type OfficerChanges,
  OfficerExistsError,
  OfficerNotFoundError,
} from '../directory/port';
import { requireRole } from '../domain/access';
import { canPlaceOfficer, canSeeOfficer, OFFICER_MANAGERS, placementProblem } from '../domain/officers';
import { errors } from '../errors';
import type { ApiRequest, ApiResponse } from '../http';
import { validate } from '../validation';

/**
 * Officer administration (issue "Forms in production", section 2): GET /officers,
 * POST /officers, PATCH /officers/{id}. Who may manage whom is shared/domain/officers.ts; the
 * accounts live in the directory (Cognito in AWS, the local provider's store locally).
 *
 * Audit: the directory is not DynamoDB, so the account change and its audit entry cannot
 * share one transaction. The directory changes first; the audit entry (field names only,
 * never e-mail or name) and the idempotency record are then committed together. A retry with
 * the same Idempotency-Key after a lost response replays the answer without touching the
 * directory again; the directory call runs once per request even if the commit is retried.
 */

const alreadyExists = () =>
  errors.conflict('officer_exists', 'Sudah ada akun dengan alamat e-mail ini.', [
    { path: 'email', message: 'E-mail sudah terdaftar.' },
  ]);

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

/** The audit entry as the transaction's one domain item (the account itself is in the directory). */
function auditPut(req: ApiRequest, action: string, officerId: string, changedFields: string[]): TxItem {
  const item = buildAuditItem(
    req.actor,
    { entity: 'officer', entityId: officerId, action, changedFields },
    req.now.toISOString(),
    req.requestId,
  );
  return {
    Put: { TableName: config().tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** GET /officers?office=: admin the province (optionally one office), kasi pk and kasi of their office. */
export async function listOfficers(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, OFFICER_MANAGERS);
  const query = validate(officerListQuery, req.query);
  if (req.actor.role !== 'admin' && query.office !== undefined && query.office !== req.actor.office) {
    throw errors.forbidden('Anda hanya dapat melihat petugas kantor Anda sendiri.');
  }
  const all = await (await directory()).list();
  const items = all
    .filter((o) => canSeeOfficer(req.actor, o) && (query.office === undefined || o.office === query.office))
    .sort(
      (a, b) => a.office.localeCompare(b.office) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    )
    .map(toOfficer);
  return { status: 200, body: { items, nextCursor: null } };
}

/** POST /officers: creates the account (invitation with a temporary password). */
export async function createOfficer(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, OFFICER_MANAGERS);
  const body = validate(createOfficerBody, req.body);
  if (!canPlaceOfficer(req.actor, body)) {
    throw errors.forbidden('Anda hanya dapat mengundang PK dan Kasi untuk kantor Anda sendiri.');
  }
  let created: CreatedOfficer | undefined;
  return executeWrite(req, async () => {
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
      items: [auditPut(req, 'create', officer.id, ['email', 'name', 'office', 'role'])],
      audit: [],
      response: {
        status: 201,
        // Local provider only: the tester needs it to sign in. Cognito e-mails it instead.
        body: { ...toOfficer(officer), ...(temporaryPassword ? { temporaryPassword } : {}) },
      },
    };
  });
}

/** PATCH /officers/{id}: role, office, enabled (false also ends the officer's sessions). */
export async function patchOfficer(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, OFFICER_MANAGERS);
  const { id } = validate(officerParams, req.params);
  const body = validate(patchOfficerBody, req.body);
  if (id === req.actor.sub) {
    throw errors.unprocessable('own_account', 'Anda tidak dapat mengubah akun Anda sendiri di sini.');
  }
  let done: { officer: DirectoryOfficer; changed: string[] } | undefined;
  return executeWrite(req, async () => {
    if (!done) {
      const dir = await directory();
      const current = await dir.get(id);
      // Out of scope reads as absent, as for every other record.
      if (!current || !canSeeOfficer(req.actor, current)) throw errors.notFound();
      const next = { role: body.role ?? current.role, office: body.office ?? current.office };
      if (!canPlaceOfficer(req.actor, next)) {
        throw errors.forbidden('Anda hanya dapat memberi peran PK atau Kasi di kantor Anda sendiri.');
      }
      const problem = placementProblem(next);
      if (problem) {
        throw errors.validationFailed([
          { path: body.office !== undefined ? 'office' : 'role', message: problem },
        ]);
      }
      const changes: OfficerChanges = {};
      if (body.role !== undefined && body.role !== current.role) changes.role = body.role;
      if (body.office !== undefined && body.office !== current.office) changes.office = body.office;
      if (body.enabled !== undefined && body.enabled !== current.enabled) changes.enabled = body.enabled;
      const changed = Object.keys(changes).sort();
      if (changed.length === 0)
        return { items: [], audit: [], response: { status: 200, body: toOfficer(current) } };
      try {
        done = { officer: await dir.update(id, changes), changed };
      } catch (err) {
        if (err instanceof OfficerNotFoundError) throw errors.notFound();
        throw err;
      }
    }
    return {
      items: [auditPut(req, 'update', id, done.changed)],
      audit: [],
      response: { status: 200, body: toOfficer(done.officer) },
    };
  });
}
