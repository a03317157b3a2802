import type * as z from 'zod/mini';
import { type RefusalDetail, refuse } from '../domain/refusal';

/**
 * zod issues turned into the envelope's details: one per bad field (the first problem zod reports for
 * it), paths in dot notation, `(root)` for the whole value; unknown keys one detail each.
 * Used by the HTTP layer for requests and by use cases that judge merged or imported values
 * (corrections, spreadsheet rows) with the same schemas.
 */
export function issueDetails(issues: readonly z.core.$ZodIssue[], prefix?: string): RefusalDetail[] {
  const seen = new Set<string>();
  const details: RefusalDetail[] = [];
  const push = (segments: readonly PropertyKey[], message: string) => {
    const path = [prefix, ...segments.map(String)].filter((s) => s !== undefined && s !== '').join('.');
    const key = path || '(root)';
    if (seen.has(key)) return;
    seen.add(key);
    details.push({ path: key, message });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) push([...issue.path, k], 'Kolom tidak dikenal.');
    } else {
      push(issue.path, issue.message);
    }
  }
  return details;
}

/**
 * Parses `value` with `schema`; on failure throws 400 validation_failed with one detail per
 * bad field, paths prefixed with `prefix` when given.
 */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw refuse.validation(issueDetails(result.error.issues, prefix));
}
