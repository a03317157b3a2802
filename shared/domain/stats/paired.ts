/**
 * Pre/post statistics for period reports (pure domain code: no I/O).
 *
 * Rules: docs/instruments.md, "Pre/post statistics (period reports)".
 * Sources: paired t-test like R's `t.test(x, y, paired = TRUE)`; Wilcoxon signed-rank like R's
 * `wilcox.test(x, y, paired = TRUE)` (Hollander & Wolfe, "Nonparametric Statistical Methods");
 * Holm (1979), "A simple sequentially rejective multiple test procedure", like R's
 * `p.adjust(p, 'holm')`; matched-pairs rank-biserial correlation (Kerby 2014); d_z (Lakens 2013).
 *
 * The distributions come from @stdlib (t, normal); the two tests are the textbook formulas R
 * uses (`t.test(paired = TRUE)`, `wilcox.test(paired = TRUE)`), written here on them rather
 * than through @stdlib's test packages, which pull ~200 KB of generic array code into every
 * report function (docs/performance.md). The R reference values in
 * test/unit/paired-stats.test.ts hold them to R.
 *
 * Every number in the output is finite or null (JSON-safe), and the output does not depend on the
 * order of the input pairs.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Stable machine codes in `PairedSummary.warnings` (always in this order). */
export const PAIRED_WARNINGS = {
  /** nPairs < 2: no test, no CI, no effect size. */
  fewerThan2Pairs: 'fewer_than_2_pairs',
  /** nPairs < 10: results are reported but are fragile. */
  smallSample: 'small_sample',
  /** Every post - pre is 0: t-test, Wilcoxon and effect sizes are undefined (null). */
  allDifferencesZero: 'all_differences_zero',
  /** All differences are equal but not 0 (sd(diff) = 0): t-test, CI and d_z are undefined (null). */
  zeroVariance: 'zero_variance',
} as const;

export type PairedWarningCode = (typeof PAIRED_WARNINGS)[keyof typeof PAIRED_WARNINGS];

export interface PairedSummary {
  nPairs: number;
  pre: { mean: number | null; sd: number | null };
  post: { mean: number | null; sd: number | null };
  /** mean(post - pre) */
  meanDiff: number | null;
  /** 95% CI of meanDiff (t based) */
  ci95: [number, number] | null;
  tTest: { t: number; df: number; p: number } | null;
  wilcoxon: { v: number; p: number; method: 'exact' | 'normal' } | null;
  effectSize: { dz: number | null; rankBiserial: number | null };
  /** Stable machine codes, see PAIRED_WARNINGS. */
  warnings: string[];
}

export interface PrePostPair {
  pre: number;
  post: number;
}

/** nPairs below this gets the 'small_sample' warning. */
export const SMALL_SAMPLE_PAIRS = 10;

/**
 * Largest number of non-zero differences for which the Wilcoxon p is exact (if there are no ties).
 * docs/instruments.md says "at most 50" (also @stdlib's default). Note: R's `wilcox.test` uses
 * `n < 50`, so R uses the normal approximation at exactly n = 50.
 */
export const WILCOXON_EXACT_MAX_N = 50;

/**
 * Differences are rounded to this many decimals before anything else. Scores are stored rounded
 * to 6 decimals (docs/instruments.md), so post - pre is a multiple of 1e-6 up to floating-point noise
 * (~1e-14 on the 0-100 scale: 56.25 - 41.666667 = 14.583333000000003 but 70.833333 - 56.25 =
 * 14.583332999999996). Without rounding,
 * mathematically equal differences would not tie in the Wilcoxon ranks, a difference meant to be
 * 0 would not be dropped, and "all differences equal" would give sd(diff) ~ 1e-15 and an absurd
 * t. 1e-9 removes the noise without merging distinct 6-decimal differences (the idea behind the
 * `digits.rank` argument of R's wilcox.test).
 */
export const DIFFERENCE_DECIMALS = 9;

const DIFF_SCALE = 10 ** DIFFERENCE_DECIMALS;

