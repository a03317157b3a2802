import type { RouteInput, RouteOutput } from '../api/route';
import type {
  createClientRoute,
  getClientRoute,
  listClientEnrollmentsRoute,
  listClientsRoute,
  patchClientRoute,
} from '../api/routes/clients';
import type { Client } from '../api/schemas/clients';
import {
  CLIENT_FIELDS,
  type ClientRecord,
  deleteRegistrationGuard,
  findClientByRegistration,
  getClientRecord,
  listClientsOfOffice,
  putClientVersion,
  putNewClient,
  putRegistrationGuard,
  sameRegistration,
  searchClients,
  searchTokenParts,
  searchTokensChanged,
} from '../data/entities/client';
import { enrollmentsOfClient, updateEnrollmentClient } from '../data/entities/enrollment';
import { periodFromItem } from '../data/entities/period';
import { keys } from '../data/keys';
import { getItems } from '../data/read';
import { executeWrite, newId, type TxPart } from '../data/write';
import { canReadClient, canReadEnrollment, canWriteClient, listableOffice } from '../domain/access';
import { maskNik, searchQueryWords } from '../domain/clients';
import { Refusal, refuse } from '../domain/refusal';
import type { RequestContext } from './context';
import { toEnrollment } from './enrollments';

/** A client in the API's shape: NIK masked, bookkeeping left out. */
export function toClient(c: ClientRecord): Client {
  const out: Client = {
    id: c.id,
    office: c.office,
    registrationNumber: c.registrationNumber,
    fullName: c.fullName,
    sex: c.sex,
    birthDate: c.birthDate,
    enrolled: c.enrolled,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
  if (c.nik !== undefined) out.nik = maskNik(c.nik);
  if (c.phone !== undefined) out.phone = c.phone;
  if (c.address !== undefined) out.address = c.address;
  if (c.legalStatus !== undefined) out.legalStatus = c.legalStatus;
  if (c.caseArticle !== undefined) out.caseArticle = c.caseArticle;
  if (c.supervisionStart !== undefined) out.supervisionStart = c.supervisionStart;
  if (c.supervisionEnd !== undefined) out.supervisionEnd = c.supervisionEnd;
  return out;
}

const duplicateRegistration = () =>
  new Refusal('duplicate_registration', [{ path: 'registrationNumber', message: 'Sudah terdaftar.' }]);

/** POST /clients. */
export async function createClient(
  { body }: RouteInput<typeof createClientRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createClientRoute>> {
  if (!canWriteClient(ctx.actor, body)) {
    throw refuse.forbidden('Anda hanya dapat mendaftarkan klien kantor Anda sendiri.');
  }
  return executeWrite(ctx, async () => {
    const at = ctx.now.toISOString();
    const { office, ...fields } = body;
    const client: ClientRecord = {
      id: newId(),
      office,
      ...fields,
      enrolled: false,
      enrollmentVersion: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    return {
      parts: [
        putNewClient(client),
        putRegistrationGuard(office, client.registrationNumber, client.id),
        ...searchTokenParts(client),
      ],
      audit: [{ entity: 'client', entityId: client.id, action: 'create', changedFields: Object.keys(body) }],
      result: toClient(client),
      onCancelled: (failed) => (failed.has('registrationIsFree') ? duplicateRegistration() : undefined),
    };
  });
}

/** A client the actor may read; absent and out of scope look the same (404). */
async function readableClient(ctx: RequestContext, id: string, consistent = false): Promise<ClientRecord> {
  const client = await getClientRecord(id, consistent);
  if (!client || !canReadClient(ctx.actor, client)) throw refuse.notFound();
  return client;
}

/** GET /clients/{id}. */
export async function getClient(
  { params }: RouteInput<typeof getClientRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof getClientRoute>> {
  return toClient(await readableClient(ctx, params.id));
}

/**
 * PATCH /clients/{id}: the fields sent (null clears an optional one). A change of name or
 * registration number also updates the copy on the client's enrollments (lists show it), in
 * the same transaction.
 */
export async function patchClient(
  { params, body }: RouteInput<typeof patchClientRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof patchClientRoute>> {
  // A new name or number is copied onto the client's enrollments: read them with the client.
  const copiesChange = body.fullName !== undefined || body.registrationNumber !== undefined;
  return executeWrite(ctx, async () => {
    const [current, enrollments] = await Promise.all([
      readableClient(ctx, params.id, true),
      copiesChange ? enrollmentsOfClient(params.id) : Promise.resolve([]),
    ]);
    if (!canWriteClient(ctx.actor, current)) throw refuse.notFound();
    const next: ClientRecord = { ...current };
    const changed: string[] = [];
    for (const field of CLIENT_FIELDS) {
      if (!(field in body)) continue;
      const value = body[field];
      if (JSON.stringify(value ?? null) === JSON.stringify(current[field] ?? null)) continue;
      changed.push(field);
      applyField(next, field, value);
    }
    if (next.supervisionStart && next.supervisionEnd && next.supervisionStart > next.supervisionEnd) {
      throw refuse.validation([
        { path: 'supervisionEnd', message: 'Akhir masa pembimbingan tidak boleh sebelum awalnya.' },
      ]);
    }
    if (changed.length === 0) return { parts: [], audit: [], result: toClient(current) };
    next.version = current.version + 1;
    next.updatedAt = ctx.now.toISOString();
    const parts: TxPart[] = [putClientVersion(next, current.version)];
    // The guard item moves only when the normalised number changes ("s-1" -> "S-1" keeps it).
    const registrationMoved = !sameRegistration(
      current.office,
      current.registrationNumber,
      next.registrationNumber,
    );
    if (registrationMoved) {
      parts.push(
        deleteRegistrationGuard(current.office, current.registrationNumber),
        putRegistrationGuard(current.office, next.registrationNumber, current.id),
      );
    }
    if (searchTokensChanged(current, next)) parts.push(...searchTokenParts(next, current));
    if (next.fullName !== current.fullName || next.registrationNumber !== current.registrationNumber) {
      for (const e of enrollments) {
        parts.push(
          updateEnrollmentClient(e.id, {
            fullName: next.fullName,
            registrationNumber: next.registrationNumber,
          }),
        );
      }
    }
    return {
      parts,
      audit: [{ entity: 'client', entityId: current.id, action: 'update', changedFields: changed }],
      result: toClient(next),
      onCancelled: (failed) => {
        if (failed.has('registrationIsFree')) return duplicateRegistration();
        if (failed.has('clientUnchangedSinceRead')) return 'retry';
        return undefined;
      },
    };
  });
}

type PatchBody = RouteInput<typeof patchClientRoute>['body'];

/** Sets (or, for null, clears) one field of the record. */
function applyField<F extends (typeof CLIENT_FIELDS)[number]>(
  record: ClientRecord,
  field: F,
  value: PatchBody[F],
): void {
  if (value === null || value === undefined) {
    delete record[field];
    return;
  }
  Object.assign(record, { [field]: value });
}

/**
 * GET /clients: one office's clients; or one client by registration number (the uniqueness
 * guard); or a search by part of the name or number (`q`, the office's search tokens).
 */
export async function listClients(
  { query }: RouteInput<typeof listClientsRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listClientsRoute>> {
  const office = listableOffice(ctx.actor, query.office);
  if (office === undefined) {
    throw refuse.validation([{ path: 'office', message: 'Pilih kantor (office) yang akan ditampilkan.' }]);
  }
  if (query.q !== undefined) {
    if (query.registrationNumber !== undefined) {
      throw refuse.validation([{ path: 'q', message: 'Pakai q atau registrationNumber, tidak keduanya.' }]);
    }
    const words = searchQueryWords(query.q);
    if (words.length === 0) {
      throw refuse.validation([{ path: 'q', message: 'Ketik minimal satu huruf atau angka.' }]);
    }
    const page = await searchClients(office, words, { limit: query.limit, cursor: query.cursor });
    return {
      // konselor: enrolled clients only (the tokens do not know; the client items do).
      items: page.items.filter((c) => canReadClient(ctx.actor, c)).map(toClient),
      nextCursor: page.nextCursor,
    };
  }
  if (query.registrationNumber !== undefined) {
    const found = await findClientByRegistration(office, query.registrationNumber);
    const visible = found && canReadClient(ctx.actor, found) ? [toClient(found)] : [];
    return { items: visible, nextCursor: null };
  }
  const page = await listClientsOfOffice(office, {
    enrolledOnly: ctx.actor.role === 'konselor',
    limit: query.limit,
    cursor: query.cursor,
  });
  return {
    items: page.items.filter((c) => canReadClient(ctx.actor, c)).map(toClient),
    nextCursor: page.nextCursor,
  };
}

/**
 * GET /clients/{id}/enrollments: the client's enrollments (a handful; gsi2 by enrollment date),
 * newest first, each with its period's name and dates (one batch read).
 */
export async function listClientEnrollments(
  { params }: RouteInput<typeof listClientEnrollmentsRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listClientEnrollmentsRoute>> {
  const client = await readableClient(ctx, params.id);
  const enrollments = (await enrollmentsOfClient(client.id))
    .filter((e) => canReadEnrollment(ctx.actor, e))
    .sort((a, b) => b.enrolledOn.localeCompare(a.enrolledOn) || b.id.localeCompare(a.id));
  const periodIds = [...new Set(enrollments.map((e) => e.periodId))];
  const periods = new Map(
    (await getItems(periodIds.map((id) => keys.period(id)))).map((item) => {
      const p = periodFromItem(item);
      return [p.id, p] as const;
    }),
  );
  return {
    items: enrollments.map((e) => {
      const p = periods.get(e.periodId);
      return {
        ...toEnrollment(e),
        period: { name: p?.name ?? '', startDate: e.periodStart, endDate: e.periodEnd },
      };
    }),
  };
}
