import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { ddb } from '../../aws';
import { config } from '../../config';
import { ROLES } from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys } from '../keys';
import { getItem, getItems, type Item } from '../read';
import { putNew, type TxPart } from '../write';

/**
 * A spreadsheet import (docs/imports.md): one item `IMPORT#<id>` with its state, the counts per
 * sheet and the errors found (at most MAX_STORED_ERRORS, with the total), and who made it: the
 * job acts for that officer. The workbook itself is the S3 object imports/<id>.xlsx.
 */
export const IMPORT_STATES = [
  'uploaded',
  'validating',
  'valid',
  'invalid',
  'applying',
  'applied',
  'failed',
] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** Errors kept on the item (a row of errors is ~150 bytes; the item stays far below 400 KB). */
export const MAX_STORED_ERRORS = 500;

const counts = z.object({ rows: z.number(), new: z.number(), existing: z.number(), invalid: z.number() });
const storedImport = z.object({
  id: z.string(),
  fileName: z.string(),
  objectKey: z.string(),
  office: z.string(),
  createdBy: z.object({ sub: z.string(), role: z.enum(ROLES), office: z.string() }),
  state: z.enum(IMPORT_STATES),
  counts: z.optional(z.record(z.string(), counts)),
  errors: z._default(
    z.array(z.object({ sheet: z.string(), row: z.number(), column: z.string(), message: z.string() })),
    [],
  ),
  errorCount: z._default(z.number(), 0),
  /** How many runs of the job an application took (a big file is applied in several). */
  rounds: z._default(z.number(), 0),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportRecord = z.output<typeof storedImport>;

export function importFromItem(item: Item): ImportRecord {
  return parseItem(storedImport, item, 'import');
}

export async function getImportRecord(id: string): Promise<ImportRecord | undefined> {
  const item = await getItem(keys.importJob(id), true);
  return item ? importFromItem(item) : undefined;
}

export const putNewImport = (record: ImportRecord): TxPart =>
  putNew('importIsNew', { ...keys.importJob(record.id), entityType: 'import', ...record });

/**
 * Moves an import to `to` if it is in one of `from` (false when it was not: another request
 * moved it first), setting `fields` too.
 */
export async function moveImport(
  id: string,
  from: readonly ImportState[],
  to: ImportState,
  at: string,
  fields: Partial<Pick<ImportRecord, 'counts' | 'errors' | 'errorCount' | 'rounds'>> = {},
): Promise<boolean> {
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = { ':to': to, ':at': at };
  const sets = ['#state = :to', 'updatedAt = :at'];
  for (const [k, v] of Object.entries(fields)) {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  from.forEach((s, i) => {
    values[`:from${i}`] = s;
  });
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: keys.importJob(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `attribute_exists(pk) AND #state IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof Error && err.name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/** The row guard of a record row: written in the row's own transaction (WriteContext.guard). */
export function importRowGuard(
  hash: string,
  importId: string,
  sheet: string,
  row: number,
  at: string,
): TxPart {
  return putNew('importRowIsNew', {
    ...keys.importRow(hash),
    entityType: 'importRow',
    hash,
    importId,
    sheet,
    row,
    at,
  });
}

/** Which of these row guards exist already (rows applied before). */
export async function existingRowGuards(hashes: readonly string[]): Promise<Set<string>> {
  const items = await getItems(hashes.map((h) => keys.importRow(h)));
  const found = new Set<string>();
  for (const item of items) if (typeof item.hash === 'string') found.add(item.hash);
  return found;
}
