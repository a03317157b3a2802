/**
 * WHOQOL-BREF scoring (26 items, answers 1-5), exactly per docs/instruments.md ("WHOQOL-BREF").
 *
 * Sources: WHO, "WHOQOL-BREF: Introduction, Administration, Scoring and Generic Version of the
 * Assessment" (1996, the WHO scoring manual) and its SPSS scoring syntax (Harper & Power);
 * Indonesian version: Purba et al. 2018, PLoS ONE 13(5): e0197098 (same scoring).
 * Where these differ, docs/instruments.md records the product's decision: means x 4 without rounding to
 * integers and without the manual's 0-100 conversion table.
 *
 * Pure domain code: no AWS import, no I/O, never throws for a wrong answer value (a wrong array
 * length is a caller bug and throws RangeError, because callers validate the length first).
 *
 * The answer helpers and the result type below are shared with urica.ts.
 */

/** One answer sent by a form; anything but an integer 1..5 is missing. */
export type ItemResponse = number | null;

export type ScoringResult<T> =
  | { ok: true; scores: T }
  | {
      ok: false;
      reason: 'too_many_missing';
      missing: Array<{ scope: string; answered: number; required: number }>;
    };

export const ITEM_MIN = 1;
export const ITEM_MAX = 5;

/**
 * True for a usable answer: an integer in 1..5. Typed `unknown` so that the scorer stays total
 * even when a caller slips through undefined (sparse array), NaN, 2.5 or a string.
 */
export function isAnsweredItem(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= ITEM_MIN && value <= ITEM_MAX;
}

/** Stored scores keep this many decimal places (docs/instruments.md, "Scoring happens on the server"). */
export const SCORE_DECIMALS = 6;

/**
 * Rounds to 6 decimal places, half away from zero, without binary floating-point artefacts.
 *
 * Why not `Math.round(x * 1e6) / 1e6`: `0.1250005 * 1e6` is 125000.49999999999 in binary, so
 * the naive form rounds that decimal tie down (0.125); and Math.round rounds -0.5 towards
 * +infinity (-0.0000005 would become -0, not -0.000001). Instead the decimal point is shifted
 * in the number's shortest round-trip decimal text (`0.1250005` -> `0.1250005e6`, which parses
 * to exactly 125000.5), the magnitude is rounded, and the result is parsed back from decimal
 * text, which yields the double nearest to the 6-dp value (so 0.1 + 0.2 is stored: 0.3).
 * Negative zero is normalised to 0 so that stored values compare equal.
 */