/**
 * Tie tolerance of every rank-based statistic (signed-rank, rank-sum, rank-biserial). Stored
 * scores are rounded to 6 decimals, so differences that are equal in exact arithmetic arrive as
 * e.g. 8.333333 and 8.333334 (two psychological-domain changes of 8 1/3 points). Values within
 * this tolerance of each other are tied, and a signed difference below it is zero. Distinct
 * true values on the WHOQOL 0-100 and URICA readiness scales are at least 0.02 apart, so the
 * tolerance never merges two different values. R reproduces it by ranking `round(d, 4)`.
 * The t-tests, means and SDs use the stored values unchanged. Rule: docs/instruments.md.
 */
export const RANK_TIE_TOLERANCE = 1e-4;

/**
 * The values seen by the rank statistics: sorted values whose gap to the previous one is below
 * RANK_TIE_TOLERANCE form one tie group, and every member takes the group's smallest value.
 * The order between groups is kept, so ranks are those of the true values.
 */
export function tieTolerantValues(values: ReadonlyArray<number>): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const out = values.map((v) => v);
  let representative = Number.NaN;
  let previous = Number.NaN;
  for (const { value, index } of order) {
    if (!(value - previous < RANK_TIE_TOLERANCE)) representative = value;
    out[index] = representative;
    previous = value;
  }
  return out;
}

/**
 * The differences seen by the signed-rank test: |d| < RANK_TIE_TOLERANCE is 0, and |d| values
 * within the tolerance of each other are tied (same magnitude, own sign).
 */
export function tieTolerantDifferences(diffs: ReadonlyArray<number>): number[] {
  const magnitudes = tieTolerantValues(
    diffs.map((d) => (Math.abs(d) < RANK_TIE_TOLERANCE ? 0 : Math.abs(d))),
  );
  return diffs.map((d, i) => {
    const m = magnitudes[i] ?? 0;
    return m === 0 ? 0 : d < 0 ? -m : m;
  });
}

/** Symmetric rounding (half away from zero) so that d and -d round to opposite values. */
function roundDifference(d: number): number {
  const r = Math.round(Math.abs(d) * DIFF_SCALE) / DIFF_SCALE;
  // `+ 0` turns -0 into 0.
  return (d < 0 ? -r : r) + 0;
}

function allEqual(xs: ReadonlyArray<number>): boolean {
  return xs.every((x) => x === xs[0]);
}

