/**
 * Cohort comparison statistics against R 4.2 on public data (docs/instruments.md, "Comparing
 * cohorts"). Each expected value names the R call that produced it.
 */
import { describe, expect, it } from 'vitest';
import { holm } from '../../shared/domain/stats';
import {
  ancovaHc3,
  detectableEffect,
  fisherExact,
  hedgesG,
  newcombeDifference,
  rankSum,
  welchT,
} from '../../shared/domain/stats/compare';

// R's `sleep` data: extra hours of sleep, group 1 and group 2.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

// R's `mtcars`: mpg, wt and am (0 automatic, 1 manual), in row order.
// biome-ignore format: one column per line
const MPG = [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4];
// biome-ignore format: one column per line
const WT = [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78];
// biome-ignore format: one column per line
const AM = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1];
const MANUAL = MPG.filter((_, i) => AM[i] === 1);
const AUTOMATIC = MPG.filter((_, i) => AM[i] === 0);

describe('Welch t-test on change scores', () => {
  it("matches R's t.test(x, y) on sleep (group 2 vs 1) and mtcars (manual vs automatic mpg)", () => {
    // R: t.test(sleep$extra[11:20], sleep$extra[1:10])
    const sleep = welchT(SLEEP_2, SLEEP_1);
    expect(sleep?.t).toBeCloseTo(1.86081346749, 9);
    expect(sleep?.df).toBeCloseTo(17.7764735162, 8);
    expect(sleep?.p).toBeCloseTo(0.0793941401874, 10);
    expect(sleep?.ci95[0]).toBeCloseTo(-0.205483230712, 9);
    expect(sleep?.ci95[1]).toBeCloseTo(3.36548323071, 9);
    // R: t.test(mtcars$mpg[mtcars$am == 1], mtcars$mpg[mtcars$am == 0])
    const cars = welchT(MANUAL, AUTOMATIC);
    expect(cars?.t).toBeCloseTo(3.76712314514, 9);
    expect(cars?.df).toBeCloseTo(18.3322516384, 8);
    expect(cars?.p).toBeCloseTo(0.00137363833307, 11);
    expect(cars?.ci95[0]).toBeCloseTo(3.20968418747, 8);
    expect(cars?.ci95[1]).toBeCloseTo(11.280194355, 8);
  });

  it('is null without spread or with fewer than 2 values in a cohort', () => {
    expect(welchT([1], [1, 2, 3])).toBeNull();
    expect(welchT([2, 2], [2, 2])).toBeNull();
  });
});

describe('Wilcoxon rank-sum test', () => {
  it("matches R's exact p without ties (?wilcox.test two-sample example)", () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    // R: wilcox.test(x, y): W = 35, p = 0.254412254412; wilcox.test(y, x): W = 15, same p.
    expect(rankSum(x, y)).toEqual({ w: 35, p: expect.closeTo(0.254412254412, 11), method: 'exact' });
    expect(rankSum(y, x)).toEqual({ w: 15, p: expect.closeTo(0.254412254412, 11), method: 'exact' });
  });

  it("matches R's normal approximation with ties (sleep and mtcars)", () => {
    // R: wilcox.test(sleep$extra[11:20], sleep$extra[1:10]): W = 74.5, p = 0.0693275754336
    expect(rankSum(SLEEP_2, SLEEP_1)).toEqual({
      w: 74.5,
      p: expect.closeTo(0.0693275754336, 11),
      method: 'normal',
    });
    // R: wilcox.test(mpg[am == 1], mpg[am == 0]): W = 205, p = 0.00187139133318
    expect(rankSum(MANUAL, AUTOMATIC)).toEqual({
      w: 205,
      p: expect.closeTo(0.00187139133318, 12),
      method: 'normal',
    });
  });

  it('ties change scores that differ only by score rounding (1e-4 tolerance)', () => {
    // 8.333333 and 8.333334 are the same change: tied, so the normal approximation applies.
    // R: wilcox.test(round(c(8.333333, 2, 5), 4), round(c(8.333334, 1, 0.5, -1), 4)): W = 9.5, p = 0.284502697911
    const r = rankSum([8.333333, 2, 5], [8.333334, 1, 0.5, -1]);
    expect(r).toEqual({ w: 9.5, p: expect.closeTo(0.284502697911, 11), method: 'normal' });
  });
});

describe('effect size and power', () => {
  it("Hedges' g matches R on mtcars (manual vs automatic)", () => {
    // R: sp <- sqrt(((13 - 1) * var(a) + (19 - 1) * var(b)) / 30); (mean(a) - mean(b)) / sp * (1 - 3 / (4 * 32 - 9))
    expect(hedgesG(MANUAL, AUTOMATIC)).toBeCloseTo(1.44068792532, 10);
  });

  it('gives the detectable standardised difference for 80% power at alpha 0.05', () => {
    // R: (qnorm(0.975) + qnorm(0.8)) * sqrt(1/13 + 1/19)
    expect(detectableEffect(13, 19)).toBeCloseTo(1.00839422497, 10);
    expect(detectableEffect(0, 19)).toBeNull();
  });
});

