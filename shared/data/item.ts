import type * as z from 'zod/mini';
import type { Item } from './read';

/**
 * Reads a stored item into its entity's type. The schema is the entity's stored shape (plain
 * types, no API rules), and parsing strips the key attributes (pk, sk, gsi*, entityType), so
 * the rest of the code sees typed records and never a key. An item that does not fit is a
 * fault in the data, not in the request: it throws (500), naming the entity and the fields.
 */
export function parseItem<S extends z.ZodMiniType>(schema: S, item: Item, entity: string): z.output<S> {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.')))].join(', ');
  throw new CorruptItemError(`stored ${entity} item does not fit its schema (fields: ${fields})`);
}

export class CorruptItemError extends Error {
  override name = 'CorruptItemError';
}