function mean(xs: ReadonlyArray<number>): number | null {
  if (xs.length === 0) return null;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Sample SD (n - 1). null for n < 2; exactly 0 when all values are equal. */
function sampleSd(xs: ReadonlyArray<number>): number | null {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  if (allEqual(xs)) return 0;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

function clampP(p: number): number {
  return Math.min(1, Math.max(0, p));
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Paired t-test, two-sided, on the differences (a one-sample t-test of post - pre against 0 is
 * the paired t-test). Caller guarantees n >= 2 and not all differences equal.
 */
function pairedTTest(diffs: ReadonlyArray<number>): {
  t: number;
  df: number;
  p: number;
  ci95: [number, number];
} | null {
  const n = diffs.length;
  const m = mean(diffs);
  const sd = sampleSd(diffs);
  if (m === null || sd === null || sd === 0) return null;
  const se = sd / Math.sqrt(n);
  const df = n - 1;
  const t = m / se;
  const p = 2 * tCdf(-Math.abs(t), df);
  const half = tQuantile(0.975, df) * se;
  const lo = m - half;
  const hi = m + half;
  if (!isFiniteNumber(t) || !isFiniteNumber(p) || !isFiniteNumber(lo) || !isFiniteNumber(hi)) return null;
  return { t, df, p: clampP(p), ci95: [lo, hi] };
}

function hasTiedAbsoluteValues(xs: ReadonlyArray<number>): boolean {
  const abs = xs.map(Math.abs).sort((a, b) => a - b);
  for (let i = 1; i < abs.length; i++) {
    if (abs[i] === abs[i - 1]) return true;
  }
  return false;
}

export interface SignedRankResult {
  /** V = W+ = sum of the ranks of the positive differences. */
  v: number;
  p: number;
  method: 'exact' | 'normal';
  /** Number of non-zero differences (the n of the test). */
  n: number;
  /** Matched-pairs rank-biserial r = (W+ - W-) / (W+ + W-). */
  rankBiserial: number;
}

/**
 * Wilcoxon signed-rank test, two-sided, on the differences, per docs/instruments.md:
 * differences are first made tie tolerant (`tieTolerantDifferences`); zero differences are
 * dropped; exact p when n <= 50, no ties among the remaining |d| and no
 * zero was dropped, else the normal approximation with tie-corrected variance and continuity
 * correction (as R).
 * Returns null when no non-zero difference is left.
 *
 * Exact: the null distribution of V (every subset of the ranks 1..n equally likely), counted
 * by dynamic programming; two-sided p like R's `psignrank`: twice the smaller tail, at most 1.
 * Normal: mean n(n+1)/4, variance n(n+1)(2n+1)/24 - sum(t^3 - t)/48 over tie groups,
 * continuity correction 0.5 * sign(V - mean), like R (verified against R's sleep data, V = 0,
 * p = 0.009091, and the hand-computed cases in test/unit/paired-stats.test.ts).
 *
 * Zeros: like R's wilcox.test (and the sleep-data reference in docs/instruments.md: normal
 * approximation, ties and a zero), a dropped zero difference means the normal approximation,
 * like a tie. n = 1: V is 0 or 1 with probability 1/2 each, so the two-sided p is 1 (as R).
 */
export function wilcoxonSignedRank(rawDiffs: ReadonlyArray<number>): SignedRankResult | null {
  const diffs = tieTolerantDifferences(rawDiffs);
  const nonZero = diffs.filter((d) => d !== 0);
  const n = nonZero.length;
  if (n === 0) return null;
  // Ranks 1..n (with average ranks for ties) always add up to n(n+1)/2 = W+ + W-.
  const rankSum = (n * (n + 1)) / 2;
  // Like R's wilcox.test (the sleep data in docs/instruments.md: ties and a zero, normal):
  // a dropped zero difference, like a tie, means the normal approximation.
  const hadZeros = n < diffs.length;
  const exact = n <= WILCOXON_EXACT_MAX_N && !hasTiedAbsoluteValues(nonZero) && !hadZeros;
  const method = exact ? 'exact' : 'normal';
  const ranks = averageRanks(nonZero.map(Math.abs));
  let v = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) v += ranks[i] ?? 0;
  });
  const p = exact ? exactSignedRankP(v, n) : normalSignedRankP(v, n, ranks);
  if (!isFiniteNumber(v) || !isFiniteNumber(p)) return null;
  const wMinus = rankSum - v;
  return { v, p: clampP(p), method, n, rankBiserial: (v - wMinus) / rankSum };
}

/** Ranks 1..n of `xs` (ascending), ties getting the average of their ranks. */
function averageRanks(xs: ReadonlyArray<number>): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const ranks = new Array<number>(xs.length).fill(0);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.x === order[start]?.x) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      const item = order[k];
      if (item) ranks[item.i] = rank;
    }
    start = end + 1;
  }
  return ranks;
}

/**
 * Exact two-sided p of the signed-rank statistic V for n differences without ties (R:
 * `psignrank`): counts of rank subsets per sum by dynamic programming (2^50 is exact in a
 * double), then twice the smaller tail, at most 1.
 */
export function exactSignedRankP(v: number, n: number): number {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let s = max; s >= k; s--) counts[s] = (counts[s] ?? 0) + (counts[s - k] ?? 0);
  }
  const total = 2 ** n;
  const cdf = (x: number) => {
    let sum = 0;
    for (let s = 0; s <= Math.min(x, max); s++) sum += counts[s] ?? 0;
    return sum / total;
  };
  // R: if V > n(n+1)/4 the upper tail P(V >= v), else the lower tail P(V <= v).
  const tail = v > max / 2 ? 1 - cdf(v - 1) : cdf(v);
  return Math.min(1, 2 * tail);
}

