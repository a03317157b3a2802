/**
 * comparison.html: a cohort comparison for officials, in Indonesian (docs/reports.md, "Cohort
 * comparisons"). Self-contained (inline CSS and SVG, no scripts), readable on a phone,
 * printable; plain findings first, then charts of each cohort's change, then what was
 * compared, the statistics, what the comparison cannot show, and the method.
 *
 * Deterministic: the output depends only on the summary (no clock, no locale formatting), so
 * the same data give the same bytes. Every text from data is escaped. Words: a comparison of
 * cohorts that were not randomised describes differences; it never says a protocol "terbukti"
 * better or worse.
 */
import { line, rect, svg, text as svgText } from '../html/charts';
import { escapeHtml, fmtDate, fmtInt, fmtNumber, fmtP, fmtPercent, fmtSigned, MISSING } from '../html/format';
import { ACTIVITY_LABEL, DOMAIN_LABEL, DOMAIN_WORD } from '../html/labels';
import { REPORT_CSS } from '../html/style';
import { table } from '../html/table';
import { WHOQOL_DOMAINS } from '../types';
import type {
  BinaryComparison,
  CohortChange,
  ComparisonSummary,
  PeriodComparison,
  ProtocolSummary,
  ScoreComparison,
} from './types';

export const ALPHA = 0.05;

export type ComparisonEvidence = 'strong' | 'weak' | 'none' | 'not_computed' | 'small_sample';

/**
 * Evidence of a difference between cohorts: strong when the primary ANCOVA (Holm-adjusted for
 * WHOQOL domains) and both change-score checks (Welch, rank-sum) give p < 0.05; weak when the
 * ANCOVA does but a check does not, or when only the unadjusted ANCOVA p is below 0.05; none
 * otherwise.
 */
export function comparisonEvidence(b: ScoreComparison): ComparisonEvidence {
  if (b.reason !== null) return 'small_sample';
  if (b.ancova === null) return 'not_computed';
  const p = b.pHolm ?? b.ancova.p;
  const checks = (b.welch?.p ?? 1) < ALPHA && (b.rankSum?.p ?? 1) < ALPHA;
  if (p < ALPHA) return checks ? 'strong' : 'weak';
  return b.ancova.p < ALPHA ? 'weak' : 'none';
}

const EVIDENCE_WORDS: Record<ComparisonEvidence, string> = {
  strong: 'Buktinya kuat: analisis utama dan kedua uji pembanding sejalan',
  weak: 'Buktinya lemah: analisis utama dan uji pembanding tidak sejalan, atau perbedaan hilang setelah koreksi Holm',
  none: 'Tidak ada bukti perbedaan yang jelas antara kedua kohort',
  not_computed: 'Analisis tidak dapat dihitung dari data ini',
  small_sample:
    'Hanya gambaran: kurang dari 10 pasangan data di salah satu kohort, sehingga uji tidak dihitung',
};

function openingText(p: ProtocolSummary): string {
  return p.opening.length === 0
    ? 'tanpa urutan pembukaan'
    : p.opening.map((t) => ACTIVITY_LABEL[t]).join(' → ');
}

/** Points in words: whole points from 5 up, one decimal below (or as `decimals` says). */
function points(x: number, decimals: number = Math.abs(x) >= 5 ? 0 : 1): string {
  return fmtNumber(Math.abs(x), decimals);
}

/** One precision for the mean changes read side by side (one decimal when either is under 5). */
function changeDecimals(...changes: CohortChange[]): number {
  return changes.every((c) => c.meanChange === null || Math.abs(c.meanChange) >= 5) ? 0 : 1;
}

function changeWords(c: CohortChange, decimals?: number): string {
  if (c.meanChange === null) return 'belum ada pasangan data';
  const m = c.meanChange;
  const move =
    Math.abs(m) < 0.05
      ? 'hampir tidak berubah'
      : `${m > 0 ? 'naik' : 'turun'} rata-rata ${points(m, decimals)} poin`;
  return `${move} (${fmtInt(c.n)} klien: ${fmtInt(c.direction.up)} naik, ${fmtInt(c.direction.same)} tetap, ${fmtInt(c.direction.down)} turun)`;
}

/**
 * "sekitar 4,2 poin lebih tinggi, kemungkinan antara 0,4 poin lebih rendah dan 8,9 poin lebih
 * tinggi": the three numbers with one precision (one decimal when any is under 5 points), so a
 * range never reads "0,4 ... dan 9".
 */
