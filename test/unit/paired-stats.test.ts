import { describe, expect, it } from 'vitest';
import {
  holm,
  type PairedSummary,
  pairedSummary,
  tieTolerantDifferences,
  tieTolerantValues,
  wilcoxonSignedRank,
} from '../../shared/domain/stats';
import { exactSignedRankP } from '../../shared/domain/stats/paired';

// Builds pairs whose post - pre equals the given differences (pre = 10 + i keeps pre distinct).
function pairsFromDiffs(diffs: number[]): Array<{ pre: number; post: number }> {
  return diffs.map((d, i) => ({ pre: 10 + i, post: 10 + i + d }));
}

// Every number anywhere in the summary is finite, every p is in [0, 1], and the summary
// survives a JSON round trip unchanged.
function expectJsonSafe(s: PairedSummary): void {
  const walk = (v: unknown): void => {
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(s);
  for (const p of [s.tTest?.p, s.wilcoxon?.p]) {
    if (p !== undefined) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  }
  expect(JSON.parse(JSON.stringify(s))).toEqual(s);
}

describe('pairedSummary against R reference values (docs/instruments.md)', () => {
  // R's sleep data. R's t.test(group1, group2, paired = TRUE) tests group1 - group2. Our
  // meanDiff is post - pre, so post = group 1 and pre = group 2 gives R's sign (t = -4.0621).
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const sleep = group1.map((g1, i) => ({ pre: group2[i] as number, post: g1 }));

  it('matches R t.test(paired = TRUE) on the sleep data: t, df, p and 95% CI', () => {
    const s = pairedSummary(sleep);
    expect(s.nPairs).toBe(10);
    expect(s.tTest?.t).toBeCloseTo(-4.0621, 4);
    expect(s.tTest?.df).toBe(9);
    expect(s.tTest?.p).toBeCloseTo(0.002833, 6);
    expect(s.ci95?.[0]).toBeCloseTo(-2.4599, 4);
    expect(s.ci95?.[1]).toBeCloseTo(-0.7001, 4);
    expect(s.meanDiff).toBeCloseTo(-1.58, 12);
    expectJsonSafe(s);
  });

  it('matches R wilcox.test(paired = TRUE) on the sleep data: V = 0, p = 0.009091 by normal approximation (ties and a zero)', () => {
    const s = pairedSummary(sleep);
    // One zero difference (-0.1 - -0.1) is dropped; |d| = 1.3 occurs twice (a tie), so the
    // normal approximation with tie correction and continuity correction applies.
    expect(s.wilcoxon).toEqual({ v: 0, p: expect.closeTo(0.009091, 6), method: 'normal' });
  });

  it('reports pre/post mean and sample SD (n - 1), d_z and rank-biserial for the sleep data', () => {
    const s = pairedSummary(sleep);
    // R: mean/sd(sleep$extra[11:20]) = 2.33 / 2.002249; sleep$extra[1:10]: 0.75 / 1.789010.
    expect(s.pre.mean).toBeCloseTo(2.33, 12);
    expect(s.pre.sd).toBeCloseTo(2.002249, 6);
    expect(s.post.mean).toBeCloseTo(0.75, 12);
    expect(s.post.sd).toBeCloseTo(1.78901, 6);
    // d_z = mean(d) / sd(d) = -1.58 / 1.229995 = -1.284558.
    expect(s.effectSize.dz).toBeCloseTo(-1.284558, 6);
    // Every non-zero difference is negative: W+ = 0, W- = 45, r = (0 - 45) / 45 = -1.
    expect(s.effectSize.rankBiserial).toBe(-1);
    expect(s.warnings).toEqual([]);
  });

  it("matches R's ?wilcox.test example (Hollander & Wolfe p. 29): V = 40, exact p = 0.039062; t = 3.0354, df = 8, p = 0.016177", () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    // R tests x - y, so post = x, pre = y.
    const s = pairedSummary(x.map((xi, i) => ({ pre: y[i] as number, post: xi })));
    // 0.039062 is R's printed value of 0.0390625, so compare to 5 decimals here and exactly below.
    expect(s.wilcoxon).toEqual({ v: 40, p: expect.closeTo(0.039062, 5), method: 'exact' });
    // Exactly 2 * P(V >= 40 | n = 9) = 2 * 10/512.
    expect(s.wilcoxon?.p).toBeCloseTo(20 / 512, 15);
    expect(s.tTest?.t).toBeCloseTo(3.0354, 4);
    expect(s.tTest?.df).toBe(8);
    expect(s.tTest?.p).toBeCloseTo(0.016177, 6);
    // W+ = 40, W- = 45 - 40 = 5: r = 35 / 45 = 7/9.
    expect(s.effectSize.rankBiserial).toBeCloseTo(7 / 9, 12);
    // n = 9 < 10.
    expect(s.warnings).toEqual(['small_sample']);
    expectJsonSafe(s);
  });
});

