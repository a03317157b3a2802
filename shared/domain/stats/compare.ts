/**
 * Statistics for comparing two cohorts (pure domain code: no I/O). Rules and references:
 * docs/instruments.md, "Comparing cohorts". Distributions come from @stdlib (t, normal,
 * hypergeometric); @stdlib has no rank-sum or Fisher exact test, so those two are written here
 * on its distributions and checked against R in test/unit/compare-stats.test.ts.
 *
 * Conventions: R is the reference cohort, C the compared one; differences are C - R. Every
 * function returns finite numbers or null (JSON-safe), never NaN.
 */
import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleSd, wilson, Z_975 } from './describe';
import { tieTolerantValues } from './paired';

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function twoSidedT(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

export interface AncovaResult {
  /** b2: adjusted difference C - R in points, at equal baseline. */
  diff: number;
  /** HC3 standard error of b2. */
  se: number;
  t: number;
  df: number;
  p: number;
  ci95: [number, number];
}

export interface AncovaRow {
  pre: number;
  post: number;
  /** True for the compared cohort C, false for the reference R. */
  compared: boolean;
}

/** Inverse of a symmetric 3 x 3 matrix; null when (nearly) singular. */
function inverse3(m: number[][]): number[][] | null {
  const [r0 = [], r1 = [], r2 = []] = m;
  const [a = 0, b = 0, c = 0] = r0;
  const [d = 0, e = 0, f = 0] = r1;
  const [g = 0, h = 0, i = 0] = r2;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  const scale = Math.max(...m.flat().map(Math.abs), 1);
  if (!(Math.abs(det) > 1e-12 * scale ** 3)) return null;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

function quadratic(x: readonly number[], m: number[][]): number {
  let s = 0;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) s += (x[r] ?? 0) * (m[r]?.[c] ?? 0) * (x[c] ?? 0);
  return s;
}

/**
 * ANCOVA post = b0 + b1 pre + b2 [C], ordinary least squares with HC3 standard errors
 * (MacKinnon & White 1985): V = (X'X)^-1 X' diag(e_i^2 / (1 - h_ii)^2) X (X'X)^-1.
 * null when the design cannot be estimated (fewer than 4 rows, a cohort missing, no spread
 * in the baseline, or a row with leverage 1).
 */
export function ancovaHc3(rows: ReadonlyArray<AncovaRow>): AncovaResult | null {
  const n = rows.length;
  if (n < 4 || rows.every((r) => r.compared) || rows.every((r) => !r.compared)) return null;
  const X = rows.map((r) => [1, r.pre, r.compared ? 1 : 0]);
  const y = rows.map((r) => r.post);
  const xtx = [0, 1, 2].map((a) =>
    [0, 1, 2].map((b) => X.reduce((s, x) => s + (x[a] ?? 0) * (x[b] ?? 0), 0)),
  );
  const inv = inverse3(xtx);
  if (inv === null) return null;
  const xty = [0, 1, 2].map((a) => X.reduce((s, x, k) => s + (x[a] ?? 0) * (y[k] ?? 0), 0));
  const beta = [0, 1, 2].map((a) => [0, 1, 2].reduce((s, b) => s + (inv[a]?.[b] ?? 0) * (xty[b] ?? 0), 0));
  // Meat: sum of x_i x_i' e_i^2 / (1 - h_ii)^2.
  const meat = [0, 1, 2].map(() => [0, 0, 0]);
  for (const [k, x] of X.entries()) {
    const fitted = x.reduce((s, v, a) => s + v * (beta[a] ?? 0), 0);
    const e = (y[k] ?? 0) - fitted;
    const h = quadratic(x, inv);
    if (!(1 - h > 1e-10)) return null;
    const w = (e * e) / ((1 - h) * (1 - h));
    for (let a = 0; a < 3; a++) {
      const row = meat[a];
      if (row) for (let b = 0; b < 3; b++) row[b] = (row[b] ?? 0) + (x[a] ?? 0) * (x[b] ?? 0) * w;
    }
  }
  // Only V[2][2] is needed: inv[2] . meat . inv[2]'.
  const r2 = inv[2] ?? [0, 0, 0];
  const variance = quadratic(r2, meat);
  const diff = beta[2] ?? 0;
  const se = Math.sqrt(variance);
  const df = n - 3;
  if (!(se > 0)) return null;
  const t = diff / se;
  const half = tQuantile(0.975, df) * se;
  const p = finite(twoSidedT(t, df));
  if (p === null) return null;
  return { diff, se, t, df, p, ci95: [diff - half, diff + half] };
}

export interface WelchResult {
  t: number;
  df: number;
  p: number;
  /** 95% CI of mean(C) - mean(R). */
  ci95: [number, number];
}

/** Welch's two-sample t-test, two-sided (R: t.test(compared, reference)). */
export function welchT(
  compared: ReadonlyArray<number>,
  reference: ReadonlyArray<number>,
): WelchResult | null {
  const nC = compared.length;
  const nR = reference.length;
  const mC = mean(compared);
  const mR = mean(reference);
  const sC = sampleSd(compared);
  const sR = sampleSd(reference);
  if (mC === null || mR === null || sC === null || sR === null) return null;
  const vC = (sC * sC) / nC;
  const vR = (sR * sR) / nR;
  const se = Math.sqrt(vC + vR);
  if (!(se > 0)) return null;
  const df = ((vC + vR) * (vC + vR)) / ((vC * vC) / (nC - 1) + (vR * vR) / (nR - 1));
  const t = (mC - mR) / se;
  const half = tQuantile(0.975, df) * se;
  return { t, df, p: twoSidedT(t, df), ci95: [mC - mR - half, mC - mR + half] };
}

export interface RankSumResult {
  /** W = sum of the ranks of C minus nC (nC + 1) / 2 (R's W for wilcox.test(C, R)). */
  w: number;
  p: number;
  method: 'exact' | 'normal';
}

/** Largest cohort size (exclusive) for an exact rank-sum p, like R: both n < 50. */
export const RANK_SUM_EXACT_BELOW = 50;

/** Average ranks (1-based) of values, ties sharing their mean rank. */
function ranks(values: ReadonlyArray<number>): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = values.map(() => 0);
  let k = 0;
  while (k < order.length) {
    let end = k;
    while (end + 1 < order.length && order[end + 1]?.v === order[k]?.v) end += 1;
    const rank = (k + end + 2) / 2;
    for (let j = k; j <= end; j++) {
      const item = order[j];
      if (item) out[item.i] = rank;
    }
    k = end + 1;
  }
  return out;
}