export function differenceInWords(diff: number, ci: [number, number]): string {
  const decimals = [diff, ...ci].every((x) => Math.abs(x) >= 5) ? 0 : 1;
  const side = (x: number) =>
    Math.abs(x) < 0.05 ? 'sama' : `${points(x, decimals)} poin lebih ${x > 0 ? 'tinggi' : 'rendah'}`;
  return `sekitar ${side(diff)}, kemungkinan antara ${side(ci[0])} dan ${side(ci[1])}`;
}

function nameOf(s: ComparisonSummary, periodId: string): ProtocolSummary | undefined {
  return s.protocols.find((p) => p.periodId === periodId);
}

function scoreFinding(
  key: string,
  label: string,
  b: ScoreComparison,
  names: { r: string; c: string },
): { key: string; html: string } {
  const ev = comparisonEvidence(b);
  const d = changeDecimals(b.reference, b.compared);
  let body = `${label}: kohort ${names.r} ${changeWords(b.reference, d)}; kohort ${names.c} ${changeWords(b.compared, d)}. `;
  if (b.ancova !== null && ev !== 'small_sample') {
    const p = b.pHolm ?? b.ancova.p;
    body +=
      `Dengan skor awal yang sama, skor akhir kohort ${names.c} ${differenceInWords(b.ancova.diff, b.ancova.ci95)} ` +
      `dibanding kohort ${names.r} (${b.pHolm !== undefined ? 'p Holm' : 'p'} ${fmtP(p).startsWith('<') ? '' : '= '}${fmtP(p)}). `;
  }
  const html = `${escapeHtml(body)}<strong class="verdict" data-verdict="${ev}">${escapeHtml(EVIDENCE_WORDS[ev])}</strong>.`;
  return { key, html };
}

function rateText(e: { events: number; n: number }): string {
  return e.n === 0
    ? 'tidak ada data'
    : `${fmtInt(e.events)}/${fmtInt(e.n)} (${fmtPercent(e.events / e.n, 0)})`;
}

function binaryFinding(key: string, label: string, b: BinaryComparison, names: { r: string; c: string }) {
  let body = `${label}: kohort ${names.r} ${rateText(b.reference)}, kohort ${names.c} ${rateText(b.compared)}.`;
  if (b.riskDifference !== null && b.riskDifferenceCi95 !== null) {
    const pp = (x: number) => `${fmtSigned(x * 100, 0)} poin persen`;
    body += ` Selisih ${pp(b.riskDifference)}, kemungkinan antara ${pp(b.riskDifferenceCi95[0])} dan ${pp(b.riskDifferenceCi95[1])} (uji eksak Fisher p ${fmtP(b.fisherP).startsWith('<') ? '' : '= '}${fmtP(b.fisherP)}).`;
  }
  return { key, html: escapeHtml(body) };
}

function findingsOf(s: ComparisonSummary, c: PeriodComparison): string {
  const R = nameOf(s, c.reference);
  const C = nameOf(s, c.compared);
  if (!R || !C) return '';
  const names = { r: `"${R.name}"`, c: `"${C.name}"` };
  const physical = c.whoqol.domains.physical;
  const items: Array<{ key: string; html: string }> = [
    {
      key: 'cohorts',
      html: escapeHtml(
        `Kohort ${names.c} (${openingText(C)}; ${fmtInt(C.enrolled)} klien, ${fmtInt(physical.compared.n)} dengan skor WHOQOL awal dan akhir) ` +
          `dibandingkan dengan kohort rujukan ${names.r} (${openingText(R)}; ${fmtInt(R.enrolled)} klien, ${fmtInt(physical.reference.n)} dengan skor awal dan akhir).`,
      ),
    },
    ...WHOQOL_DOMAINS.map((d) =>
      scoreFinding(`whoqol-${d}`, `Kualitas hidup, domain ${DOMAIN_WORD[d]}`, c.whoqol.domains[d], names),
    ),
    scoreFinding('urica-readiness', 'Kesiapan berubah (URICA)', c.urica.readiness, names),
    binaryFinding('completion', 'Penyelesaian program', c.outcomes.completion, names),
    binaryFinding('relapse', 'Klien dengan kekambuhan', c.outcomes.relapse, names),
    binaryFinding('urine', 'Klien yang pernah positif tes urine', c.outcomes.everPositiveUrine, names),
    {
      key: 'limits',
      html: escapeHtml(
        `Perbandingan ini menggambarkan perbedaan antar kohort; ia tidak dapat menunjukkan bahwa protokol ${openingText(C)} ` +
          `menyebabkan perbedaan itu, karena klien tidak dibagi secara acak dan setiap protokol dijalankan pada waktu yang berbeda ` +
          `(lihat bagian "Yang tidak dapat ditunjukkan").`,
      ),
    },
  ];
  return (
    `<h3 data-comparison="${escapeHtml(c.compared)}">${escapeHtml(`${C.name} dibandingkan dengan ${R.name}`)}</h3>` +
    `<ul class="findings">${items.map((i) => `<li data-finding="${i.key}">${i.html}</li>`).join('')}</ul>`
  );
}

