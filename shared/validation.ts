import { z } from 'zod';
import { type ErrorDetail, errors } from './errors';

// Messages that officers read come in Indonesian.
z.config(z.locales.id());

/**
 * Parses `value` with `schema`; on failure throws 400 validation_failed with one detail per
 * bad field (the first problem zod reports for that field), paths in dot notation.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw errors.validationFailed(issueDetails(result.error.issues, prefix));
}

export function issueDetails(issues: readonly z.core.$ZodIssue[], prefix?: string): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
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

// --- reusable field schemas ----------------------------------------------------------------

/** A real calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date();

export const ulidId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'ID tidak valid.');