/** Normal approximation with tie correction and continuity correction (R's wilcox.test). */
function normalSignedRankP(v: number, n: number, ranks: ReadonlyArray<number>): number {
  const centre = (n * (n + 1)) / 4;
  const groups = new Map<number, number>();
  for (const r of ranks) groups.set(r, (groups.get(r) ?? 0) + 1);
  let ties = 0;
  for (const t of groups.values()) ties += t ** 3 - t;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties / 48);
  const z = (v - centre - 0.5 * Math.sign(v - centre)) / sigma;
  return Math.min(1, 2 * Math.min(normalCdf(z, 0, 1), 1 - normalCdf(z, 0, 1)));
}

/**
 * Pre/post summary over complete pairs (the caller passes only enrollments with both a pre and a
 * post score). Throws RangeError on a non-finite score.
 */
export function pairedSummary(pairs: ReadonlyArray<PrePostPair>): PairedSummary {
  for (const [i, pair] of pairs.entries()) {
    if (!isFiniteNumber(pair.pre) || !isFiniteNumber(pair.post)) {
      throw new RangeError(`pairedSummary: pair ${i} has a non-finite score`);
    }
  }
  // Canonical order, so that floating-point sums (and thus the output) do not depend on the
  // order in which the pairs were read.
  const sorted = [...pairs].sort((a, b) => a.pre - b.pre || a.post - b.post);
  const nPairs = sorted.length;
  const preValues = sorted.map((p) => p.pre);
  const postValues = sorted.map((p) => p.post);
  const diffs = sorted.map((p) => roundDifference(p.post - p.pre));

  const warnings: string[] = [];
  const summary: PairedSummary = {
    nPairs,
    pre: { mean: mean(preValues), sd: sampleSd(preValues) },
    post: { mean: mean(postValues), sd: sampleSd(postValues) },
    meanDiff: mean(diffs),
    ci95: null,
    tTest: null,
    wilcoxon: null,
    effectSize: { dz: null, rankBiserial: null },
    warnings,
  };

  if (nPairs < 2) warnings.push(PAIRED_WARNINGS.fewerThan2Pairs);
  if (nPairs < SMALL_SAMPLE_PAIRS) warnings.push(PAIRED_WARNINGS.smallSample);
  if (nPairs < 2) return summary;

  if (diffs.every((d) => d === 0)) {
    warnings.push(PAIRED_WARNINGS.allDifferencesZero);
    return summary;
  }

  const sdDiff = sampleSd(diffs) ?? 0;
  const meanDiff = summary.meanDiff ?? 0;
  if (allEqual(diffs)) {
    // sd(diff) = 0: t = meanDiff / 0 and d_z are undefined. The Wilcoxon test still works.
    warnings.push(PAIRED_WARNINGS.zeroVariance);
  } else {
    const t = pairedTTest(diffs);
    if (t !== null) {
      summary.tTest = { t: t.t, df: t.df, p: t.p };
      summary.ci95 = t.ci95;
    }
    summary.effectSize.dz = meanDiff / sdDiff;
  }

  const w = wilcoxonSignedRank(diffs);
  if (w !== null) {
    summary.wilcoxon = { v: w.v, p: w.p, method: w.method };
    summary.effectSize.rankBiserial = w.rankBiserial;
  }
  return summary;
}

/**
 * Holm step-down adjusted p-values (as R's p.adjust(p, 'holm')), in the input order. null stays
 * null and is not counted in the family size m. With the non-null p sorted ascending,
 * p(1) <= ... <= p(m): adj(i) = min(1, max over j <= i of (m - j + 1) * p(j)). Equal p-values are
 * taken in input order (stable sort, like R's order()). Throws RangeError on a p outside [0, 1].
 */
export function holm(pValues: ReadonlyArray<number | null>): Array<number | null> {
  const present: Array<{ index: number; p: number }> = [];
  for (const [index, p] of pValues.entries()) {
    if (p === null) continue;
    if (!isFiniteNumber(p) || p < 0 || p > 1) {
      throw new RangeError(`holm: p-value ${index} is not in [0, 1]`);
    }
    present.push({ index, p });
  }
  present.sort((a, b) => a.p - b.p || a.index - b.index);
  const m = present.length;
  const out: Array<number | null> = pValues.map(() => null);
  let running = 0;
  for (const [rank, { index, p }] of present.entries()) {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[index] = running;
  }
  return out;
}
