/**
 * The cohort comparison builder (comparison.json) and renderer (comparison.html), pure.
 * Statistics are checked against R on the same pairs; the rules are in docs/instruments.md.
 */
import { parse as parseHtml } from 'node-html-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityType } from '../../shared/domain/protocol';
import {
  buildComparison,
  type CohortData,
  ComparisonInputError,
  comparisonEvidence,
  renderComparisonHtml,
} from '../../shared/reports/comparison';
import type {
  ActivityInput,
  AssessmentInput,
  EnrollmentInput,
  OutcomeInput,
} from '../../shared/reports/summary';

interface ClientSpec {
  pre: number | null;
  post: number | null;
  status?: 'active' | 'completed' | 'dropped_out' | 'transferred';
  relapse?: boolean;
  urine?: Array<'positive' | 'negative'>;
}

/** A period with one client per spec; WHOQOL domains all carry the given physical score + k. */
function cohort(
  id: string,
  name: string,
  opening: ActivityType[],
  clients: ClientSpec[],
  options: { start?: string; end?: string; urineEvery?: number; postAt?: number } = {},
): CohortData {
  const start = options.start ?? '2024-05-01';
  const end = options.end ?? '2024-10-31';
  const enrollments: EnrollmentInput[] = [];
  const activities: ActivityInput[] = [];
  const assessments: AssessmentInput[] = [];
  const outcomes: OutcomeInput[] = [];
  const data: CohortData = {
    period: {
      id,
      name,
      startDate: start,
      endDate: end,
      capacity: clients.length + 2,
      offices: ['bapas-semarang'],
      protocol: { opening, cadenceDays: { urine_test: options.urineEvery ?? 30 } },
      instruments: ['whoqol-bref', 'urica'],
    },
    asOf: end,
    enrollments,
    activities,
    assessments,
    outcomes,
  };
  const day = (offset: number) => {
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  };
  clients.forEach((c, i) => {
    const eid = `${id}-E${String(i).padStart(3, '0')}`;
    const status = c.status ?? 'completed';
    enrollments.push({
      id: eid,
      office: 'bapas-semarang',
      status,
      enrolledOn: day(1),
      statusDate: status === 'active' ? undefined : status === 'completed' ? end : day(60),
    });
    const scores = (x: number) => ({
      domains: {
        physical: { score0to100: x },
        psychological: { score0to100: x + 5 },
        social: { score0to100: x + 10 },
        environment: { score0to100: x - 5 },
      },
      readiness: x / 10,
      stage: 'contemplation' as const,
    });
    const assess = (phase: 'pre' | 'post', at: number, x: number) => {
      for (const instrument of ['whoqol-bref', 'urica']) {
        assessments.push({
          enrollmentId: eid,
          id: `${eid}-${instrument}-${phase}`,
          instrument,
          phase,
          date: day(at),
          scores: scores(x),
        });
      }
    };
    if (c.pre !== null) assess('pre', 2, c.pre);
    if (c.post !== null) assess('post', options.postAt ?? 170, c.post);
    (c.urine ?? []).forEach((r, k) => {
      activities.push({
        enrollmentId: eid,
        id: `${eid}-U${k}`,
        type: 'urine_test',
        date: day(3 + k * 20),
        results: { methamphetamine: r },
      });
    });
    if (c.relapse) outcomes.push({ enrollmentId: eid, id: `${eid}-O`, type: 'relapse', date: day(40) });
  });
  return data;
}

const REF_PRE = [40, 45, 50, 35, 55, 60, 42.5, 47.5, 52.5, 37.5, 57.5, 62.5];
const REF_POST = [45, 47.5, 52.5, 40, 55, 62.5, 45, 50, 57.5, 40, 60, 62.5];
const CMP_PRE = [35, 40, 45, 50, 55, 30, 37.5, 42.5, 47.5, 52.5, 57.5];
const CMP_POST = [45, 47.5, 55, 57.5, 60, 42.5, 45, 50, 55, 57.5, 65];

