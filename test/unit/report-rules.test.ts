/**
 * Who a period report counts and what it says (docs/reports.md): pairing, interim vs final,
 * attrition, the sensitivity row, person-time, direction, stage table, licence, wording.
 */
import { type HTMLElement, parse as parseHtml } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { evidenceOf } from '../../shared/reports/html/findings';
import { renderReportHtml } from '../../shared/reports/render-html';
import { type PeriodInput, SummaryBuilder } from '../../shared/reports/summary';
import type { ReportKind } from '../../shared/reports/types';
import { fixtureRows, fixtureSummary } from './fixtures/report-fixture';

const PERIOD: PeriodInput = {
  id: '01PERIOD000000000000000000',
  name: 'Periode uji',
  startDate: '2025-01-01',
  endDate: '2025-06-30',
  capacity: 10,
  offices: ['bapas-semarang'],
  protocol: { opening: ['home_visit'], cadenceDays: {} },
  instruments: ['whoqol-bref', 'urica'],
};

const whoqol = (x: number | null) => ({
  domains: {
    physical: x === null ? null : { score0to100: x },
    psychological: { score0to100: 50 },
    social: { score0to100: 50 },
    environment: { score0to100: 50 },
  },
});

function enroll(
  b: SummaryBuilder,
  id: string,
  status = 'active',
  statusDate?: string,
  enrolledOn = '2025-01-06',
) {
  b.addEnrollment({ id, office: 'bapas-semarang', status, enrolledOn, statusDate });
}

let seq = 0;
function assess(
  b: SummaryBuilder,
  enrollmentId: string,
  phase: 'pre' | 'post' | 'mid',
  date: string,
  physical: number | null,
) {
  seq += 1;
  b.addAssessment({
    enrollmentId,
    id: `A${String(seq).padStart(4, '0')}`,
    instrument: 'whoqol-bref',
    phase,
    date,
    scores: whoqol(physical),
  });
}

function urica(
  b: SummaryBuilder,
  enrollmentId: string,
  phase: 'pre' | 'post',
  date: string,
  readiness: number,
) {
  seq += 1;
  const stage =
    readiness <= 8 ? 'precontemplation' : readiness <= 11 ? 'contemplation' : 'preparation_action';
  b.addAssessment({
    enrollmentId,
    id: `U${String(seq).padStart(4, '0')}`,
    instrument: 'urica',
    phase,
    date,
    scores: { readiness, stage },
  });
}

const finish = (b: SummaryBuilder, kind: ReportKind = 'final', whoqolPermissionRef?: string) =>
  b.finish({ kind, generatedAt: '2025-07-01', whoqolPermissionRef });

describe('pairing', () => {
  it('pairs the earliest pre with the latest post dated after it; a repeated pre does not move the baseline', () => {
    const b = new SummaryBuilder(PERIOD, '2025-06-30');
    enroll(b, 'E1');
    assess(b, 'E1', 'pre', '2025-01-10', 40);
    assess(b, 'E1', 'pre', '2025-03-01', 55);
    assess(b, 'E1', 'mid', '2025-04-01', 58);
    assess(b, 'E1', 'post', '2025-05-01', 50);
    assess(b, 'E1', 'post', '2025-06-01', 60);
    const { summary, rows } = finish(b);
    expect(summary.whoqol.domains.physical.nPairs).toBe(1);
    expect(summary.whoqol.domains.physical.meanDiff).toBe(20);
    expect(rows[0]?.whoqol.physical).toEqual({ pre: 40, post: 60 });
    // Days from enrollment (2025-01-06), never dates.
    expect(rows[0]?.assessmentDays.whoqol).toEqual({ pre: 4, post: 146 });
  });

  it('does not pair a post dated before or on the day of the baseline', () => {
    const b = new SummaryBuilder(PERIOD, '2025-06-30');
    enroll(b, 'E1');
    enroll(b, 'E2');
    assess(b, 'E1', 'post', '2025-01-08', 70);
    assess(b, 'E1', 'pre', '2025-01-10', 40);
    assess(b, 'E2', 'pre', '2025-02-01', 40);
    assess(b, 'E2', 'post', '2025-02-01', 45);
    const { summary, rows } = finish(b);
    expect(summary.whoqol.domains.physical.nPairs).toBe(0);
    expect(summary.attrition.whoqol).toMatchObject({ withPre: 2, withPost: 0, analysed: 0 });
    expect(rows.map((r) => r.whoqol.physical)).toEqual([
      { pre: 40, post: null },
      { pre: 40, post: null },
    ]);
    expect(rows[0]?.assessmentDays.whoqol).toEqual({ pre: 4, post: null });
  });
});