/**
 * Counts of the Mann-Whitney statistic U over all arrangements of m and n values without ties:
 * counts[u] for u = 0..m n (the recurrence behind R's pwilcox).
 */
function mannWhitneyCounts(m: number, n: number): number[] {
  // f(i, j, u): arrangements of i values of the first sample and j of the second with U = u.
  let prev: number[][] = [];
  for (let j = 0; j <= n; j++) prev.push([1]);
  for (let i = 1; i <= m; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const size = i * j + 1;
      const row = new Array<number>(size).fill(0);
      // The largest value belongs to the first sample (adds j to U) or to the second.
      const a = prev[j] ?? [];
      const b = cur[j - 1] ?? [];
      for (let u = 0; u < size; u++) row[u] = (u - j >= 0 ? (a[u - j] ?? 0) : 0) + (b[u] ?? 0);
      cur.push(row);
    }
    prev = cur;
  }
  return prev[n] ?? [1];
}

/**
 * Wilcoxon rank-sum (Mann-Whitney) test, two-sided, on C against R (R: wilcox.test(C, R)).
 * Values within RANK_TIE_TOLERANCE are tied (docs/instruments.md). Exact p when both cohorts
 * have fewer than 50 values and nothing is tied; otherwise the normal approximation with tie
 * and continuity correction.
 */
export function rankSum(
  compared: ReadonlyArray<number>,
  reference: ReadonlyArray<number>,
): RankSumResult | null {
  const nC = compared.length;
  const nR = reference.length;
  if (nC === 0 || nR === 0) return null;
  const pooled = tieTolerantValues([...compared, ...reference]);
  const r = ranks(pooled);
  const w = r.slice(0, nC).reduce((s, x) => s + x, 0) - (nC * (nC + 1)) / 2;
  const tied = new Set(pooled).size < pooled.length;
  if (nC < RANK_SUM_EXACT_BELOW && nR < RANK_SUM_EXACT_BELOW && !tied) {
    const counts = mannWhitneyCounts(nC, nR);
    const total = counts.reduce((s, c) => s + c, 0);
    const cdf = (u: number) => counts.slice(0, Math.floor(u) + 1).reduce((s, c) => s + c, 0) / total;
    // As R: the tail on the side of W, doubled and capped at 1.
    const tail = w > (nC * nR) / 2 ? 1 - cdf(w - 1) : cdf(w);
    return { w, p: Math.min(1, 2 * tail), method: 'exact' };
  }
  const n = nC + nR;
  const tieCounts = new Map<number, number>();
  for (const v of pooled) tieCounts.set(v, (tieCounts.get(v) ?? 0) + 1);
  let tieSum = 0;
  for (const t of tieCounts.values()) tieSum += t * t * t - t;
  const sigma = Math.sqrt(((nC * nR) / 12) * (n + 1 - tieSum / (n * (n - 1))));
  if (!(sigma > 0)) return null;
  const centred = w - (nC * nR) / 2;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  const p = Math.min(1, 2 * Math.min(normalCdf(z, 0, 1), 1 - normalCdf(z, 0, 1)));
  return { w, p, method: 'normal' };
}