function reference(): CohortData {
  return cohort(
    'P2024A',
    'Mei-Okt 2024',
    ['urine_test', 'group_meeting', 'home_visit'],
    [
      ...REF_PRE.map((pre, i) => ({
        pre,
        post: REF_POST[i] ?? null,
        relapse: i < 3,
        urine: i < 4 ? (['positive', 'negative'] as const).slice() : (['negative'] as const).slice(),
      })),
      {
        pre: 50,
        post: null,
        status: 'dropped_out' as const,
        relapse: true,
        urine: ['positive'] as Array<'positive'>,
      },
      { pre: 45, post: null, status: 'transferred' as const },
    ],
  );
}

function compared(): CohortData {
  return cohort(
    'P2025A',
    'Jan-Des 2025',
    ['home_visit', 'urine_test', 'group_meeting'],
    CMP_PRE.map((pre, i) => ({ pre, post: CMP_POST[i] ?? null, relapse: i < 1, urine: ['negative'] })),
    { start: '2025-01-01', end: '2025-06-30', urineEvery: 14 },
  );
}

function small(): CohortData {
  return cohort(
    'P2024B',
    'Nov-Des 2024',
    ['home_visit', 'urine_test', 'group_meeting'],
    [40, 45, 50, 55, 60].map((pre) => ({ pre, post: pre + 5 })),
    { start: '2024-11-01', end: '2024-12-31', postAt: 50 },
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('comparison.json', () => {
  const summary = buildComparison({
    id: 'CMP1',
    generatedAt: '2025-07-01',
    reference: reference(),
    compared: [compared(), small()],
  });

  it('lists what is compared: each period with its opening order, dates and size, reference first', () => {
    expect(summary).toMatchObject({
      schemaVersion: 1,
      id: 'CMP1',
      reference: 'P2024A',
      compared: ['P2025A', 'P2024B'],
    });
    expect(summary.protocols.map((p) => [p.periodId, p.role, p.opening[0], p.enrolled])).toEqual([
      ['P2024A', 'reference', 'urine_test', 14],
      ['P2025A', 'compared', 'home_visit', 11],
      ['P2024B', 'compared', 'home_visit', 5],
    ]);
    expect(summary.protocols[1]).toMatchObject({
      startDate: '2025-01-01',
      endDate: '2025-06-30',
      capacity: 13,
    });
  });

  it('compares each score with ANCOVA (HC3), Welch, rank-sum and Hedges g as R does on the same pairs', () => {
    const physical = summary.comparisons[0]?.whoqol.domains.physical;
    // R (see test/unit/compare-stats.test.ts for the calls), post ~ pre + cohort on these pairs:
    expect(physical?.ancova?.diff).toBeCloseTo(4.66873349409, 9);
    expect(physical?.ancova?.se).toBeCloseTo(0.657902901767, 9);
    expect(physical?.ancova?.df).toBe(20);
    expect(physical?.ancova?.p).toBeCloseTo(7.05015664963e-7, 14);
    expect(physical?.ancova?.ci95[0]).toBeCloseTo(3.29637208915, 8);
    // t.test(dc, dr); wilcox.test(round(dc, 4), round(dr, 4)); Hedges g; detectable effect
    expect(physical?.welch?.t).toBeCloseTo(6.42520224833, 9);
    expect(physical?.welch?.df).toBeCloseTo(18.7124326565, 8);
    expect(physical?.rankSum).toEqual({ w: 129, p: expect.closeTo(7.53577482814e-5, 12), method: 'normal' });
    expect(physical?.hedgesG).toBeCloseTo(2.61609247285, 9);
    expect(physical?.detectableEffect).toBeCloseTo(1.16944766129, 10);
    expect(physical?.reference).toMatchObject({
      n: 12,
      preMean: 48.75,
      direction: { up: 10, same: 2, down: 0 },
    });
    expect(physical?.reference.meanChange).toBeCloseTo(2.70833333333, 10);
    expect(physical?.reference.sdChange).toBeCloseTo(1.67139480855, 10);
    expect(physical?.compared.meanChange).toBeCloseTo(7.95454545455, 10);
    expect(physical?.diff).toBeCloseTo(7.95454545455 - 2.70833333333, 10);
    expect(physical?.reason).toBeNull();
  });

  it('adjusts the four WHOQOL domains with Holm on the ANCOVA p; URICA readiness stands alone', () => {
    const c = summary.comparisons[0];
    const domains = Object.values(c?.whoqol.domains ?? {});
    expect(domains).toHaveLength(4);
    // Every domain here shifts the same scores, so the four ANCOVA p are equal: Holm gives 4p.
    for (const d of domains) expect(d.pHolm).toBeCloseTo(Math.min(1, 4 * (d.ancova?.p ?? 1)), 15);
    expect(c?.urica.readiness.pHolm).toBeUndefined();
    expect(c?.urica.readiness.ancova).not.toBeNull();
  });

  it('gives descriptives only, with reason small_sample, when a cohort has fewer than 10 pairs', () => {
    const physical = summary.comparisons[1]?.whoqol.domains.physical;
    expect(physical).toMatchObject({
      ancova: null,
      pHolm: null,
      welch: null,
      rankSum: null,
      hedgesG: null,
      reason: 'small_sample',
      compared: { n: 5, preMean: 50, meanChange: 5, sdChange: 0, direction: { up: 5, same: 0, down: 0 } },
    });
    // What the data could have seen is still said.
    // R: (qnorm(0.975) + qnorm(0.8)) * sqrt(1/5 + 1/12)
    expect(physical?.detectableEffect).toBeCloseTo(1.49125760956, 10);
  });

  it('compares completion, relapse and ever-positive urine with Newcombe CIs and Fisher p', () => {
    const o = summary.comparisons[0]?.outcomes;
    // Reference: 12 completed of 14 enrolled, 1 transferred -> 12/13; compared: 11/11.
    expect(o?.completion.reference).toEqual({ events: 12, n: 13 });
    expect(o?.completion.compared).toEqual({ events: 11, n: 11 });
    // Relapse: 4 of 14 (3 completers and the dropout) vs 1 of 11.
    expect(o?.relapse.reference).toMatchObject({ events: 4, n: 14 });
    expect(o?.relapse.compared).toMatchObject({ events: 1, n: 11 });
    expect(o?.relapse.riskDifference).toBeCloseTo(1 / 11 - 4 / 14, 12);
    expect(o?.relapse.reference.per100PersonMonths).toBeGreaterThan(0);
    // R: fisher.test(matrix(c(1, 10, 4, 10), 2, byrow = TRUE))$p.value
    expect(o?.relapse.fisherP).toBeCloseTo(0.340579710145, 11);
    // Urine: 5 of 13 tested ever positive vs 0 of 11.
    expect(o?.everPositiveUrine.reference).toEqual({ events: 5, n: 13 });
    expect(o?.everPositiveUrine.compared).toEqual({ events: 0, n: 11 });
    expect(o?.everPositiveUrine.riskDifferenceCi95?.[0]).toBeLessThan(0);
  });

  it('states the caveats as data and as text, urine cadence only where it differs', () => {
    const codes = (i: number) => summary.comparisons[i]?.caveats.map((c) => c.code);
    expect(codes(0)).toEqual([
      'not_randomised',
      'one_cohort_per_protocol',
      'different_follow_up',
      'different_urine_cadence',
      'nested_in_offices',
      'low_power',
    ]);
    // The small cohort was never tested: its cadence differs too. The same protocol does not.
    expect(codes(1)).toContain('different_urine_cadence');
    const twin = reference();
    twin.period.id = 'P2024C';
    const same = buildComparison({ generatedAt: 'x', reference: reference(), compared: [twin] });
    expect(same.comparisons[0]?.caveats.map((c) => c.code)).not.toContain('different_urine_cadence');
    const lowPower = summary.comparisons[0]?.caveats.find((c) => c.code === 'low_power');
    expect(lowPower?.text).toContain('perbedaan yang lebih kecil dari sekitar 1,2 SD tidak dapat terlihat');
    expect(lowPower?.data.detectableEffectSd).toBeCloseTo(1.16944766129, 10);
  });

  it('refuses 0 or more than 5 compared periods, and a period twice', () => {
    const r = reference();
    expect(() => buildComparison({ generatedAt: 'x', reference: r, compared: [] })).toThrow(
      ComparisonInputError,
    );
    expect(() =>
      buildComparison({ generatedAt: 'x', reference: r, compared: [1, 2, 3, 4, 5, 6].map(() => compared()) }),
    ).toThrow(ComparisonInputError);
    expect(() => buildComparison({ generatedAt: 'x', reference: r, compared: [reference()] })).toThrow(
      'a period appears twice',
    );
  });

  it('carries no enrollment ids and is JSON-safe', () => {
    const json = JSON.stringify(summary);
    expect(json).not.toContain('-E00');
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json)).toEqual(summary);
  });
});

