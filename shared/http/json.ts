/**
 * JSON helpers that must not recurse on untrusted input: a request body is checked for its
 * nesting depth by scanning the text, before anything (JSON.parse, the fingerprint, zod)
 * walks it recursively.
 */

/** Deepest nesting of arrays and objects the API accepts; its own bodies need 4. */
export const MAX_JSON_DEPTH = 32;

/** Maximum nesting depth of the arrays and objects in a JSON text (strings are skipped). */
export function jsonDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return max;
}

/**
 * JSON with object keys sorted, so that key order does not change a request's fingerprint.
 * Only called on bodies within MAX_JSON_DEPTH.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