describe('interim and final reports', () => {
  function period(kind: ReportKind) {
    const b = new SummaryBuilder(PERIOD, '2025-06-30');
    enroll(b, 'E1', 'completed', '2025-06-20');
    enroll(b, 'E2', 'active');
    enroll(b, 'E3', 'transferred', '2025-02-01');
    return finish(b, kind).summary;
  }

  it('gives the completion rate only in a final report', () => {
    const final = period('final');
    expect(final.interim).toBe(false);
    // completed / (enrolled - transferred) = 1 / 2
    expect(final.enrollment.completionRate).toBe(0.5);
    expect(final.byOffice[0]?.completionRate).toBe(0.5);
    for (const kind of ['monthly', 'on_demand'] as const) {
      const interim = period(kind);
      expect(interim.interim).toBe(true);
      expect(interim.enrollment.completionRate).toBeNull();
      expect(interim.byOffice[0]?.completionRate).toBeNull();
      expect(interim.enrollment).toMatchObject({ enrolled: 3, active: 1, completed: 1, transferred: 1 });
    }
  });
});

describe('attrition', () => {
  it('counts the flow per instrument and the exits by month and recorded reason', () => {
    const b = new SummaryBuilder(PERIOD, '2025-06-30');
    enroll(b, 'E1', 'completed', '2025-06-20');
    enroll(b, 'E2', 'dropped_out', '2025-03-15');
    enroll(b, 'E3', 'dropped_out', '2025-04-02');
    enroll(b, 'E4', 'transferred', '2025-02-01');
    enroll(b, 'E5', 'active');
    for (const id of ['E1', 'E2', 'E3', 'E4', 'E5']) assess(b, id, 'pre', '2025-01-07', 50);
    assess(b, 'E1', 'post', '2025-06-10', 60);
    // E5's follow-up has no physical score (too few items): not analysed for WHOQOL... but
    // the other three domains pair, so E5 is analysed.
    assess(b, 'E5', 'post', '2025-06-10', null);
    urica(b, 'E1', 'pre', '2025-01-07', 7);
    urica(b, 'E1', 'post', '2025-06-10', 12);
    urica(b, 'E2', 'pre', '2025-01-07', 9);
    b.addOutcome({ enrollmentId: 'E2', id: 'o1', type: 'rearrest', date: '2025-03-10' });
    b.addOutcome({ enrollmentId: 'E3', id: 'o2', type: 'relapse', date: '2025-05-01' });
    const { summary } = finish(b);
    expect(summary.attrition.whoqol).toEqual({
      capacity: 10,
      enrolled: 5,
      transferred: 1,
      droppedOut: 2,
      active: 1,
      completed: 1,
      withPre: 5,
      withPost: 2,
      analysed: 2,
    });
    expect(summary.whoqol.domains.physical.nPairs).toBe(1);
    expect(summary.attrition.urica).toMatchObject({ withPre: 2, withPost: 1, analysed: 1 });
    // E3's relapse came after its dropout: not a recorded reason for it.
    expect(summary.attrition.exits).toEqual([
      { status: 'dropped_out', month: '2025-03', reason: 'recidivism', count: 1 },
      { status: 'dropped_out', month: '2025-04', reason: 'not_recorded', count: 1 },
      { status: 'transferred', month: '2025-02', reason: 'not_recorded', count: 1 },
    ]);
    // Relapse and re-offending after a dropout are unknown, never 0.
    expect(summary.outcomes.relapse.unknownAfterDropout).toBe(2);
    expect(summary.outcomes.recidivism.unknownAfterDropout).toBe(2);
  });

  it('compares the baselines of clients with and without a follow-up, and carries baselines forward', () => {
    const b = new SummaryBuilder(PERIOD, '2025-06-30');
    enroll(b, 'A');
    enroll(b, 'B');
    enroll(b, 'C');
    assess(b, 'A', 'pre', '2025-01-07', 50);
    assess(b, 'A', 'post', '2025-06-01', 60);
    assess(b, 'B', 'pre', '2025-01-07', 40);
    assess(b, 'C', 'post', '2025-06-01', 90);
    const physical = finish(b).summary.whoqol.domains.physical;
    expect(physical.baselineByFollowUp).toEqual({
      withPost: { n: 1, mean: 50, sd: null },
      withoutPost: { n: 1, mean: 40, sd: null },
    });
    // Changes 10 (A) and 0 (B, carried forward); C has no baseline. R: t.test(c(10, 0))$conf.int
    expect(physical.sensitivity).toEqual({
      method: 'baseline_carried_forward',
      n: 2,
      meanDiff: 5,
      ci95: [expect.closeTo(-58.53102368, 7), expect.closeTo(68.53102368, 7)],
    });
  });
});