describe('comparison.html', () => {
  const input = () => ({
    id: 'CMP1',
    generatedAt: '2025-07-01',
    reference: reference(),
    compared: [compared(), small()],
  });

  it('is an Indonesian, phone-friendly, self-contained page with the findings first', () => {
    const html = renderComparisonHtml(buildComparison(input()));
    const doc = parseHtml(html);
    expect(doc.querySelector('html')?.getAttribute('lang')).toBe('id');
    expect(doc.querySelector('meta[name="viewport"]')?.getAttribute('content')).toContain(
      'width=device-width',
    );
    expect(doc.querySelectorAll('script, link, img')).toHaveLength(0);
    expect(doc.querySelectorAll('section').map((s) => s.id)).toEqual([
      'temuan',
      'grafik',
      'kohort',
      'statistik',
      'keterbatasan',
      'metode',
    ]);
  });

  it('draws each cohort change per score for each compared period', () => {
    const doc = parseHtml(renderComparisonHtml(buildComparison(input())));
    expect(doc.querySelectorAll('section#grafik svg')).toHaveLength(10);
    const chart = doc.querySelector('svg[data-chart="change-P2025A-whoqol-physical"]');
    expect(chart?.querySelector('desc')?.text).toContain('Jan-Des 2025: +8,0 (n = 11)');
  });

  it('says the adjusted difference with its range and how strong the evidence is, never "terbukti"', () => {
    const html = renderComparisonHtml(buildComparison(input()));
    const doc = parseHtml(html);
    const physical = doc.querySelectorAll('li[data-finding="whoqol-physical"]');
    expect(physical[0]?.text).toContain(
      'Dengan skor awal yang sama, skor akhir kohort "Jan-Des 2025" sekitar 4,7 poin lebih tinggi, kemungkinan antara 3,3 poin lebih tinggi dan 6,0 poin lebih tinggi dibanding kohort "Mei-Okt 2024" (p Holm < 0,001)',
    );
    // Numbers read side by side share one precision: 2,7 and 8,0, never 2,7 and 8.
    expect(physical[0]?.text).toContain('naik rata-rata 2,7 poin');
    expect(physical[0]?.text).toContain('naik rata-rata 8,0 poin');
    expect(physical[0]?.querySelector('.verdict')?.getAttribute('data-verdict')).toBe('strong');
    expect(physical[1]?.querySelector('.verdict')?.getAttribute('data-verdict')).toBe('small_sample');
    expect(physical[1]?.text).toContain('Hanya gambaran: kurang dari 10 pasangan data');
    expect(html.toLowerCase()).not.toContain('terbukti');
    expect(doc.querySelectorAll('section#keterbatasan li[data-caveat="not_randomised"]')).toHaveLength(2);
  });

  it('is byte-identical for the same data, whatever the clock says', () => {
    const first = renderComparisonHtml(buildComparison(input()));
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    expect(renderComparisonHtml(buildComparison(input()))).toBe(first);
  });

  it('escapes period names', () => {
    const r = reference();
    r.period.name = '<script>alert(1)</script>';
    const html = renderComparisonHtml(
      buildComparison({ generatedAt: '2025-07-01', reference: r, compared: [compared()] }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('comparison evidence', () => {
  const base = buildComparison({ generatedAt: 'x', reference: reference(), compared: [compared()] })
    .comparisons[0]?.whoqol.domains.physical;
  it('is weak when the ANCOVA and a check disagree, none when nothing is below 0.05', () => {
    if (!base?.ancova || !base.welch) throw new Error('fixture: no tests');
    expect(comparisonEvidence(base)).toBe('strong');
    expect(comparisonEvidence({ ...base, welch: { ...base.welch, p: 0.2 } })).toBe('weak');
    expect(comparisonEvidence({ ...base, pHolm: 0.08 })).toBe('weak');
    expect(comparisonEvidence({ ...base, pHolm: 0.3, ancova: { ...base.ancova, p: 0.1 } })).toBe('none');
  });
});