/**
 * Hedges' g: (mean C - mean R) / pooled SD x (1 - 3 / (4 (nC + nR) - 9)) (Hedges 1981).
 * null below 2 values per cohort or without spread.
 */
export function hedgesG(compared: ReadonlyArray<number>, reference: ReadonlyArray<number>): number | null {
  const nC = compared.length;
  const nR = reference.length;
  const mC = mean(compared);
  const mR = mean(reference);
  const sC = sampleSd(compared);
  const sR = sampleSd(reference);
  if (mC === null || mR === null || sC === null || sR === null) return null;
  const pooled = Math.sqrt(((nC - 1) * sC * sC + (nR - 1) * sR * sR) / (nC + nR - 2));
  if (!(pooled > 0)) return null;
  return ((mC - mR) / pooled) * (1 - 3 / (4 * (nC + nR) - 9));
}

/** z(0.80), for 80% power. */
const Z_80 = normalQuantile(0.8, 0, 1);

/**
 * The smallest standardised difference detectable with 80% power at two-sided alpha 0.05:
 * (z(0.975) + z(0.80)) sqrt(1/nC + 1/nR). null when a cohort is empty.
 */
export function detectableEffect(nC: number, nR: number): number | null {
  if (!(nC > 0 && nR > 0)) return null;
  return (Z_975 + Z_80) * Math.sqrt(1 / nC + 1 / nR);
}

/**
 * Fisher's exact test on the 2 x 2 table [[a, b], [c, d]], two-sided (R: fisher.test): the sum
 * of the probabilities of all tables with the same margins that are no more likely than the
 * observed one (with R's relative tolerance 1e-7).
 */
export function fisherExact(a: number, b: number, c: number, d: number): number | null {
  if ([a, b, c, d].some((x) => !Number.isInteger(x) || x < 0)) return null;
  const firstColumn = a + c;
  const total = a + b + c + d;
  const firstRow = a + b;
  if (total === 0) return null;
  const lo = Math.max(0, firstRow - (total - firstColumn));
  const hi = Math.min(firstRow, firstColumn);
  const pmf = (x: number) => hypergeometricPmf(x, total, firstColumn, firstRow);
  const observed = pmf(a);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const px = pmf(x);
    if (px <= observed * (1 + 1e-7)) p += px;
  }
  return finite(Math.min(1, p));
}

export interface Proportion {
  events: number;
  n: number;
}

export interface RiskDifference {
  /** events_C / n_C - events_R / n_R. */
  diff: number;
  /** Newcombe's hybrid score interval (method 10) from Wilson intervals. */
  ci95: [number, number];
}

/**
 * Risk difference C - R with Newcombe's (1998) hybrid score 95% CI: with Wilson intervals
 * [lC, uC] and [lR, uR] (no continuity correction), lower = d - sqrt((pC - lC)^2 + (uR - pR)^2),
 * upper = d + sqrt((uC - pC)^2 + (pR - lR)^2). null when either n is 0.
 */
export function newcombeDifference(compared: Proportion, reference: Proportion): RiskDifference | null {
  const wc = wilson(compared.events, compared.n);
  const wr = wilson(reference.events, reference.n);
  if (wc === null || wr === null) return null;
  const pC = compared.events / compared.n;
  const pR = reference.events / reference.n;
  const diff = pC - pR;
  const lower = diff - Math.sqrt((pC - wc[0]) ** 2 + (wr[1] - pR) ** 2);
  const upper = diff + Math.sqrt((wc[1] - pC) ** 2 + (pR - wr[0]) ** 2);
  return { diff, ci95: [lower, upper] };
}