describe('pairedSummary on hand-computed cases', () => {
  it('uses the normal approximation with tie-corrected variance and continuity correction when |d| ties', () => {
    // d = 1, 1, 2, -3, 4, 5. |d| ranks: 1.5, 1.5, 3, 4, 5, 6. V = W+ = 1.5+1.5+3+5+6 = 17, W- = 4.
    // n = 6: E[V] = n(n+1)/4 = 10.5; Var = n(n+1)(2n+1)/24 - sum(t^3 - t)/48 = 22.75 - 6/48 = 22.625.
    // z = (17 - 10.5 - 0.5) / sqrt(22.625) = 1.261412; p = 2 * (1 - Phi(z)) = 0.2071604
    // (Phi computed with erfc; scipy.stats.wilcoxon(method='approx', correction=True) agrees).
    const s = pairedSummary(pairsFromDiffs([1, 1, 2, -3, 4, 5]));
    expect(s.wilcoxon).toEqual({ v: 17, p: expect.closeTo(0.2071604489, 9), method: 'normal' });
    // r = (17 - 4) / 21.
    expect(s.effectSize.rankBiserial).toBeCloseTo(13 / 21, 12);
    expectJsonSafe(s);
  });

  it('drops zero differences and, as R, uses the normal approximation when a zero was dropped', () => {
    // d = 0, 1, -2, 3, 4, 5 -> the 0 is dropped, n = 5, ranks 1..5, V = 1+3+4+5 = 13, W- = 2.
    // R: wilcox.test(c(0, 1, -2, 3, 4, 5)) warns "cannot compute exact p-value with zeroes" and
    // gives V = 13, p = 0.1775 (normal approximation with continuity correction). Without the
    // zero, the same five differences get the exact p = 2 * 3/32 = 0.1875 (next test).
    const s = pairedSummary(pairsFromDiffs([0, 1, -2, 3, 4, 5]));
    expect(s.wilcoxon?.v).toBe(13);
    expect(s.wilcoxon?.method).toBe('normal');
    expect(s.wilcoxon?.p).toBeCloseTo(0.1775, 4);
    const exact = pairedSummary(pairsFromDiffs([1, -2, 3, 4, 5]));
    expect(exact.wilcoxon).toEqual({ v: 13, p: 0.1875, method: 'exact' });
    expect(s.effectSize.rankBiserial).toBeCloseTo(11 / 15, 12);
    // The t-test keeps the zero: mean 11/6, scipy.stats.ttest_1samp gives t = 1.701393, p = 0.149608.
    expect(s.nPairs).toBe(6);
    expect(s.tTest?.t).toBeCloseTo(1.701393, 6);
    expect(s.tTest?.df).toBe(5);
    expect(s.tTest?.p).toBeCloseTo(0.149608, 6);
    expect(s.effectSize.dz).toBeCloseTo(0.694591, 6);
    expect(s.warnings).toEqual(['small_sample']);
    expectJsonSafe(s);
  });

  it('returns no tests and no effect sizes for nPairs = 0, with fewer_than_2_pairs and small_sample', () => {
    const s = pairedSummary([]);
    expect(s).toEqual({
      nPairs: 0,
      pre: { mean: null, sd: null },
      post: { mean: null, sd: null },
      meanDiff: null,
      ci95: null,
      tTest: null,
      wilcoxon: null,
      effectSize: { dz: null, rankBiserial: null },
      warnings: ['fewer_than_2_pairs', 'small_sample'],
    });
    expectJsonSafe(s);
  });

  it('returns means and meanDiff but null SDs, tests and effect sizes for nPairs = 1', () => {
    const s = pairedSummary([{ pre: 50, post: 62.5 }]);
    expect(s).toEqual({
      nPairs: 1,
      pre: { mean: 50, sd: null },
      post: { mean: 62.5, sd: null },
      meanDiff: 12.5,
      ci95: null,
      tTest: null,
      wilcoxon: null,
      effectSize: { dz: null, rankBiserial: null },
      warnings: ['fewer_than_2_pairs', 'small_sample'],
    });
    expectJsonSafe(s);
  });

  it('computes all statistics for nPairs = 2 (t with df = 1 has the Cauchy closed form)', () => {
    // d = 1, 3: mean 2, sd sqrt(2), se = 1, t = 2, df = 1.
    // p = 2 * P(T1 > 2) = 1 - 2 atan(2) / pi = 0.2951672; t(0.975, 1) = tan(0.475 pi) = 12.706205.
    const s = pairedSummary([
      { pre: 10, post: 11 },
      { pre: 20, post: 23 },
    ]);
    expect(s.pre).toEqual({ mean: 15, sd: expect.closeTo(Math.SQRT2 * 5, 12) });
    expect(s.post).toEqual({ mean: 17, sd: expect.closeTo(Math.SQRT2 * 6, 12) });
    expect(s.meanDiff).toBe(2);
    expect(s.tTest).toEqual({
      t: expect.closeTo(2, 12),
      df: 1,
      p: expect.closeTo(1 - (2 * Math.atan(2)) / Math.PI, 9),
    });
    const tq = Math.tan(0.475 * Math.PI);
    expect(s.ci95?.[0]).toBeCloseTo(2 - tq, 8);
    expect(s.ci95?.[1]).toBeCloseTo(2 + tq, 8);
    // Exact: V = 1 + 2 = 3 of the 4 equally likely sign patterns; p = 2 * P(V >= 3) = 2/4.
    expect(s.wilcoxon).toEqual({ v: 3, p: 0.5, method: 'exact' });
    expect(s.effectSize.dz).toBeCloseTo(Math.SQRT2, 12);
    expect(s.effectSize.rankBiserial).toBe(1);
    expect(s.warnings).toEqual(['small_sample']);
    expectJsonSafe(s);
  });

  it('all differences zero: t-test, Wilcoxon and effect sizes null with all_differences_zero', () => {
    const s = pairedSummary([
      { pre: 40, post: 40 },
      { pre: 55.5, post: 55.5 },
      { pre: 70, post: 70 },
    ]);
    expect(s.meanDiff).toBe(0);
    expect(s.ci95).toBeNull();
    expect(s.tTest).toBeNull();
    expect(s.wilcoxon).toBeNull();
    expect(s.effectSize).toEqual({ dz: null, rankBiserial: null });
    expect(s.warnings).toEqual(['small_sample', 'all_differences_zero']);
    expectJsonSafe(s);
  });

  it('all differences equal (sd(diff) = 0): t-test, CI and d_z null with zero_variance; Wilcoxon still computed', () => {
    // d = 2, 2, 2: all |d| tie (ranks 2, 2, 2), V = 6. E[V] = 3, Var = 3*4*7/24 - (27 - 3)/48 = 3.
    // z = (6 - 3 - 0.5) / sqrt(3) = 1.443376; p = 2 * (1 - Phi(z)) = 0.1489147.
    const s = pairedSummary(pairsFromDiffs([2, 2, 2]));
    expect(s.meanDiff).toBe(2);
    expect(s.tTest).toBeNull();
    expect(s.ci95).toBeNull();
    expect(s.effectSize.dz).toBeNull();
    expect(s.wilcoxon).toEqual({ v: 6, p: expect.closeTo(0.1489146732, 9), method: 'normal' });
    expect(s.effectSize.rankBiserial).toBe(1);
    expect(s.warnings).toEqual(['small_sample', 'zero_variance']);
    expectJsonSafe(s);
  });

  it('treats differences equal up to floating-point noise as equal (ties and zero variance)', () => {
    // 56.25 - 41.666667 = 14.583333000000003 but 70.833333 - 56.25 = 14.583332999999996 in
    // doubles; both are the stored-score difference 14.583333.
    const noisy = [
      { pre: 41.666667, post: 56.25 },
      { pre: 56.25, post: 70.833333 },
    ];
    const equal = pairedSummary(noisy);
    expect(equal.tTest).toBeNull();
    expect(equal.warnings).toContain('zero_variance');
    expect(equal.wilcoxon?.method).toBe('normal');
    const withOthers = pairedSummary([...noisy, { pre: 50, post: 45 }, { pre: 60, post: 61 }]);
    // The two 14.583333 tie, so the normal approximation is used.
    expect(withOthers.wilcoxon?.method).toBe('normal');
    expect(withOthers.tTest).not.toBeNull();
  });

  it('clamps the exact two-sided Wilcoxon p at 1 when V = n(n+1)/4 (n = 8, V = 18)', () => {
    // d = 1, 2, -3, -4, -5, -6, 7, 8: V = 1+2+7+8 = 18 = 8*9/4. 2 * P(V <= 18) > 1 because the
    // centre has positive probability; R reports min(1, 2p) = 1.
    const diffs = [1, 2, -3, -4, -5, -6, 7, 8];
    const s = pairedSummary(pairsFromDiffs(diffs));
    expect(s.wilcoxon).toEqual({ v: 18, p: 1, method: 'exact' });
    // W+ = W- = 18: r = 0.
    expect(s.effectSize.rankBiserial).toBe(0);
    expectJsonSafe(s);
  });

  it("computes the exact signed-rank p as R's psignrank, also at n = 50", () => {
    // R: min(1, 2 * psignrank(3, 10)); min(1, 2 * psignrank(400, 50));
    //    min(1, 2 * psignrank(899, 50, lower.tail = FALSE)); min(1, 2 * psignrank(0, 1)).
    expect(exactSignedRankP(3, 10)).toBeCloseTo(0.009765625, 12);
    expect(exactSignedRankP(400, 50)).toBeCloseTo(0.0212236716368483, 12);
    expect(exactSignedRankP(900, 50)).toBeCloseTo(0.0105666483849962, 12);
    expect(exactSignedRankP(0, 1)).toBe(1);
  });

  it('handles a single non-zero difference beside zeros: normal approximation, p = 1 (as R)', () => {
    // R: wilcox.test(c(0, 0, -3)): V = 0, n = 1 after dropping zeros, z = (0 - 0.5 + 0.5) / 0.5 = 0.
    const s = pairedSummary(pairsFromDiffs([0, 0, -3]));
    expect(s.wilcoxon).toEqual({ v: 0, p: 1, method: 'normal' });
    expect(s.effectSize.rankBiserial).toBe(-1);
    expect(s.tTest).not.toBeNull();
    expectJsonSafe(s);
  });

  it('rank-biserial is positive when post > pre dominates and flips sign with the direction', () => {
    // d = 3, -1, 2, 4: ranks 3, 1, 2, 4. W+ = 9, W- = 1, r = 8/10 = 0.8.
    const up = pairedSummary(pairsFromDiffs([3, -1, 2, 4]));
    expect(up.wilcoxon?.v).toBe(9);
    expect(up.effectSize.rankBiserial).toBeCloseTo(0.8, 12);
    const down = pairedSummary(pairsFromDiffs([-3, 1, -2, -4]));
    expect(down.wilcoxon?.v).toBe(1);
    expect(down.effectSize.rankBiserial).toBeCloseTo(-0.8, 12);
    // The two-sided p is symmetric: 2 * P(V <= 1 | n = 4) = 2 * 2/16.
    expect(up.wilcoxon?.p).toBe(0.25);
    expect(down.wilcoxon?.p).toBe(0.25);
  });

  it('uses the exact p up to n = 50 non-zero differences and the normal approximation from n = 51', () => {
    // d_i = -i when i is a multiple of 3, else i. References from scipy.stats.wilcoxon:
    // n = 50 exact p = 0.0261670 (V = 867); n = 51 normal (corrected) p = 0.0564558, V = 867
    // (the exact p for n = 51 would be 0.0559802, so the two methods are distinguishable).
    const d = (n: number) => Array.from({ length: n }, (_, k) => ((k + 1) % 3 === 0 ? -(k + 1) : k + 1));
    const n50 = wilcoxonSignedRank(d(50));
    expect(n50).toMatchObject({ v: 867, method: 'exact', n: 50 });
    expect(n50?.p).toBeCloseTo(0.0261669682, 9);
    const n51 = wilcoxonSignedRank(d(51));
    expect(n51).toMatchObject({ v: 867, method: 'normal', n: 51 });
    expect(n51?.p).toBeCloseTo(0.0564558054, 9);
  });

  it('gives no small_sample warning from 10 pairs on', () => {
    expect(pairedSummary(pairsFromDiffs([1, 2, 3, 4, 5, 6, 7, 8, 9])).warnings).toEqual(['small_sample']);
    expect(pairedSummary(pairsFromDiffs([1, 2, 3, 4, 5, 6, 7, 8, 9, -10])).warnings).toEqual([]);
  });

  it('is deterministic: the same pairs in another order give an identical summary', () => {
    const pairs = [
      { pre: 56.25, post: 62.5 },
      { pre: 43.75, post: 68.75 },
      { pre: 81.25, post: 75 },
      { pre: 50, post: 50 },
      { pre: 37.5, post: 56.25 },
      { pre: 62.5, post: 71.875 },
      { pre: 68.75, post: 62.5 },
    ];
    const a = pairedSummary(pairs);
    const b = pairedSummary([...pairs].reverse());
    const c = pairedSummary(
      [pairs[3], pairs[0], pairs[6], pairs[2], pairs[5], pairs[1], pairs[4]].map((p) => p!),
    );
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expectJsonSafe(a);
  });

  it('rejects non-finite scores', () => {
    expect(() => pairedSummary([{ pre: Number.NaN, post: 1 }])).toThrow(RangeError);
    expect(() => pairedSummary([{ pre: 1, post: Number.POSITIVE_INFINITY }])).toThrow(RangeError);
  });
});

