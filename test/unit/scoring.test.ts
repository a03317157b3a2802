import { describe, expect, it } from 'vitest';
import {
  type ItemResponse,
  roundToScoreDecimals,
  scoreUrica,
  scoreWhoqolBref,
  URICA_SUBSCALES,
  type UricaScores,
  type UricaSubscale,
  uricaStage,
  WHOQOL_BREF_DOMAINS,
  type WhoqolBrefDomain,
  type WhoqolBrefScores,
} from '../../shared/domain/scoring';

// Values a form might send that are not an integer 1..5: all must count as missing.
const INVALID_VALUES: readonly number[] = [0, 6, 2.5, Number.NaN, -1, Number.POSITIVE_INFINITY];

/** 26 answers, all `base`, with 1-based item overrides (Q1 = key 1). */
function whoqolForm(overrides: Record<number, ItemResponse> = {}, base: ItemResponse = 3): ItemResponse[] {
  const form = Array.from({ length: 26 }, (): ItemResponse => base);
  for (const [item, value] of Object.entries(overrides)) form[Number(item) - 1] = value;
  return form;
}

/** Overrides that set the last `missing` items of a WHOQOL-BREF domain to null. */
function missingInDomain(domain: WhoqolBrefDomain, missing: number): Record<number, ItemResponse> {
  const items = WHOQOL_BREF_DOMAINS[domain].items;
  return Object.fromEntries(items.slice(items.length - missing).map((item) => [item, null]));
}

function whoqolScores(responses: readonly ItemResponse[]): WhoqolBrefScores {
  const result = scoreWhoqolBref(responses);
  if (!result.ok) throw new Error(`expected an accepted form, got ${JSON.stringify(result)}`);
  return result.scores;
}

type SubscaleAnswers = ItemResponse | readonly ItemResponse[];

/**
 * 32 URICA answers: each subscale given as one value for all 7 items or as its 7 values in the
 * key's item order; the unscored items 4, 9, 20, 31 get `unscored`.
 */
function uricaForm(
  subscales: Record<UricaSubscale, SubscaleAnswers>,
  unscored: ItemResponse = 3,
): ItemResponse[] {
  const form = Array.from({ length: 32 }, (): ItemResponse => unscored);
  for (const [subscale, answers] of Object.entries(subscales) as Array<[UricaSubscale, SubscaleAnswers]>) {
    URICA_SUBSCALES[subscale].forEach((item, index) => {
      form[item - 1] = Array.isArray(answers) ? (answers[index] ?? null) : (answers as ItemResponse);
    });
  }
  return form;
}

function uricaScores(responses: readonly ItemResponse[]): UricaScores {
  const result = scoreUrica(responses);
  if (!result.ok) throw new Error(`expected an accepted form, got ${JSON.stringify(result)}`);
  return result.scores;
}

/** True when `value` is already a 6-dp value (what the store keeps). */
function hasAtMostSixDecimals(value: number): boolean {
  return Number(value.toFixed(6)) === value;
}