describe('binary outcomes', () => {
  it("Fisher's exact test matches R's fisher.test", () => {
    // Fisher's tea tasting: fisher.test(matrix(c(3, 1, 1, 3), 2)): p = 0.4857
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.485714285714, 11);
    // fisher.test(matrix(c(56, 14, 48, 32), 2, byrow = TRUE))
    expect(fisherExact(56, 14, 48, 32)).toBeCloseTo(0.0125211297492, 12);
    // fisher.test(matrix(c(0, 5, 4, 1), 2, byrow = TRUE))
    expect(fisherExact(0, 5, 4, 1)).toBeCloseTo(0.047619047619, 11);
    expect(fisherExact(0, 0, 0, 0)).toBeNull();
  });

  it("Newcombe's hybrid score interval reproduces Newcombe (1998): 56/70 vs 48/80", () => {
    const r = newcombeDifference({ events: 56, n: 70 }, { events: 48, n: 80 });
    expect(r?.diff).toBeCloseTo(0.2, 12);
    // Published: 0.0524 to 0.3339; R (Wilson by prop.test, correct = FALSE): 0.0524314724024, 0.333872654037
    expect(r?.ci95[0]).toBeCloseTo(0.0524314724024, 10);
    expect(r?.ci95[1]).toBeCloseTo(0.333872654037, 10);
    // A zero cell: 0/10 vs 3/10 -> -0.3 [-0.603221852539, 0.0375924345791]
    const z = newcombeDifference({ events: 0, n: 10 }, { events: 3, n: 10 });
    expect(z?.ci95[0]).toBeCloseTo(-0.603221852539, 10);
    expect(z?.ci95[1]).toBeCloseTo(0.0375924345791, 10);
    expect(newcombeDifference({ events: 0, n: 0 }, { events: 3, n: 10 })).toBeNull();
  });
});

describe('ANCOVA with HC3 standard errors', () => {
  // R, with the hat matrix by hand (sandwich::vcovHC is not needed):
  //   X <- cbind(1, pre, g); fit <- lm(post ~ pre + g); e <- resid(fit); h <- hatvalues(fit)
  //   XtXi <- solve(t(X) %*% X); V <- XtXi %*% t(X) %*% diag(e^2 / (1 - h)^2) %*% X %*% XtXi
  //   b2 <- coef(fit)[3]; se <- sqrt(V[3, 3]); t <- b2 / se; p <- 2 * pt(-abs(t), n - 3)
  it('matches R on mtcars: mpg ~ wt + am', () => {
    const r = ancovaHc3(MPG.map((post, i) => ({ pre: WT[i] ?? 0, post, compared: AM[i] === 1 })));
    expect(r?.diff).toBeCloseTo(-0.0236152196627, 10);
    expect(r?.se).toBeCloseTo(1.68846474237, 9);
    expect(r?.t).toBeCloseTo(-0.0139862083407, 10);
    expect(r?.df).toBe(29);
    expect(r?.p).toBeCloseTo(0.988936762628, 9);
    expect(r?.ci95[0]).toBeCloseTo(-3.47691336044, 8);
    expect(r?.ci95[1]).toBeCloseTo(3.42968292112, 8);
  });

  it('matches R on hand-made WHOQOL pre/post scores of two cohorts of 6', () => {
    const pre = [
      40, 45.833333, 50, 37.5, 54.166667, 33.333333, 62.5, 58.333333, 41.666667, 50, 45.833333, 54.166667,
    ];
    const post = [
      50, 54.166667, 54.166667, 41.666667, 62.5, 45.833333, 58.333333, 70.833333, 45.833333, 62.5, 50,
      54.166667,
    ];
    const r = ancovaHc3(pre.map((p, i) => ({ pre: p, post: post[i] ?? 0, compared: i >= 6 })));
    expect(r?.diff).toBeCloseTo(-1.50458639917, 8);
    expect(r?.se).toBeCloseTo(2.94343095817, 8);
    expect(r?.df).toBe(9);
    expect(r?.p).toBeCloseTo(0.621536992659, 8);
    expect(r?.ci95[0]).toBeCloseTo(-8.1630898244, 7);
  });

  it('is null when the model cannot be estimated', () => {
    expect(ancovaHc3([{ pre: 1, post: 2, compared: true }])).toBeNull();
    const oneCohort = [1, 2, 3, 4, 5].map((x) => ({ pre: x, post: x + 1, compared: false }));
    expect(ancovaHc3(oneCohort)).toBeNull();
    const flatBaseline = [0, 1, 2, 3, 4, 5].map((x) => ({ pre: 50, post: x, compared: x > 2 }));
    expect(ancovaHc3(flatBaseline)).toBeNull();
  });

  it('feeds Holm over the four WHOQOL domains (R: p.adjust(p, "holm"))', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.2), "holm") = 0.04 0.09 0.09 0.20
    const adjusted = holm([0.01, 0.04, 0.03, 0.2]);
    expect(adjusted.map((p) => Number(p?.toFixed(10)))).toEqual([0.04, 0.09, 0.09, 0.2]);
  });
});
