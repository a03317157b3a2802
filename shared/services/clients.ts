import { ulid } from 'ulid';
import { type Client, clientListQuery, createClientBody, idParams, patchClientBody } from '../api/schemas';
import { config } from '../config';
import { keys, partitions } from '../data/keys';
import { getItem, type Item, queryIndex } from '../data/read';
import { conditionFailed, executeWrite, putNew, type TxItem } from '../data/write';
import {
  CLIENT_READERS,
  CLIENT_WRITERS,
  canReadClient,
  canWriteClient,
  listableOffice,
  requireRole,
} from '../domain/access';
import { maskNik } from '../domain/clients';
import { errors } from '../errors';
import type { ApiRequest, ApiResponse } from '../http';
import { validate } from '../validation';

/** Fields an officer fills in; the rest of a client item is bookkeeping. */
const CLIENT_FIELDS = [
  'registrationNumber',
  'fullName',
  'sex',
  'birthDate',
  'nik',
  'phone',
  'address',
  'legalStatus',
  'caseArticle',
  'supervisionStart',
  'supervisionEnd',
] as const;

export function toClient(item: Item): Client {
  const out: Record<string, unknown> = {
    id: item.id,
    office: item.office,
    enrolled: item.enrolled === true,
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
  for (const f of CLIENT_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  if (typeof item.nik === 'string') out.nik = maskNik(item.nik);
  return out as Client;
}

const duplicateRegistration = () =>
  errors.conflict(
    'duplicate_registration',
    'Nomor registrasi ini sudah dipakai klien lain di kantor yang sama.',
    [{ path: 'registrationNumber', message: 'Sudah terdaftar.' }],
  );

export async function createClient(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, CLIENT_WRITERS);
  const body = validate(createClientBody, req.body);
  if (!canWriteClient(req.actor, body)) {
    throw errors.forbidden('Anda hanya dapat mendaftarkan klien kantor Anda sendiri.');
  }
  return executeWrite(req, async () => {
    const id = ulid();
    const at = req.now.toISOString();
    const item = {
      ...keys.client(id),
      ...keys.clientByOffice(body.office, id),
      entityType: 'client',
      id,
      ...body,
      enrolled: false,
      enrollmentVersion: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const table = config().tableName;
    return {
      items: [
        putNew(item),
        {
          Put: {
            TableName: table,
            Item: {
              ...keys.clientRegistration(body.office, body.registrationNumber),
              entityType: 'clientRegistration',
              clientId: id,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      audit: [{ entity: 'client', entityId: id, action: 'create', changedFields: Object.keys(body) }],
      response: { status: 201, body: toClient(item) },
      onCancelled: (reasons) => (conditionFailed(reasons, 1) ? duplicateRegistration() : undefined),
    };
  });
}

/** Loads a client the actor may read; absent and out of scope look the same (404). */
async function readableClient(req: ApiRequest, id: string, consistent = false): Promise<Item> {
  const item = await getItem(keys.client(id), consistent);
  if (!item || !canReadClient(req.actor, item as { office: string; enrolled?: boolean }))
    throw errors.notFound();
  return item;
}

export async function getClient(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, CLIENT_READERS);
  const { id } = validate(idParams, req.params);
  return { status: 200, body: toClient(await readableClient(req, id)) };
}

export async function patchClient(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, CLIENT_WRITERS);
  const { id } = validate(idParams, req.params);
  const body = validate(patchClientBody, req.body);
  return executeWrite(req, async () => {
    const current = await readableClient(req, id, true);
    if (!canWriteClient(req.actor, current as { office: string })) throw errors.notFound();
    const next: Item = { ...current };
    const changed: string[] = [];
    for (const f of CLIENT_FIELDS) {
      if (!(f in body)) continue;
      const value = body[f];
      if (JSON.stringify(value ?? null) === JSON.stringify(current[f] ?? null)) continue;
      changed.push(f);
      if (value === null) delete next[f];
      else next[f] = value;
    }
    const start = next.supervisionStart as string | undefined;
    const end = next.supervisionEnd as string | undefined;
    if (start && end && start > end) {
      throw errors.validationFailed([
        { path: 'supervisionEnd', message: 'Akhir masa pembimbingan tidak boleh sebelum awalnya.' },
      ]);
    }
    if (changed.length === 0) {
      return { items: [], audit: [], response: { status: 200, body: toClient(current) } };
    }
    next.version = (current.version as number) + 1;
    next.updatedAt = req.now.toISOString();
    const table = config().tableName;
    const office = current.office as string;
    const items: TxItem[] = [
      {
        Put: {
          TableName: table,
          Item: next,
          // Optimistic concurrency: the write only lands on the version we read.
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': current.version },
        },
      },
    ];
    // The guard item moves only when the normalised number changes ("s-1" -> "S-1" keeps it).
    const oldGuard = keys.clientRegistration(office, current.registrationNumber as string);
    const newGuard = keys.clientRegistration(office, next.registrationNumber as string);
    const registrationChanged = changed.includes('registrationNumber') && oldGuard.pk !== newGuard.pk;
    if (registrationChanged) {
      items.push(
        {
          Delete: {
            TableName: table,
            Key: oldGuard,
          },
        },
        {
          Put: {
            TableName: table,
            Item: {
              ...newGuard,
              entityType: 'clientRegistration',
              clientId: id,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      );
    }
    return {
      items,
      audit: [{ entity: 'client', entityId: id, action: 'update', changedFields: changed }],
      response: { status: 200, body: toClient(next) },
      onCancelled: (reasons) => {
        if (conditionFailed(reasons, 0)) return 'retry';
        if (registrationChanged && conditionFailed(reasons, 2)) return duplicateRegistration();
        return undefined;
      },
    };
  });
}

export async function listClients(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, CLIENT_READERS);
  const query = validate(clientListQuery, req.query);
  const office = listableOffice(req.actor, query.office);
  if (office === undefined) {
    throw errors.validationFailed([
      { path: 'office', message: 'Pilih kantor (office) yang akan ditampilkan.' },
    ]);
  }
  if (query.registrationNumber !== undefined) {
    // Exact lookup through the uniqueness guard: one GetItem for the guard, one for the client.
    const guard = await getItem(keys.clientRegistration(office, query.registrationNumber));
    const found = guard ? await getItem(keys.client(guard.clientId as string)) : undefined;
    const visible =
      found && canReadClient(req.actor, found as { office: string; enrolled?: boolean })
        ? [toClient(found)]
        : [];
    return { status: 200, body: { items: visible, nextCursor: null } };
  }
  // konselor reads only enrolled clients: a sparse index holds exactly those.
  const page =
    req.actor.role === 'konselor'
      ? await queryIndex({
          index: 'gsi2',
          partition: partitions.enrolledClientsOfOffice(office),
          limit: query.limit,
          cursor: query.cursor,
        })
      : await queryIndex({
          index: 'gsi1',
          partition: partitions.clientsOfOffice(office),
          limit: query.limit,
          cursor: query.cursor,
        });
  const visible = page.items.filter((i) =>
    canReadClient(req.actor, i as { office: string; enrolled?: boolean }),
  );
  return { status: 200, body: { items: visible.map(toClient), nextCursor: page.nextCursor } };
}
