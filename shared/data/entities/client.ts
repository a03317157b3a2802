import * as z from 'zod/mini';
import { config } from '../../config';
import { clientSearchTokens, matchesAll } from '../../domain/clients';
import { LEGAL_STATUSES, SEXES } from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys, partitions } from '../keys';
import { getItem, getItems, type Item, type Page, queryIndex, queryPartition } from '../read';
import { putNew, putVersioned, type TxPart } from '../write';

/**
 * The client entity: one item `CLIENT#<id>` (filed under its office on gsi1, and once enrolled
 * under its office's enrolled clients on gsi2), a registration guard item per (office,
 * registration number) that makes the number unique in the database itself, and one search
 * token item per word of its name and registration number (written in the client's own
 * transactions, so search never disagrees with the client).
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

// --- search --------------------------------------------------------------------------------

const storedToken = z.object({ clientId: z.string(), words: z.array(z.string()) });

/**
 * The token items of a client after a write: a Put for each of `next`'s tokens (each carries
 * all of them, so a multi-word query is judged from one item), and a Delete for each token of
 * `previous` that is gone. Unconditional: the client's own versioned write in the same
 * transaction is what serialises concurrent changes.
 */
export function searchTokenParts(
  next: ClientRecord,
  previous?: Pick<ClientRecord, 'fullName' | 'registrationNumber'>,
): TxPart[] {
  const words = clientSearchTokens(next);
  const table = config().tableName;
  const parts: TxPart[] = words.map((token) => ({
    name: `searchToken:${token}`,
    item: {
      Put: {
        TableName: table,
        Item: {
          ...keys.clientSearchToken(next.office, token, next.id),
          entityType: 'clientSearch',
          clientId: next.id,
          words,
        },
      },
    },
  }));
  for (const token of previous ? clientSearchTokens(previous) : []) {
    if (words.includes(token)) continue;
    parts.push({
      name: `searchTokenGone:${token}`,
      item: { Delete: { TableName: table, Key: keys.clientSearchToken(next.office, token, next.id) } },
    });
  }
  return parts;
}

/** Did the words a client is found by change? */
export function searchTokensChanged(
  a: Pick<ClientRecord, 'fullName' | 'registrationNumber'>,
  b: Pick<ClientRecord, 'fullName' | 'registrationNumber'>,
): boolean {
  return clientSearchTokens(a).join(' ') !== clientSearchTokens(b).join(' ');
}

/** Query rounds per request: a page of matches may take a few reads when words narrow it. */
const SEARCH_ROUNDS = 5;

/**
 * Clients of an office matching every query word (each begins one of the client's words), by
 * the matched word: one begins_with Query on the office's token partition with the most
 * selective (longest) word, the others checked on the token items themselves. A client whose
 * several words begin with the key word is taken from the first of them only, so it is listed
 * once. Returns the matching clients (one batch read) and the cursor of the token partition.
 */
export async function searchClients(
  office: string,
  queryWords: readonly string[],
  options: { limit: number; cursor?: string | undefined },
): Promise<{ items: ClientRecord[]; nextCursor: string | null }> {
  const [key] = queryWords;
  if (key === undefined) return { items: [], nextCursor: null };
  const ids: string[] = [];
  let cursor = options.cursor;
  for (let round = 0; round < SEARCH_ROUNDS && ids.length < options.limit; round++) {
    const page = await queryPartition({
      pk: keys.clientSearchPartition(office),
      limit: options.limit - ids.length,
      cursor,
      sortPrefix: key,
    });
    for (const item of page.items) {
      const token = String(item.sk).split('#')[0];
      const { clientId, words } = parseItem(storedToken, item, 'client search token');
      if (words.find((w) => w.startsWith(key)) !== token) continue;
      if (matchesAll(words, queryWords) && !ids.includes(clientId)) ids.push(clientId);
    }
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  const clients = (await getItems(ids.map((id) => keys.client(id)))).map(clientFromItem);
  return { items: clients, nextCursor: cursor ?? null };
}