describe('roundToScoreDecimals (6 dp, half away from zero)', () => {
  it('rounds a decimal tie up where naive Math.round(x * 1e6) / 1e6 rounds it down', () => {
    // Prepare: prove the naive form really fails here, so this test can fail.
    expect(Math.round(0.1250005 * 1e6) / 1e6).toBe(0.125);
    // Act + assess
    expect(roundToScoreDecimals(0.1250005)).toBe(0.125001);
    expect(roundToScoreDecimals(2.0000005)).toBe(2.000001);
  });

  it('rounds a negative tie away from zero', () => {
    expect(roundToScoreDecimals(-0.0000005)).toBe(-0.000001);
    expect(roundToScoreDecimals(-1.0000005)).toBe(-1.000001);
    expect(roundToScoreDecimals(-2 / 3)).toBe(-0.666667);
  });

  it('rounds below a tie down and above a tie up', () => {
    expect(roundToScoreDecimals(2.0000004999)).toBe(2);
    expect(roundToScoreDecimals(2 / 3)).toBe(0.666667);
    expect(roundToScoreDecimals(116 / 7)).toBe(16.571429);
    expect(roundToScoreDecimals(550 / 7)).toBe(78.571429);
  });

  it('removes floating-point artefacts so that equal scores compare equal', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(roundToScoreDecimals(0.1 + 0.2)).toBe(0.3);
    expect(roundToScoreDecimals(7.999999999999998)).toBe(8);
    expect(roundToScoreDecimals(8.000000000000002)).toBe(8);
  });

  it('handles values written in exponent notation and never returns negative zero', () => {
    expect(roundToScoreDecimals(5e-7)).toBe(0.000001);
    expect(roundToScoreDecimals(4.9e-7)).toBe(0);
    expect(Object.is(roundToScoreDecimals(-4.440892098500626e-16), 0)).toBe(true);
    expect(Object.is(roundToScoreDecimals(-0), 0)).toBe(true);
  });

  it('leaves non-finite and huge values as they are instead of throwing', () => {
    expect(roundToScoreDecimals(Number.NaN)).toBeNaN();
    expect(roundToScoreDecimals(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(roundToScoreDecimals(1e21)).toBe(1e21);
  });
});

describe('scoreWhoqolBref', () => {
  const WORKED_EXAMPLE = [4, 3, 2, 1, 4, 4, 3, 4, 3, 4, 3, 2, 4, 3, 5, 3, 4, 4, 4, 4, 3, 4, 4, 3, 3, 2];

  it('reproduces the public worked example in docs/instruments.md to 6 dp', () => {
    expect(scoreWhoqolBref(WORKED_EXAMPLE)).toEqual({
      ok: true,
      scores: {
        overallQol: 4,
        generalHealth: 3,
        domains: {
          physical: { score4to20: 16.571429, score0to100: 78.571429 },
          psychological: { score4to20: 14.666667, score0to100: 66.666667 },
          social: { score4to20: 14.666667, score0to100: 66.666667 },
          environment: { score4to20: 13, score0to100: 56.25 },
        },
      },
    });
  });

  it('derives score0to100 from the unrounded 4-20 score (the rounded one would give 78.571431)', () => {
    const physical = whoqolScores(WORKED_EXAMPLE).domains.physical;
    expect(roundToScoreDecimals(((16.571429 - 4) * 100) / 16)).toBe(78.571431);
    expect(physical?.score0to100).toBe(78.571429);
  });

  it('accepts a WHOQOL-BREF form with 21 answered items', () => {
    // Q1, Q2 and one item each of physical, psychological, environment missing: 5 of 26.
    const result = scoreWhoqolBref(whoqolForm({ 1: null, 2: null, 18: null, 26: null, 25: null }));
    expect(result.ok).toBe(true);
  });

  it('rejects a WHOQOL-BREF form with 20 answered items, scope form, 20 of 21 required', () => {
    const result = scoreWhoqolBref(whoqolForm({ 1: null, 2: null, 18: null, 26: null, 25: null, 24: null }));
    expect(result).toEqual({
      ok: false,
      reason: 'too_many_missing',
      missing: [{ scope: 'form', answered: 20, required: 21 }],
    });
  });

  it('rejects a form with no answers at all (answered 0) without throwing', () => {
    expect(scoreWhoqolBref(whoqolForm({}, null))).toEqual({
      ok: false,
      reason: 'too_many_missing',
      missing: [{ scope: 'form', answered: 0, required: 21 }],
    });
  });

  it('counts missing Q1 and Q2 toward the whole form but reports them as null', () => {
    const scores = whoqolScores(whoqolForm({ 1: null, 2: null }));
    expect(scores.overallQol).toBeNull();
    expect(scores.generalHealth).toBeNull();
    expect(scores.domains.physical).toEqual({ score4to20: 12, score0to100: 50 });
  });

  it('reports Q1 and Q2 raw, not reversed and in no domain', () => {
    const scores = whoqolScores(whoqolForm({ 1: 1, 2: 5 }));
    expect(scores.overallQol).toBe(1);
    expect(scores.generalHealth).toBe(5);
    for (const domain of Object.values(scores.domains)) {
      expect(domain).toEqual({ score4to20: 12, score0to100: 50 });
    }
  });

  describe('domain minimum answered items', () => {
    // All items 4, reversed items 2 (scored 4): every domain mean is 4 -> 16 / 75 whenever it
    // is scored, which also proves the mean is over the ANSWERED items only. Note environment:
    // its minimum 6 of 8 is reached with 2 missing, and one below is 3 missing.
    const allFour = { 3: 2, 4: 2, 26: 2 };
    const cases: Array<[WhoqolBrefDomain, number, number]> = [
      ['physical', 6, 7],
      ['psychological', 5, 6],
      ['social', 2, 3],
      ['environment', 6, 8],
    ];

    it.each(cases)('scores %s with its minimum of %i of %i answered', (domain, minimum, total) => {
      const scores = whoqolScores(whoqolForm({ ...allFour, ...missingInDomain(domain, total - minimum) }, 4));
      expect(scores.domains[domain]).toEqual({ score4to20: 16, score0to100: 75 });
    });

    it.each(cases)(
      'nulls %s one below its minimum of %i of %i and keeps the other domains',
      (domain, minimum, total) => {
        const scores = whoqolScores(
          whoqolForm({ ...allFour, ...missingInDomain(domain, total - minimum + 1) }, 4),
        );
        expect(scores.domains[domain]).toBeNull();
        for (const [other, score] of Object.entries(scores.domains)) {
          if (other !== domain) expect(score).toEqual({ score4to20: 16, score0to100: 75 });
        }
      },
    );

    it('scores a domain with every item answered but one (not only at the minimum)', () => {
      const scores = whoqolScores(whoqolForm({ ...allFour, ...missingInDomain('environment', 1) }, 4));
      expect(scores.domains.environment).toEqual({ score4to20: 16, score0to100: 75 });
    });

    it('nulls every domain below its minimum while the form itself is accepted (21 answered)', () => {
      // Social 2 missing + psychological 2 missing + Q1 = 5 missing.
      const scores = whoqolScores(
        whoqolForm({ 1: null, ...missingInDomain('social', 2), ...missingInDomain('psychological', 2) }),
      );
      expect(scores.domains.social).toBeNull();
      expect(scores.domains.psychological).toBeNull();
      expect(scores.domains.physical).not.toBeNull();
      expect(scores.domains.environment).not.toBeNull();
    });
  });

  describe('reverse-scored items Q3, Q4, Q26', () => {
    it('scores Q3, Q4 and Q26 as 6 - x (only those items vary between the two forms)', () => {
      const low = whoqolScores(whoqolForm({ 3: 1, 4: 1, 26: 1 }));
      const high = whoqolScores(whoqolForm({ 3: 5, 4: 5, 26: 5 }));
      // Answer 1 on a reversed item scores 5: physical (5 + 5 + 5 x 3) / 7 x 4 = 100/7.
      expect(low.domains.physical).toEqual({ score4to20: 14.285714, score0to100: 64.285714 });
      expect(low.domains.psychological).toEqual({ score4to20: 13.333333, score0to100: 58.333333 });
      // Answer 5 scores 1: physical (1 + 1 + 5 x 3) / 7 x 4 = 68/7.
      expect(high.domains.physical).toEqual({ score4to20: 9.714286, score0to100: 35.714286 });
      expect(high.domains.psychological).toEqual({ score4to20: 10.666667, score0to100: 41.666667 });
      // Domains without reversed items do not move.
      expect(low.domains.social).toEqual(high.domains.social);
      expect(low.domains.environment).toEqual(high.domains.environment);
    });

    it('does not reverse a non-reversed item (Q10 answered 1 lowers physical)', () => {
      const scores = whoqolScores(whoqolForm({ 10: 1 }));
      // (1 + 3 x 6) / 7 x 4 = 76/7
      expect(scores.domains.physical).toEqual({ score4to20: 10.857143, score0to100: 42.857143 });
    });
  });

  describe('values outside 1-5', () => {
    it.each(INVALID_VALUES)('counts %s as missing (Q1 null, physical null with two such values)', (value) => {
      const scores = whoqolScores(whoqolForm({ 1: value, 10: value, 15: value }));
      expect(scores.overallQol).toBeNull();
      expect(scores.domains.physical).toBeNull();
      expect(scores.domains.psychological).toEqual({ score4to20: 12, score0to100: 50 });
    });

    it.each(INVALID_VALUES)('rejects a form with six items set to %s (20 answered)', (value) => {
      const result = scoreWhoqolBref(
        whoqolForm({ 1: value, 2: value, 18: value, 26: value, 25: value, 24: value }),
      );
      expect(result).toEqual({
        ok: false,
        reason: 'too_many_missing',
        missing: [{ scope: 'form', answered: 20, required: 21 }],
      });
    });

    it('treats holes in a sparse array as missing instead of throwing', () => {
      const sparse = new Array<ItemResponse>(26);
      expect(scoreWhoqolBref(sparse)).toEqual({
        ok: false,
        reason: 'too_many_missing',
        missing: [{ scope: 'form', answered: 0, required: 21 }],
      });
    });
  });

  it('stores both scores with at most 6 decimals and equal means give equal scores', () => {
    // Physical mean 29/7 from two different answer patterns.
    const a = whoqolScores(WORKED_EXAMPLE).domains.physical;
    const b = whoqolScores(whoqolForm({ 3: 1, 4: 2, 10: 4, 15: 4, 16: 4, 17: 4, 18: 4 })).domains.physical;
    expect(a).toEqual(b);
    for (const domain of Object.values(whoqolScores(WORKED_EXAMPLE).domains)) {
      expect(domain).not.toBeNull();
      expect(hasAtMostSixDecimals(domain?.score4to20 ?? Number.NaN)).toBe(true);
      expect(hasAtMostSixDecimals(domain?.score0to100 ?? Number.NaN)).toBe(true);
    }
  });

  it.each([0, 25, 27, 32])('throws RangeError for %i responses instead of 26', (length) => {
    expect(() => scoreWhoqolBref(Array.from({ length }, () => 3))).toThrow(RangeError);
  });
});

describe('scoreUrica', () => {
  const WORKED_EXAMPLE = [
    2, 4, 4, 4, 1, 3, 4, 5, 3, 4, 1, 4, 2, 3, 5, 3, 4, 2, 4, 4, 4, 3, 2, 5, 4, 1, 3, 3, 2, 4, 2, 3,
  ];

  it('reproduces the public worked example in docs/instruments.md to 6 dp', () => {
    expect(scoreUrica(WORKED_EXAMPLE)).toEqual({
      ok: true,
      scores: {
        precontemplation: 1.571429,
        contemplation: 4.428571,
        action: 3.857143,
        maintenance: 2.857143,
        readiness: 9.571429,
        stage: 'contemplation',
      },
    });
  });

  it('computes readiness from the unrounded means (the stored means would sum to 9.571428)', () => {
    const scores = uricaScores(WORKED_EXAMPLE);
    const fromStoredMeans = roundToScoreDecimals(
      scores.contemplation + scores.action + scores.maintenance - scores.precontemplation,
    );
    expect(fromStoredMeans).toBe(9.571428);
    expect(scores.readiness).toBe(9.571429);
  });

  const SUBSCALES: readonly UricaSubscale[] = ['precontemplation', 'contemplation', 'action', 'maintenance'];
  const allThree: Record<UricaSubscale, SubscaleAnswers> = {
    precontemplation: 3,
    contemplation: 3,
    action: 3,
    maintenance: 3,
  };

  it.each(SUBSCALES)('accepts %s with 6 of 7 answered and averages the answered items only', (subscale) => {
    const scores = uricaScores(uricaForm({ ...allThree, [subscale]: [5, 5, 5, 5, 5, 2, null] }));
    // (5 x 5 + 2) / 6 = 4.5; dividing by 7 would give 3.857143.
    expect(scores[subscale]).toBe(4.5);
  });

  it.each(SUBSCALES)('rejects %s with 5 of 7 answered, naming only that subscale', (subscale) => {
    const result = scoreUrica(uricaForm({ ...allThree, [subscale]: [3, 3, 3, 3, 3, null, null] }));
    expect(result).toEqual({
      ok: false,
      reason: 'too_many_missing',
      missing: [{ scope: subscale, answered: 5, required: 6 }],
    });
  });

  it('lists every failing subscale with its answered count', () => {
    const result = scoreUrica(
      uricaForm({ ...allThree, precontemplation: [3, 3, 3, 3, 3, null, null], maintenance: null }),
    );
    expect(result).toEqual({
      ok: false,
      reason: 'too_many_missing',
      missing: [
        { scope: 'precontemplation', answered: 5, required: 6 },
        { scope: 'maintenance', answered: 0, required: 6 },
      ],
    });
  });

  it('lists all four subscales for an empty form without throwing', () => {
    const result = scoreUrica(Array.from({ length: 32 }, () => null));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing.map((m) => m.scope)).toEqual(SUBSCALES);
  });

  it('ignores unscored items 4, 9, 20, 31 whether null, out of range or answered', () => {
    const answered = scoreUrica(WORKED_EXAMPLE);
    const withNull = [...WORKED_EXAMPLE] as ItemResponse[];
    const withJunk = [...WORKED_EXAMPLE] as ItemResponse[];
    const withOther = [...WORKED_EXAMPLE] as ItemResponse[];
    for (const item of [4, 9, 20, 31]) {
      withNull[item - 1] = null;
      withJunk[item - 1] = 99;
      withOther[item - 1] = 1;
    }
    expect(scoreUrica(withNull)).toEqual(answered);
    expect(scoreUrica(withJunk)).toEqual(answered);
    expect(scoreUrica(withOther)).toEqual(answered);
  });

  it('accepts a form where every subscale is at 6 of 7 and all unscored items are null', () => {
    const sixOfSeven = [3, 3, 3, 3, 3, 3, null];
    const result = scoreUrica(
      uricaForm(
        {
          precontemplation: sixOfSeven,
          contemplation: sixOfSeven,
          action: sixOfSeven,
          maintenance: sixOfSeven,
        },
        null,
      ),
    );
    expect(result.ok).toBe(true);
  });

  describe('values outside 1-5', () => {
    it.each(INVALID_VALUES)('counts one %s in a subscale as missing (mean of the other 6)', (value) => {
      const scores = uricaScores(uricaForm({ ...allThree, action: [value, 4, 4, 4, 4, 4, 4] }));
      expect(scores.action).toBe(4);
    });

    it.each(INVALID_VALUES)('rejects a subscale with two %s values (5 of 7 answered)', (value) => {
      const result = scoreUrica(uricaForm({ ...allThree, contemplation: [value, value, 4, 4, 4, 4, 4] }));
      expect(result).toEqual({
        ok: false,
        reason: 'too_many_missing',
        missing: [{ scope: 'contemplation', answered: 5, required: 6 }],
      });
    });
  });

  describe('stage cut-offs (readiness <= 8, <= 11, > 11)', () => {
    it('puts readiness exactly 8 in precontemplation', () => {
      const scores = uricaScores(
        uricaForm({ precontemplation: 1, contemplation: 3, action: 3, maintenance: 3 }),
      );
      expect(scores.readiness).toBe(8);
      expect(scores.stage).toBe('precontemplation');
    });

    it('puts readiness 8 + 1/42 (the smallest step a form can make) in contemplation', () => {
      // contemplation 19/6, action 20/7, maintenance 3, precontemplation 1 -> 337/42
      const scores = uricaScores(
        uricaForm({
          precontemplation: 1,
          contemplation: [4, 3, 3, 3, 3, 3, null],
          action: [3, 3, 3, 3, 3, 3, 2],
          maintenance: 3,
        }),
      );
      expect(scores.readiness).toBe(8.02381);
      expect(scores.stage).toBe('contemplation');
    });

    it('puts readiness exactly 11 in contemplation', () => {
      const scores = uricaScores(
        uricaForm({ precontemplation: 1, contemplation: 4, action: 4, maintenance: 4 }),
      );
      expect(scores.readiness).toBe(11);
      expect(scores.stage).toBe('contemplation');
    });

    it('puts readiness 11 + 1/42 in preparation_action', () => {
      // contemplation 25/6, action 27/7, maintenance 4, precontemplation 1 -> 463/42
      const scores = uricaScores(
        uricaForm({
          precontemplation: 1,
          contemplation: [5, 4, 4, 4, 4, 4, null],
          action: [4, 4, 4, 4, 4, 4, 3],
          maintenance: 4,
        }),
      );
      expect(scores.readiness).toBe(11.02381);
      expect(scores.stage).toBe('preparation_action');
    });

    it('applies the cut-off to the rounded readiness when floating point gives 8.000000000000002', () => {
      // Exactly 8 = 25/7 + 29/7 + 9/7 - 1, but not in binary floating point.
      expect(25 / 7 + 29 / 7 + 9 / 7 - 6 / 6).toBe(8.000000000000002);
      const scores = uricaScores(
        uricaForm({
          precontemplation: [1, 1, 1, 1, 1, 1, null],
          contemplation: [4, 4, 4, 4, 3, 3, 3],
          action: [5, 4, 4, 4, 4, 4, 4],
          maintenance: [1, 1, 1, 1, 1, 2, 2],
        }),
      );
      expect(scores.readiness).toBe(8);
      expect(scores.stage).toBe('precontemplation');
    });

    it('applies the cut-off to the rounded readiness when floating point gives 11.000000000000002', () => {
      // Exactly 11 = 21/6 + 28/6 + 23/6 - 1, but not in binary floating point.
      expect(21 / 6 + 28 / 6 + 23 / 6 - 6 / 6).toBe(11.000000000000002);
      const scores = uricaScores(
        uricaForm({
          precontemplation: [1, 1, 1, 1, 1, 1, null],
          contemplation: [4, 4, 4, 3, 3, 3, null],
          action: [5, 5, 5, 5, 4, 4, null],
          maintenance: [4, 4, 4, 4, 4, 3, null],
        }),
      );
      expect(scores.readiness).toBe(11);
      expect(scores.stage).toBe('contemplation');
    });

    it('covers the whole readiness range -2..14', () => {
      const lowest = uricaScores(
        uricaForm({ precontemplation: 5, contemplation: 1, action: 1, maintenance: 1 }),
      );
      const highest = uricaScores(
        uricaForm({ precontemplation: 1, contemplation: 5, action: 5, maintenance: 5 }),
      );
      expect(lowest).toMatchObject({ readiness: -2, stage: 'precontemplation' });
      expect(highest).toMatchObject({ readiness: 14, stage: 'preparation_action' });
    });

    it.each([
      [8, 'precontemplation'],
      [8.000001, 'contemplation'],
      [11, 'contemplation'],
      [11.000001, 'preparation_action'],
    ] as const)('uricaStage(%s) is %s', (readiness, stage) => {
      expect(uricaStage(readiness)).toBe(stage);
    });
  });

  it('stores every score with at most 6 decimals', () => {
    const scores = uricaScores(WORKED_EXAMPLE);
    for (const value of [
      scores.precontemplation,
      scores.contemplation,
      scores.action,
      scores.maintenance,
      scores.readiness,
    ]) {
      expect(hasAtMostSixDecimals(value)).toBe(true);
    }
  });

  it.each([0, 28, 31, 33])('throws RangeError for %i responses instead of 32', (length) => {
    expect(() => scoreUrica(Array.from({ length }, () => 3))).toThrow(RangeError);
  });
});