export function roundToScoreDecimals(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  // From 1e15 up a double has no digit left at the 6th decimal, and the integer text could turn
  // into exponent notation (1e+21) that the second parse below would not read.
  if (magnitude >= 1e15) return value;
  const [mantissa, exponent = '0'] = magnitude.toString().split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + SCORE_DECIMALS}`);
  const roundedMagnitude = Number(`${Math.round(shifted)}e-${SCORE_DECIMALS}`);
  if (roundedMagnitude === 0) return 0;
  return value < 0 ? -roundedMagnitude : roundedMagnitude;
}

/** Throws RangeError unless `responses` has exactly `expected` entries. */
export function assertItemCount(instrument: string, responses: readonly unknown[], expected: number): void {
  if (responses.length !== expected) {
    throw new RangeError(`${instrument} expects exactly ${expected} responses, got ${responses.length}`);
  }
}

export const WHOQOL_BREF_ITEM_COUNT = 26;

/**
 * Whole-form rule: more than 20% of the 26 items missing (6 or more) rejects the assessment,
 * i.e. at least 21 answered items are required.
 */
export const WHOQOL_BREF_MIN_ANSWERED = 21;

/** Q3, Q4 and Q26 are negatively worded: scored 6 - x (WHO 1996 manual, SPSS syntax). */
export const WHOQOL_BREF_REVERSED_ITEMS: readonly number[] = [3, 4, 26];

export type WhoqolBrefDomain = 'physical' | 'psychological' | 'social' | 'environment';

/** Item numbers (1-based, numbered like the printed form) and the minimum answered for a domain score. */
export const WHOQOL_BREF_DOMAINS: Readonly<
  Record<WhoqolBrefDomain, { items: readonly number[]; minAnswered: number }>
> = {
  physical: { items: [3, 4, 10, 15, 16, 17, 18], minAnswered: 6 },
  psychological: { items: [5, 6, 7, 11, 19, 26], minAnswered: 5 },
  social: { items: [20, 21, 22], minAnswered: 2 },
  environment: { items: [8, 9, 12, 13, 14, 23, 24, 25], minAnswered: 6 },
};

export interface DomainScore {
  score4to20: number;
  score0to100: number;
}

export interface WhoqolBrefScores {
  /** Raw Q1 (1..5), in no domain; null when missing. */
  overallQol: number | null;
  /** Raw Q2 (1..5), in no domain; null when missing. */
  generalHealth: number | null;
  /** A domain below its minimum answered items is null; the rest of the form still counts. */
  domains: Record<WhoqolBrefDomain, DomainScore | null>;
}

function itemValue(responses: readonly ItemResponse[], itemNumber: number): number | null {
  const value = responses[itemNumber - 1];
  if (!isAnsweredItem(value)) return null;
  return WHOQOL_BREF_REVERSED_ITEMS.includes(itemNumber) ? ITEM_MAX + ITEM_MIN - value : value;
}

function scoreDomain(
  responses: readonly ItemResponse[],
  domain: { items: readonly number[]; minAnswered: number },
): DomainScore | null {
  const answered = domain.items
    .map((item) => itemValue(responses, item))
    .filter((value): value is number => value !== null);
  if (answered.length < domain.minAnswered) return null;
  const mean = answered.reduce((sum, value) => sum + value, 0) / answered.length;
  const score4to20 = mean * 4;
  // score0to100 is derived from the UNROUNDED 4-20 score, then both are rounded once. Deriving
  // it from the rounded 4-20 value would double-round: the public worked example's physical
  // domain (116/7) would give 78.571431 instead of the expected 78.571429.
  const score0to100 = ((score4to20 - 4) * 100) / 16;
  return {
    score4to20: roundToScoreDecimals(score4to20),
    score0to100: roundToScoreDecimals(score0to100),
  };
}

/**
 * Scores a WHOQOL-BREF form. `responses[0]` is Q1, `responses[25]` is Q26.
 * Not ok (scope 'form') when 6 or more of the 26 items are missing; otherwise ok, with each
 * domain below its own minimum set to null.
 */
export function scoreWhoqolBref(responses: readonly ItemResponse[]): ScoringResult<WhoqolBrefScores> {
  assertItemCount('WHOQOL-BREF', responses, WHOQOL_BREF_ITEM_COUNT);

  // Array.from visits holes in sparse arrays too, so they are missing too.
  const answered = Array.from(responses, isAnsweredItem).filter(Boolean).length;
  if (answered < WHOQOL_BREF_MIN_ANSWERED) {
    return {
      ok: false,
      reason: 'too_many_missing',
      missing: [{ scope: 'form', answered, required: WHOQOL_BREF_MIN_ANSWERED }],
    };
  }

  // Q1 and Q2 are raw answers, never reversed (itemValue reverses only Q3, Q4, Q26).
  return {
    ok: true,
    scores: {
      overallQol: itemValue(responses, 1),
      generalHealth: itemValue(responses, 2),
      domains: {
        physical: scoreDomain(responses, WHOQOL_BREF_DOMAINS.physical),
        psychological: scoreDomain(responses, WHOQOL_BREF_DOMAINS.psychological),
        social: scoreDomain(responses, WHOQOL_BREF_DOMAINS.social),
        environment: scoreDomain(responses, WHOQOL_BREF_DOMAINS.environment),
      },
    },
  };
}