/** Mean change per cohort with its 95% CI: horizontal bars around a zero line. */
export function changeChart(
  chart: string,
  title: string,
  rows: Array<{ label: string; c: CohortChange }>,
): string {
  const width = 340;
  const rowH = 34;
  const top = 12;
  const left = 110;
  const right = 16;
  const height = top * 2 + rowH * rows.length + 18;
  const extent = Math.max(
    1,
    ...rows.flatMap(({ c }) => [Math.abs(c.meanChange ?? 0), ...(c.changeCi95 ?? [0, 0]).map(Math.abs)]),
  );
  const plotW = width - left - right;
  const xOf = (v: number) => left + ((v + extent) / (2 * extent)) * plotW;
  let body = line(xOf(0), top - 4, xOf(0), height - 22, 'axis');
  body += svgText(xOf(-extent), height - 6, fmtNumber(-extent, 1), { cls: 'tick' });
  body += svgText(xOf(0), height - 6, '0', { anchor: 'middle', cls: 'tick' });
  body += svgText(xOf(extent), height - 6, fmtSigned(extent, 1), { anchor: 'end', cls: 'tick' });
  rows.forEach(({ label, c }, i) => {
    const y = top + i * rowH;
    body += svgText(4, y + 18, label, { cls: 'label' });
    if (c.meanChange === null) {
      body += svgText(xOf(0) + 6, y + 18, 'belum ada data', { cls: 'tick' });
      return;
    }
    const m = c.meanChange;
    body += rect(
      Math.min(xOf(0), xOf(m)),
      y + 6,
      Math.abs(xOf(m) - xOf(0)),
      rowH - 16,
      i === 0 ? 'bar-light' : 'bar-dark',
      `${label}: ${fmtSigned(m, 1)}`,
    );
    if (c.changeCi95) {
      const [lo, hi] = c.changeCi95;
      body += line(xOf(lo), y + rowH / 2 - 2, xOf(hi), y + rowH / 2 - 2, 'mean-line ci');
      body += line(xOf(lo), y + 8, xOf(lo), y + rowH - 12, 'axis');
      body += line(xOf(hi), y + 8, xOf(hi), y + rowH - 12, 'axis');
    }
  });
  const desc = rows
    .map(
      ({ label, c }) =>
        `${label}: ${c.meanChange === null ? 'belum ada data' : `${fmtSigned(c.meanChange, 1)} (n = ${c.n})`}`,
    )
    .join('; ');
  return svg(
    { chart, width, height, title, desc: `Rata-rata perubahan (pasca - pra) dengan IK 95%. ${desc}.` },
    body,
  );
}

function chartsOf(s: ComparisonSummary, c: PeriodComparison): string {
  const R = nameOf(s, c.reference);
  const C = nameOf(s, c.compared);
  const rows = (b: ScoreComparison) => [
    { label: R?.name.slice(0, 16) ?? 'Rujukan', c: b.reference },
    { label: C?.name.slice(0, 16) ?? 'Pembanding', c: b.compared },
  ];
  const figures = [
    ...WHOQOL_DOMAINS.map((d) => ({
      chart: `change-${c.compared}-whoqol-${d}`,
      title: `Perubahan skor domain ${DOMAIN_LABEL[d]} (skala 0-100) per kohort`,
      block: c.whoqol.domains[d],
    })),
    {
      chart: `change-${c.compared}-urica-readiness`,
      title: 'Perubahan skor kesiapan URICA per kohort',
      block: c.urica.readiness,
    },
  ];
  return (
    `<div class="grid2">` +
    figures
      .map(
        (f) =>
          `<figure>${changeChart(f.chart, f.title, rows(f.block))}<figcaption>${escapeHtml(f.title)}. Batang: rata-rata perubahan; garis: IK 95%.</figcaption></figure>`,
      )
      .join('') +
    `</div>`
  );
}

function protocolsTable(s: ComparisonSummary): string {
  return table({
    caption: 'Kohort yang dibandingkan',
    head: ['Periode', 'Peran', 'Tanggal', 'Pembukaan program', 'Kapasitas', 'Terdaftar'],
    rows: s.protocols.map((p) => [
      p.name,
      p.role === 'reference' ? 'rujukan' : 'pembanding',
      `${fmtDate(p.startDate)} - ${fmtDate(p.endDate)} (data per ${fmtDate(p.asOf)})`,
      openingText(p),
      fmtInt(p.capacity),
      fmtInt(p.enrolled),
    ]),
    numeric: [4, 5],
    dataTable: 'protocols',
  });
}