describe('holm', () => {
  it('adjusts 4 p-values as computed by hand, including the monotonicity step', () => {
    // Sorted: 0.005 (#4), 0.01 (#1), 0.03 (#3), 0.04 (#2); multipliers 4, 3, 2, 1:
    // 0.02, 0.03, 0.06, 0.04 -> running maximum: 0.02, 0.03, 0.06, 0.06 (0.04 raised to 0.06).
    const adj = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adj).toHaveLength(4);
    expect(adj[0]).toBeCloseTo(0.03, 15);
    expect(adj[1]).toBeCloseTo(0.06, 15);
    expect(adj[2]).toBeCloseTo(0.06, 15);
    expect(adj[3]).toBeCloseTo(0.02, 15);
  });

  it('caps adjusted p-values at 1', () => {
    // 0.3 * 4 = 1.2 -> 1; later values can only stay at 1.
    expect(holm([0.5, 0.3, 0.6, 0.4])).toEqual([1, 1, 1, 1]);
    // 0.01 * 4 = 0.04; 0.2 * 3 = 0.6; 0.4 * 2 = 0.8; 0.9 * 1 = 0.9.
    const adj = holm([0.9, 0.2, 0.01, 0.4]);
    expect(adj[0]).toBeCloseTo(0.9, 15);
    expect(adj[1]).toBeCloseTo(0.6, 15);
    expect(adj[2]).toBeCloseTo(0.04, 15);
    expect(adj[3]).toBeCloseTo(0.8, 15);
  });

  it('keeps nulls in place and leaves them out of the family size', () => {
    // m = 2: 0.01 * 2 = 0.02, 0.04 * 1 = 0.04.
    const adj = holm([0.01, null, 0.04, null]);
    expect(adj[0]).toBeCloseTo(0.02, 15);
    expect(adj[1]).toBeNull();
    expect(adj[2]).toBeCloseTo(0.04, 15);
    expect(adj[3]).toBeNull();
    // m = 1: unchanged.
    expect(holm([null, 0.03, null, null])).toEqual([null, 0.03, null, null]);
    expect(holm([null, null])).toEqual([null, null]);
    expect(holm([])).toEqual([]);
  });

  it('gives equal p-values equal adjusted values', () => {
    // 0.02 * 2 = 0.04, then max(0.04, 0.02 * 1) = 0.04.
    expect(holm([0.02, 0.02])).toEqual([0.04, 0.04]);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => holm([0.5, 1.2])).toThrow(RangeError);
    expect(() => holm([Number.NaN])).toThrow(RangeError);
    expect(() => holm([-0.1])).toThrow(RangeError);
  });
});

