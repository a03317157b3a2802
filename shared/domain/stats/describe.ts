/**
 * Small descriptive statistics shared by period reports and cohort comparisons (pure, no I/O).
 * Rules and references: docs/instruments.md ("Pre/post statistics" and "Comparing cohorts").
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { RANK_TIE_TOLERANCE } from './paired';

/** z(0.975), the two-sided 95% normal quantile (R: qnorm(0.975)). */
export const Z_975 = normalQuantile(0.975, 0, 1);

export function mean(xs: ReadonlyArray<number>): number | null {
  if (xs.length === 0) return null;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Sample SD (n - 1). null for n < 2; exactly 0 when all values are equal. */
export function sampleSd(xs: ReadonlyArray<number>): number | null {
  const m = mean(xs);
  if (m === null || xs.length < 2) return null;
  if (xs.every((x) => x === xs[0])) return 0;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

export function median(xs: ReadonlyArray<number>): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

export interface MeanSd {
  n: number;
  mean: number | null;
  sd: number | null;
}

export function meanSd(xs: ReadonlyArray<number>): MeanSd {
  return { n: xs.length, mean: mean(xs), sd: sampleSd(xs) };
}

/**
 * t-based 95% CI of a mean (R: t.test(x)$conf.int). null for n < 2 or a zero SD (the interval
 * would have no width and say nothing).
 */
export function meanCi95(xs: ReadonlyArray<number>): [number, number] | null {
  const m = mean(xs);
  const sd = sampleSd(xs);
  if (m === null || sd === null || sd === 0) return null;
  const half = tQuantile(0.975, xs.length - 1) * (sd / Math.sqrt(xs.length));
  return [m - half, m + half];
}

/** How many values rose, stayed and fell; |change| < RANK_TIE_TOLERANCE is "same". */
export interface Direction {
  up: number;
  same: number;
  down: number;
}

export function direction(changes: ReadonlyArray<number>): Direction {
  const out: Direction = { up: 0, same: 0, down: 0 };
  for (const c of changes) {
    if (Math.abs(c) < RANK_TIE_TOLERANCE) out.same += 1;
    else if (c > 0) out.up += 1;
    else out.down += 1;
  }
  return out;
}

/** Pearson correlation (R: cor(x, y)); null for n < 3 or when either side has no spread. */
export function pearson(xs: ReadonlyArray<number>, ys: ReadonlyArray<number>): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return null;
  const mx = mean(xs.slice(0, n)) ?? 0;
  const my = mean(ys.slice(0, n)) ?? 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Wilson score 95% interval of a proportion x / n, without continuity correction
 * (Wilson 1927; R: prop.test(x, n, correct = FALSE)$conf.int). null for n = 0.
 */
export function wilson(x: number, n: number, z = Z_975): [number, number] | null {
  if (!(n > 0) || x < 0 || x > n) return null;
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Clamp the rounding noise at the ends (x = 0 or x = n give exactly 0 or 1 in theory).
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Days in an average month (365.25 / 12), for person-months. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** events per 100 person-months from person-days; null when there is no person-time. */
export function per100PersonMonths(events: number, personDays: number): number | null {
  if (!(personDays > 0)) return null;
  return (events / (personDays / DAYS_PER_MONTH)) * 100;
}