describe('direction, regression to the mean and stages', () => {
  it('counts rises, no change (|d| < 1e-4) and falls, and correlates baseline with change', () => {
    const b = new SummaryBuilder(PERIOD, '2025-06-30');
    const pre = [30, 50, 70, 40, 60];
    const post = [50, 55, 68, 52, 60.000001];
    pre.forEach((x, i) => {
      enroll(b, `E${i}`);
      assess(b, `E${i}`, 'pre', '2025-01-07', x);
      assess(b, `E${i}`, 'post', '2025-06-01', post[i] ?? null);
    });
    const physical = finish(b).summary.whoqol.domains.physical;
    expect(physical.direction).toEqual({ up: 3, same: 1, down: 1 });
    // R: pre <- c(30, 50, 70, 40, 60); post <- c(50, 55, 68, 52, 60.000001); cor(pre, post - pre)
    expect(physical.baselineChangeCorrelation).toBeCloseTo(-0.9778024175, 8);
  });

  it('counts URICA stages over the same clients before and after', () => {
    const b = new SummaryBuilder(PERIOD, '2025-06-30');
    enroll(b, 'A');
    enroll(b, 'B');
    urica(b, 'A', 'pre', '2025-01-07', 7);
    urica(b, 'A', 'post', '2025-06-01', 12);
    // B has a baseline only: not in the stage table.
    urica(b, 'B', 'pre', '2025-01-07', 10);
    const stages = finish(b).summary.urica.stages;
    expect(stages.n).toBe(1);
    expect(stages.pre).toEqual({ precontemplation: 1, contemplation: 0, preparation_action: 0 });
    expect(stages.post).toEqual({ precontemplation: 0, contemplation: 0, preparation_action: 1 });
  });
});

describe('the WHOQOL-BREF licence note', () => {
  it('shows the permission reference or says that it is missing', () => {
    const b = () => new SummaryBuilder(PERIOD, '2025-06-30');
    const missing = finish(b(), 'final').summary;
    expect(missing.licence).toEqual({ whoqolPermissionRef: null });
    expect(finish(b(), 'final', '  ').summary.licence.whoqolPermissionRef).toBeNull();
    const given = finish(b(), 'final', 'WHO/MSD/QOL 2024-117').summary;
    expect(given.licence.whoqolPermissionRef).toBe('WHO/MSD/QOL 2024-117');

    const text = (s: typeof given) =>
      parseHtml(renderReportHtml(s, [])).querySelector('[data-licence]')?.text;
    expect(text(missing)).toContain('belum dicatat');
    expect(text(given)).toContain('izin WHO, referensi WHO/MSD/QOL 2024-117');
    expect(text(given)).toContain('Teks butir kuesioner tetap di kertas');
  });
});

function temuan(html: string): HTMLElement {
  const section = parseHtml(html).querySelector('section#temuan');
  if (!section) throw new Error('no Temuan utama');
  return section;
}