function scoreRows(c: PeriodComparison): Array<[string, ScoreComparison]> {
  return [
    ...WHOQOL_DOMAINS.map((d): [string, ScoreComparison] => [DOMAIN_LABEL[d], c.whoqol.domains[d]]),
    ['Kesiapan URICA', c.urica.readiness],
  ];
}

function statsTables(s: ComparisonSummary, c: PeriodComparison): string {
  const C = nameOf(s, c.compared)?.name ?? c.compared;
  const scores = scoreRows(c);
  const baseline = table({
    caption: `Skor awal (pra) per kohort: ${C}`,
    head: ['Ukuran', 'Rujukan: n', 'Rujukan: rerata awal', 'Pembanding: n', 'Pembanding: rerata awal'],
    rows: scores.map(([label, b]) => [
      label,
      fmtInt(b.reference.n),
      fmtNumber(b.reference.preMean, 1),
      fmtInt(b.compared.n),
      fmtNumber(b.compared.preMean, 1),
    ]),
    numeric: [1, 2, 3, 4],
    dataTable: `baseline-${c.compared}`,
  });
  const ci = (x: [number, number] | null | undefined) =>
    x ? `[${fmtNumber(x[0], 2)}; ${fmtNumber(x[1], 2)}]` : MISSING;
  const stats = table({
    caption: `Statistik perbandingan: ${C}`,
    head: [
      'Ukuran',
      'Δ rujukan ± SD',
      'Δ pembanding ± SD',
      'ANCOVA selisih [IK 95%]',
      'p',
      'p Holm',
      'Welch p',
      'Rank-sum p',
      'Hedges g',
      'Efek terdeteksi (SD)',
    ],
    rows: scores.map(([label, b]) => [
      label,
      `${fmtSigned(b.reference.meanChange, 2)} ± ${fmtNumber(b.reference.sdChange, 2)}`,
      `${fmtSigned(b.compared.meanChange, 2)} ± ${fmtNumber(b.compared.sdChange, 2)}`,
      b.ancova ? `${fmtSigned(b.ancova.diff, 2)} ${ci(b.ancova.ci95)}` : MISSING,
      fmtP(b.ancova?.p),
      b.pHolm === undefined ? MISSING : fmtP(b.pHolm),
      fmtP(b.welch?.p),
      b.rankSum ? `${fmtP(b.rankSum.p)} (${b.rankSum.method === 'exact' ? 'eksak' : 'normal'})` : MISSING,
      fmtNumber(b.hedgesG, 2),
      fmtNumber(b.detectableEffect, 2),
    ]),
    numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    cls: 'stats',
    dataTable: `stats-${c.compared}`,
  });
  const binary: Array<[string, BinaryComparison]> = [
    ['Penyelesaian', c.outcomes.completion],
    ['Kekambuhan', c.outcomes.relapse],
    ['Pernah positif urine', c.outcomes.everPositiveUrine],
  ];
  const outcomes = table({
    caption: `Hasil biner: ${C}`,
    head: ['Hasil', 'Rujukan', 'Pembanding', 'Selisih risiko [IK 95% Newcombe]', 'Fisher p'],
    rows: binary.map(([label, b]) => [
      label,
      rateText(b.reference),
      rateText(b.compared),
      b.riskDifference === null
        ? MISSING
        : `${fmtSigned(b.riskDifference * 100, 1)} pp ${ci(percentPoints(b.riskDifferenceCi95))}`,
      fmtP(b.fisherP),
    ]),
    numeric: [3, 4],
    dataTable: `outcomes-${c.compared}`,
  });
  const per100 = `Kekambuhan per 100 bulan-orang: rujukan ${fmtNumber(c.outcomes.relapse.reference.per100PersonMonths, 1)}, pembanding ${fmtNumber(c.outcomes.relapse.compared.per100PersonMonths, 1)}.`;
  return `<h3>${escapeHtml(C)}</h3><div class="table-scroll">${baseline}${stats}${outcomes}</div><p class="legend">${escapeHtml(per100)} pp = poin persen.</p>`;
}

function percentPoints(x: [number, number] | null): [number, number] | null {
  return x === null ? null : [x[0] * 100, x[1] * 100];
}