describe('rank statistics with scores stored to 6 decimals (tie tolerance 1e-4)', () => {
  // Hand-made stored scores whose true differences tie but arrive 1e-6 apart. R's reference
  // ranks the differences rounded to 4 decimals:
  //   d <- post - pre; wilcox.test(round(d, 4))   (normal approximation: there are ties)
  //   t.test(post, pre, paired = TRUE)            (on the stored values, unchanged)
  // Before the rule, 8.333333 / 8.333334 and 4.166667 / -4.166666 did not tie: V = 29, exact
  // p = 0.1484375 (WHOQOL) and V = 30, exact p = 0.109375 (URICA), as R on the raw values.

  it('ties WHOQOL-BREF domain differences of 8 1/3 and 4 1/6 points (psychological domain, 8 clients)', () => {
    // 0-100 psychological scores are multiples of 100/24, stored rounded to 6 decimals.
    const pre = [41.666667, 45.833333, 50, 45.833333, 37.5, 50, 29.166667, 25];
    const post = [50, 54.166667, 54.166667, 41.666667, 50, 33.333333, 50, 50];
    // differences: 8.333333, 8.333334, 4.166667, -4.166666, 12.5, -16.666667, 20.833333, 25
    const s = pairedSummary(pre.map((p, i) => ({ pre: p, post: post[i] as number })));
    // R: V = 28.5, p = 0.1604008108
    expect(s.wilcoxon).toEqual({ v: 28.5, p: expect.closeTo(0.1604008108, 9), method: 'normal' });
    // r = (2V - n(n+1)/2) / (n(n+1)/2) = (57 - 36) / 36
    expect(s.effectSize.rankBiserial).toBeCloseTo(0.5833333333, 9);
    // The t-test is unchanged. R: t = 1.5487418998, df = 7, p = 0.1653729951.
    expect(s.tTest?.t).toBeCloseTo(1.5487418998, 9);
    expect(s.tTest?.df).toBe(7);
    expect(s.tTest?.p).toBeCloseTo(0.1653729951, 9);
  });

  it('ties URICA readiness differences of 10/7 and 5/7 (8 clients)', () => {
    // readiness = (C + A + M - P) item sums / 7, stored rounded to 6 decimals.
    const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
    const pre = [58, 60, 45, 45, 70, 40, 66, 55].map((n) => round6(n / 7));
    const post = [68, 70, 50, 40, 63, 60, 80, 58].map((n) => round6(n / 7));
    // differences: 1.428572, 1.428571, 0.714286, -0.714285, -1, 2.857143, 2, 0.428571
    const s = pairedSummary(pre.map((p, i) => ({ pre: p, post: post[i] as number })));
    // R: V = 29.5, p = 0.1225647643; r = (59 - 36) / 36
    expect(s.wilcoxon).toEqual({ v: 29.5, p: expect.closeTo(0.1225647643, 9), method: 'normal' });
    expect(s.effectSize.rankBiserial).toBeCloseTo(0.6388888889, 9);
    // R: t = 1.9230772563, df = 7, p = 0.0958944986
    expect(s.tTest?.t).toBeCloseTo(1.9230772563, 9);
    expect(s.tTest?.p).toBeCloseTo(0.0958944986, 9);
  });

  it('treats |d| below 1e-4 as zero and |d| within 1e-4 as tied in the signed-rank test', () => {
    // R: d <- c(0.000001, 3, -1, 2, 5, -0.999999); wilcox.test(round(d, 4)): V = 12, p = 0.2785170238
    // (R on the raw values: V = 16, exact p = 0.3125).
    const w = wilcoxonSignedRank([0.000001, 3, -1, 2, 5, -0.999999]);
    expect(w).toEqual({
      v: 12,
      p: expect.closeTo(0.2785170238, 9),
      method: 'normal',
      n: 5,
      rankBiserial: 0.6,
    });
  });

  it('keeps values 1e-4 or more apart distinct and never reorders groups', () => {
    expect(tieTolerantValues([2, 1.00005, 1, 1.0002, 3])).toEqual([2, 1, 1, 1.0002, 3]);
    expect(tieTolerantDifferences([-0.00009, 0.5, -0.500001, 0])).toEqual([0, 0.5, -0.5, 0]);
  });
});