describe('what the report says', () => {
  it('puts Temuan utama first, before any other section', () => {
    const doc = parseHtml(renderReportHtml(fixtureSummary(), fixtureRows()));
    expect(doc.querySelectorAll('section')[0]?.id).toBe('temuan');
  });

  it('says "signifikan" only in a final report, and an interim report says so at the top', () => {
    const final = renderReportHtml(fixtureSummary(), fixtureRows());
    expect(temuan(final).text).toContain('signifikan secara statistik');
    expect(final).not.toContain('laporan sementara');
    for (const kind of ['monthly', 'on_demand'] as const) {
      const s = { ...fixtureSummary(), kind, interim: true };
      const html = renderReportHtml(s, fixtureRows());
      expect(html.toLowerCase()).not.toContain('signifikan');
      const doc = parseHtml(html);
      expect(doc.querySelector('header [data-interim]')?.text).toContain(
        'Ini laporan sementara per 1 November 2024',
      );
      expect(doc.querySelector('header [data-interim]')?.text).toContain(
        'kesimpulan diambil dari laporan akhir',
      );
    }
  });

  it('says why an on-demand report after the end date is still interim', () => {
    const s = { ...fixtureSummary(), kind: 'on_demand' as const, interim: true, asOf: '2024-11-20' };
    const text = parseHtml(renderReportHtml(s, fixtureRows())).querySelector('header [data-interim]')?.text;
    expect(text).toContain('laporan ini bukan laporan akhir periode (periode berakhir 31 Oktober 2024)');
    const running = { ...s, asOf: '2024-09-01' };
    expect(
      parseHtml(renderReportHtml(running, fixtureRows())).querySelector('header [data-interim]')?.text,
    ).toContain('program periode ini masih berjalan sampai 31 Oktober 2024');
  });

  it('gives each domain as rose / stayed / fell with the change and its range in points, without effect-size labels', () => {
    const s = fixtureSummary();
    const psych = s.whoqol.domains.psychological;
    const text =
      temuan(renderReportHtml(s, fixtureRows())).querySelector('li[data-finding="whoqol-psychological"]')
        ?.text ?? '';
    const { up, same, down } = psych.direction;
    expect(text).toContain(
      `dari 14 klien dengan skor awal dan akhir, ${up} naik, ${same} tetap, ${down} turun`,
    );
    expect(text).toMatch(
      /rata-rata naik sekitar \d+(,\d)? poin, kemungkinan antara naik \d+(,\d)? dan \d+(,\d)? poin/,
    );
    expect(temuan(renderReportHtml(s, fixtureRows())).text).not.toMatch(/\b(besar|sedang|kecil)\b\)/);
  });

  it('calls the evidence strong when both tests agree after Holm and weak when they disagree', () => {
    const s = fixtureSummary();
    const base = s.whoqol.domains.psychological;
    const agree = { ...base, pHolm: { tTest: 0.001, wilcoxon: 0.004 } };
    const disagree = { ...base, pHolm: { tTest: 0.03, wilcoxon: 0.08 } };
    const neither = { ...base, pHolm: { tTest: 0.3, wilcoxon: 0.4 } };
    expect(evidenceOf(agree, true).status).toBe('strong');
    expect(evidenceOf(disagree, true).status).toBe('weak');
    expect(evidenceOf(neither, true).status).toBe('insufficient');
    s.whoqol.domains.psychological = disagree;
    const text = temuan(renderReportHtml(s, fixtureRows())).querySelector(
      'li[data-finding="whoqol-psychological"]',
    )?.text;
    expect(text).toContain('Buktinya lemah: kedua uji tidak sejalan');
  });

  it('explains few pairs instead of calling them not significant', () => {
    const s = fixtureSummary();
    const five = {
      ...s.whoqol.domains.social,
      nPairs: 5,
      direction: { up: 3, same: 0, down: 2 },
      pHolm: { tTest: 0.4, wilcoxon: 0.6 },
    };
    const seven = { ...five, nPairs: 7, direction: { up: 5, same: 0, down: 2 } };
    s.whoqol.domains.social = five;
    s.whoqol.domains.environment = seven;
    const doc = temuan(renderReportHtml(s, fixtureRows()));
    expect(doc.querySelector('li[data-finding="whoqol-social"]')?.text).toContain(
      'Dengan kurang dari 6 klien yang skornya berubah, uji Wilcoxon tidak mungkin mencapai p < 0,05',
    );
    expect(doc.querySelector('li[data-finding="whoqol-environment"]')?.text).toContain(
      'Dengan koreksi Holm untuk empat domain, uji Wilcoxon memerlukan minimal 8 klien',
    );
  });

  it('carries the mandatory caveats, the two-sided p and the closing line in Temuan utama', () => {
    const doc = temuan(renderReportHtml(fixtureSummary(), fixtureRows()));
    for (const key of [
      'caveat-no-comparison',
      'caveat-natural-recovery',
      'caveat-regression',
      'caveat-own-officer',
      'caveat-not-reassessed',
      'p-value',
      'closing',
    ]) {
      expect(doc.querySelector(`li[data-finding="${key}"]`), key).not.toBeNull();
    }
    expect(doc.text).toContain('sejauh ini atau lebih jauh dari nol, ke arah mana pun');
    // K007 (dropped out) and K012 (transferred) have no follow-up.
    expect(doc.querySelector('li[data-finding="caveat-not-reassessed"]')?.text).toContain(
      '2 dari 16 klien terdaftar tidak (atau belum) dinilai ulang',
    );
    expect(doc.querySelector('li[data-finding="closing"]')?.text).toBe(
      "Tulislah 'skor kualitas hidup klien yang bertahan meningkat selama program'. Jangan tulis 'program terbukti berhasil'.",
    );
    expect(doc.text).not.toContain('terbukti berhasil.');
  });

  it('names regression to the mean with its number when the baseline correlates strongly with the change', () => {
    const s = fixtureSummary();
    s.whoqol.domains.social = { ...s.whoqol.domains.social, baselineChangeCorrelation: -0.72 };
    const text = temuan(renderReportHtml(s, fixtureRows())).querySelector(
      'li[data-finding="caveat-regression"]',
    )?.text;
    expect(text).toContain('hubungan sosial r = -0,72');
  });

  it('says relapse after a dropout is unknown, with the rate per 100 person-months', () => {
    const s = fixtureSummary();
    const text =
      temuan(renderReportHtml(s, fixtureRows())).querySelector('li[data-finding="outcomes"]')?.text ?? '';
    expect(text).toContain(
      'Untuk 1 klien yang berhenti, kekambuhan sesudah berhenti tidak diketahui (bukan nol)',
    );
    expect(text).toContain('kejadian per 100 bulan-orang');
    expect(text).toContain('IK 95%');
  });

  it('gives urine positivity per client with the testing frequency and marks intake months', () => {
    const doc = parseHtml(renderReportHtml(fixtureSummary(), fixtureRows()));
    const text = doc.querySelector('li[data-finding="urine"]')?.text ?? '';
    expect(text).toContain('3 dari 16 klien yang dites pernah positif');
    expect(text).toMatch(/dites median 6 kali \(antara 1 dan 7\)/);
    const months = doc.querySelectorAll('table[data-table="urine-by-month"] tbody th').map((th) => th.text);
    expect(months[0]).toBe('Mei 2024 *');
    expect(months[1]).toBe('Juni 2024');
  });

  it('leaves the completion rate out of an interim report', () => {
    const s = { ...fixtureSummary(), kind: 'monthly' as const, interim: true };
    s.enrollment = { ...s.enrollment, completionRate: null };
    const doc = parseHtml(renderReportHtml(s, fixtureRows()));
    expect(doc.querySelector('li[data-finding="enrollment"]')?.text).not.toContain('Tingkat penyelesaian');
  });

  it('shows the attrition flow, the baselines by follow-up and the sensitivity row', () => {
    const doc = parseHtml(renderReportHtml(fixtureSummary(), fixtureRows()));
    const flow = doc.querySelectorAll('table[data-table="attrition"] tbody tr').map((r) => r.text);
    expect(flow[0]).toBe('Kapasitas1616');
    expect(flow.at(-1)).toBe('Dianalisis (pasangan pra-pasca)149');
    expect(doc.querySelectorAll('table[data-table="sensitivity"] tbody tr')).toHaveLength(4);
    expect(doc.querySelectorAll('table[data-table="baseline-by-follow-up"] tbody tr')).toHaveLength(5);
    expect(doc.querySelector('table[data-table="exits"]')?.text).toContain('Juli 2024');
  });
});

