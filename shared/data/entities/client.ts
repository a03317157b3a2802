import * as z from 'zod/mini';
import { config } from '../../config';
import { LEGAL_STATUSES, SEXES } from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys, partitions } from '../keys';
import { getItem, type Item, type Page, queryIndex } from '../read';
import { putNew, putVersioned, type TxPart } from '../write';

/**
 * The client entity: one item `CLIENT#<id>` (filed under its office on gsi1, and once enrolled
 * under its office's enrolled clients on gsi2), and a registration guard item per (office,
 * registration number) that makes the number unique in the database itself.
 */
const address = z.object({
  street: z.optional(z.string()),
  village: z.optional(z.string()),
  district: z.optional(z.string()),
  city: z.optional(z.string()),
});

const storedClient = z.object({
  id: z.string(),
  office: z.string(),
  registrationNumber: z.string(),
  fullName: z.string(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  nik: z.optional(z.string()),
  phone: z.optional(z.string()),
  address: z.optional(address),
  legalStatus: z.optional(z.enum(LEGAL_STATUSES)),
  caseArticle: z.optional(z.string()),
  supervisionStart: z.optional(z.string()),
  supervisionEnd: z.optional(z.string()),
  /** True once enrolled in any period (konselor may read the client from then on). */
  enrolled: z._default(z.boolean(), false),
  /** Bumped by every enrollment: serialises a client's concurrent enrollments. */
  enrollmentVersion: z._default(z.number(), 0),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClientRecord = z.output<typeof storedClient>;

/** The fields an officer fills in (and may PATCH); the rest is bookkeeping. */
export const CLIENT_FIELDS = [
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
] as const satisfies ReadonlyArray<keyof ClientRecord>;

export function clientFromItem(item: Item): ClientRecord {
  return parseItem(storedClient, item, 'client');
}

export function clientToItem(client: ClientRecord): Item {
  return {
    ...keys.client(client.id),
    ...keys.clientByOffice(client.office, client.id),
    ...(client.enrolled ? keys.enrolledClientByOffice(client.office, client.id) : {}),
    entityType: 'client',
    ...client,
  };
}

export async function getClientRecord(id: string, consistent = false): Promise<ClientRecord | undefined> {
  const item = await getItem(keys.client(id), consistent);
  return item ? clientFromItem(item) : undefined;
}

/** Exact lookup through the registration guard (case and spacing ignored). */
export async function findClientByRegistration(
  office: string,
  registrationNumber: string,
): Promise<ClientRecord | undefined> {
  const guard = await getItem(keys.clientRegistration(office, registrationNumber));
  const clientId = guard?.clientId;
  return typeof clientId === 'string' ? getClientRecord(clientId) : undefined;
}

export async function listClientsOfOffice(
  office: string,
  options: { enrolledOnly: boolean; limit: number; cursor?: string | undefined },
): Promise<{ items: ClientRecord[]; nextCursor: string | null }> {
  // konselor reads only enrolled clients: a sparse index holds exactly those.
  const page: Page = options.enrolledOnly
    ? await queryIndex({
        index: 'gsi2',
        partition: partitions.enrolledClientsOfOffice(office),
        limit: options.limit,
        cursor: options.cursor,
      })
    : await queryIndex({
        index: 'gsi1',
        partition: partitions.clientsOfOffice(office),
        limit: options.limit,
        cursor: options.cursor,
      });
  return { items: page.items.map(clientFromItem), nextCursor: page.nextCursor };
}

// --- transaction parts ---------------------------------------------------------------------

export const putNewClient = (client: ClientRecord): TxPart => putNew('clientIsNew', clientToItem(client));

export const putClientVersion = (client: ClientRecord, readVersion: number): TxPart =>
  putVersioned('clientUnchangedSinceRead', clientToItem(client), readVersion);

/** The uniqueness guard of a registration number: fails when the number is taken. */
export const putRegistrationGuard = (office: string, registrationNumber: string, clientId: string): TxPart =>
  putNew('registrationIsFree', {
    ...keys.clientRegistration(office, registrationNumber),
    entityType: 'clientRegistration',
    clientId,
  });

export const deleteRegistrationGuard = (office: string, registrationNumber: string): TxPart => ({
  name: 'oldRegistrationReleased',
  item: {
    Delete: { TableName: config().tableName, Key: keys.clientRegistration(office, registrationNumber) },
  },
});

/** Do two registration numbers name the same guard (case and spacing ignored)? */
export function sameRegistration(office: string, a: string, b: string): boolean {
  return keys.clientRegistration(office, a).pk === keys.clientRegistration(office, b).pk;
}

/**
 * Marks the client enrolled (visible to konselor from now on) and bumps its enrollment
 * version: two enrollments of one client into overlapping periods cannot both land.
 */
export function markClientEnrolled(client: ClientRecord): TxPart {
  const gsi2 = keys.enrolledClientByOffice(client.office, client.id);
  return {
    name: 'clientEnrollmentsUnchanged',
    item: {
      Update: {
        TableName: config().tableName,
        Key: keys.client(client.id),
        UpdateExpression: 'SET enrollmentVersion = :next, enrolled = :true, gsi2pk = :g2pk, gsi2sk = :g2sk',
        ConditionExpression: 'enrollmentVersion = :current',
        ExpressionAttributeValues: {
          ':next': client.enrollmentVersion + 1,
          ':current': client.enrollmentVersion,
          ':true': true,
          ':g2pk': gsi2.gsi2pk,
          ':g2sk': gsi2.gsi2sk,
        },
      },
    },
  };
}
