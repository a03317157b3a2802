import { badCursor, cursorObject } from './read';

/**
 * A list merged from several index partitions (one per office) pages with one cursor that
 * holds a position per partition: after which item (that partition's own cursor, checked by
 * its query like any other) and how many rows of the next item were already given; or done.
 */
export type MergePosition = { after: string | undefined; skip: number } | 'done';

export function encodeMergeCursor(positions: Record<string, MergePosition>): string {
  return Buffer.from(JSON.stringify(positions), 'utf8').toString('base64url');
}

/** Positions for `sources`; a cursor of another shape (or naming other sources) is 400. */
export function decodeMergeCursor(
  cursor: string | undefined,
  sources: readonly string[],
): Record<string, MergePosition> {
  if (cursor === undefined) return {};
  const parsed = cursorObject(cursor);
  const bad = badCursor;
  const out: Record<string, MergePosition> = {};
  for (const [source, value] of Object.entries(parsed)) {
    if (!sources.includes(source)) throw bad();
    if (value === 'done') {
      out[source] = 'done';
      continue;
    }
    if (!value || typeof value !== 'object') throw bad();
    const after: unknown = Reflect.get(value, 'after');
    const skip: unknown = Reflect.get(value, 'skip');
    if (after !== undefined && typeof after !== 'string') throw bad();
    if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0 || skip > 16) throw bad();
    out[source] = { after, skip };
  }
  return out;
}