describe('stored items read for a report', () => {
  it('keeps only the fields a report needs, so identity fields never travel further', async () => {
    const { parseEnrollment } = await import('../../shared/reports/inputs');
    const parsed = parseEnrollment({
      id: 'E1',
      office: 'bapas-semarang',
      status: 'active',
      enrolledOn: '2025-01-06',
      clientName: 'Budi Santoso',
      nik: '3374012345678901',
      statusReason: 'pindah ke rumah kakaknya di Jl. Pemuda 17',
    });
    expect(parsed).toEqual({
      id: 'E1',
      office: 'bapas-semarang',
      status: 'active',
      enrolledOn: '2025-01-06',
    });
  });

  it('refuses a malformed item with its entity and id, never its content', async () => {
    const { parseAssessment, ReportInputError } = await import('../../shared/reports/inputs');
    const bad = {
      id: 'A1',
      enrollmentId: 'E1',
      instrument: 'urica',
      phase: 'pre',
      date: '2025-01-07',
      scores: { readiness: 'Budi Santoso' },
    };
    expect(() => parseAssessment(bad)).toThrow(ReportInputError);
    expect(() => parseAssessment(bad)).toThrow(
      'stored assessment A1 cannot be read for a report (fields: scores.readiness)',
    );
    try {
      parseAssessment(bad);
    } catch (err) {
      expect(String(err)).not.toContain('Budi');
    }
  });
});

describe('the WHOQOL permission setting', () => {
  it('reads WHOQOL_PERMISSION_REF, trimmed; unset or blank is missing', async () => {
    const { readConfig } = await import('../../shared/config');
    expect(readConfig({ WHOQOL_PERMISSION_REF: ' WHO/QOL 2025-03 ' }).whoqolPermissionRef).toBe(
      'WHO/QOL 2025-03',
    );
    expect(readConfig({ WHOQOL_PERMISSION_REF: '  ' }).whoqolPermissionRef).toBeUndefined();
    expect(readConfig({}).whoqolPermissionRef).toBeUndefined();
  });
});
