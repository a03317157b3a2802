/** NIK is shown masked: all but the last 4 digits hidden (PDP law: minimum disclosure). */
export function maskNik(nik: string): string {
  return `${'*'.repeat(Math.max(0, nik.length - 4))}${nik.slice(-4)}`;
}

/**
 * Client search (docs/data-model.md "Client search"): the words a client is found by, and the
 * words of a query, normalised alike: accents dropped (NFD, combining marks removed), lower
 * case, split at anything that is not a letter or a digit. "Múhammad Al-Farisi" -> muhammad,
 * al, farisi.
 */
const MAX_WORD = 40;

export function searchWords(text: string): string[] {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .map((w) => w.slice(0, MAX_WORD));
  return [...new Set(words)];
}

/**
 * The search tokens of a client: each word of the name; each letter/digit run of the
 * registration number ("PAS-001/2025" -> pas, 001, 2025) and the number without separators
 * (pas0012025), so a number is found from its start, from any of its parts, or typed without
 * the dashes. A query word matches a token it begins.
 */
export function clientSearchTokens(client: { fullName: string; registrationNumber: string }): string[] {
  const runs = searchWords(client.registrationNumber);
  const compact = runs.join('').slice(0, MAX_WORD);
  // Bounded, so a client's write stays a small transaction whatever is typed.
  const tokens = [
    ...searchWords(client.fullName).slice(0, 12),
    ...runs.slice(0, 6),
    ...(compact ? [compact] : []),
  ];
  return [...new Set(tokens)];
}

/** At most this many words of a query are used (the rest would only narrow further). */
export const MAX_QUERY_WORDS = 5;

/** The words of a search query, longest first (the longest is the most selective key). */
export function searchQueryWords(q: string): string[] {
  return searchWords(q)
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, MAX_QUERY_WORDS);
}

/** Does a client with `tokens` match every query word (each begins some token)? */
export function matchesAll(tokens: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((q) => tokens.some((t) => t.startsWith(q)));
}