function caveatsOf(s: ComparisonSummary, c: PeriodComparison): string {
  const C = nameOf(s, c.compared)?.name ?? c.compared;
  return (
    `<h3>${escapeHtml(C)}</h3><ul class="findings caveats">` +
    c.caveats.map((k) => `<li data-caveat="${escapeHtml(k.code)}">${escapeHtml(k.text)}</li>`).join('') +
    `</ul>`
  );
}

function method(): string {
  const items = [
    'Pasangan data: untuk tiap klien, penilaian pra yang pertama dan penilaian pasca terakhir yang bertanggal sesudahnya.',
    'Analisis utama: ANCOVA, skor akhir = b0 + b1 × skor awal + b2 × [kohort pembanding], kuadrat terkecil biasa dengan galat baku HC3 (MacKinnon & White, 1985). b2 adalah selisih skor akhir antara kohort pada skor awal yang sama; IK 95% b2 ± t(0,975; n - 3) × galat baku. Untuk keempat domain WHOQOL nilai p dikoreksi Holm.',
    'Uji pembanding pada skor perubahan (pasca - pra): uji t Welch dan uji Wilcoxon rank-sum (eksak bila kedua kohort kurang dari 50 klien dan tidak ada nilai kembar; nilai yang berbeda kurang dari 0,0001 dianggap kembar). Hedges g = selisih rata-rata perubahan dibagi SD gabungan, dengan koreksi sampel kecil.',
    'Efek terdeteksi: perbedaan terkecil (dalam SD) yang dapat terlihat dengan kekuatan 80% pada α = 0,05: (z0,975 + z0,80) × √(1/nC + 1/nR).',
    'Kurang dari 10 pasangan di salah satu kohort: hanya gambaran (n, rata-rata dan SD perubahan, naik/tetap/turun); semua uji tidak dihitung.',
    'Hasil biner: selisih risiko dengan IK 95% hibrida Newcombe (1998) dari interval Wilson, dan uji eksak Fisher dua sisi. Penyelesaian = selesai / (terdaftar - dipindahkan); kekambuhan = klien dengan kejadian kambuh / terdaftar; urine = klien yang pernah positif / klien yang dites.',
    'Nilai p dua sisi: peluang mendapat perbedaan sejauh ini atau lebih jauh dari nol, ke arah mana pun, seandainya sebenarnya tidak ada perbedaan. Aturan lengkap: docs/instruments.md.',
  ];
  return `<section id="metode" class="method"><h2>6. Metode</h2><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul></section>`;
}

const EXTRA_CSS = `
svg.chart .ci { stroke-width: 2; }
`;

export function renderComparisonHtml(s: ComparisonSummary): string {
  const reference = nameOf(s, s.reference);
  const title = `Perbandingan kohort: ${s.protocols.map((p) => p.name).join(' · ')}`;
  const header =
    `<header><p class="kicker">Program pascarehabilitasi klien narkotika · Bapas dan BNNP</p>` +
    `<h1>Perbandingan Kohort</h1>` +
    `<p class="period-name">${escapeHtml(`Rujukan: ${reference?.name ?? s.reference}`)}</p>` +
    `<p class="notice">${escapeHtml(
      `Dibuat ${fmtDate(s.generatedAt)}. Perbandingan ini menggambarkan perbedaan antar kohort yang berjalan pada waktu berbeda; ` +
        'ia tidak dapat menunjukkan bahwa suatu protokol menjadi penyebabnya. Dokumen ini tidak memuat identitas klien.',
    )}</p></header>`;
  return (
    `<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>${REPORT_CSS}${EXTRA_CSS}</style>\n</head>\n<body>\n<main>\n` +
    [
      header,
      `<section id="temuan"><h2>1. Temuan utama</h2>${s.comparisons.map((c) => findingsOf(s, c)).join('')}</section>`,
      `<section id="grafik"><h2>2. Perubahan skor per kohort</h2>${s.comparisons.map((c) => chartsOf(s, c)).join('')}</section>`,
      `<section id="kohort"><h2>3. Yang dibandingkan</h2><div class="table-scroll">${protocolsTable(s)}</div></section>`,
      `<section id="statistik"><h2>4. Statistik</h2>${s.comparisons.map((c) => statsTables(s, c)).join('')}</section>`,
      `<section id="keterbatasan"><h2>5. Yang tidak dapat ditunjukkan</h2>${s.comparisons.map((c) => caveatsOf(s, c)).join('')}</section>`,
      method(),
    ].join('\n') +
    `\n<footer>${escapeHtml(`Perbandingan kohort · dibuat ${fmtDate(s.generatedAt)} oleh Pascarehab. Tanpa identitas klien.`)}</footer>\n</main>\n</body>\n</html>\n`
  );
}
