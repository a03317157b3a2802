/** The sections of report.html after the headline findings. Every data text is escaped. */
import { ACTIVITY_TYPES } from '../../domain/protocol';
import type { MeanSd } from '../../domain/stats/describe';
import type {
  AttritionFlow,
  EnrollmentRow,
  ExitReason,
  PairedBlock,
  ReportSummary,
  WhoqolDomain,
} from '../types';
import { URICA_STAGES, WHOQOL_DOMAINS } from '../types';
import { funnelChart, type SlopePoint, slopeChart, uricaTransitionsChart, urineByMonthChart } from './charts';
import { type EvidenceStatus, evidenceOf } from './findings';
import {
  escapeHtml,
  fmtHalf,
  fmtInt,
  fmtNumber,
  fmtP,
  fmtPercent,
  fmtSigned,
  MISSING,
  monthLong,
} from './format';
import {
  ACTIVITY_LABEL,
  DOMAIN_LABEL,
  RECIDIVISM_LABEL,
  STAGE_LABEL,
  substanceLabel,
  warningShort,
} from './labels';
import { table } from './table';

/**
 * A chart with its caption. On a phone the chart keeps its drawn size (its text at 11 px or
 * more) and scrolls inside its own box, reachable by keyboard.
 */
function figure(svgMarkup: string, caption: string): string {
  // Named by the chart's own title (already escaped in the markup).
  const title = /<title[^>]*>([^<]*)<\/title>/.exec(svgMarkup)?.[1] ?? 'Grafik';
  return (
    `<figure><div class="chart-scroll" tabindex="0" role="region" aria-label="${title}">` +
    `${svgMarkup}</div><figcaption>${escapeHtml(caption)}</figcaption></figure>`
  );
}

/**
 * Months the period or the report's data cover only in part: the first (a start after the 1st)
 * and the last (an end or as-of date before the month's last day). Their counts are not
 * comparable with full months, so they are marked.
 */
function partialMonths(s: ReportSummary): Set<string> {
  // The earlier of the two dates (ISO dates sort in string order).
  const end = [s.asOf, s.period.endDate].sort()[0] ?? s.asOf;
  const out = new Set<string>();
  if (!s.period.startDate.endsWith('-01')) out.add(s.period.startDate.slice(0, 7));
  const next = new Date(`${end}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  if (next.getUTCDate() !== 1) out.add(end.slice(0, 7));
  return out;
}

function meanSd(m: { mean: number | null; sd: number | null }): string {
  if (m.mean === null) return MISSING;
  return m.sd === null ? fmtNumber(m.mean, 2) : `${fmtNumber(m.mean, 2)} ± ${fmtNumber(m.sd, 2)}`;
}

const EVIDENCE_SHORT: Record<EvidenceStatus, string> = {
  strong: 'kuat (kedua uji sejalan)',
  weak: 'lemah (uji tidak sejalan)',
  insufficient: 'belum cukup',
  not_computed: 'tidak dihitung',
};

/** Short warnings for the table; "small sample" adds nothing when there are fewer than 2 pairs. */
function notesOf(b: PairedBlock): string {
  const codes = b.warnings.includes('fewer_than_2_pairs')
    ? b.warnings.filter((w) => w !== 'small_sample')
    : b.warnings;
  return codes.length === 0 ? MISSING : codes.map(warningShort).join('; ');
}

/** The statistics of one or more paired blocks, one column per block. */
function statsTable(
  columns: Array<{ label: string; block: PairedBlock }>,
  withHolm: boolean,
  dataTable: string,
  caption: string,
): string {
  const rows: Array<[string, (b: PairedBlock) => string] | null> = [
    ['n pasangan', (b) => fmtInt(b.nPairs)],
    [
      'Naik / tetap / turun',
      (b) => `${fmtInt(b.direction.up)} / ${fmtInt(b.direction.same)} / ${fmtInt(b.direction.down)}`,
    ],
    ['Rerata pra ± SD', (b) => meanSd(b.pre)],
    ['Rerata pasca ± SD', (b) => meanSd(b.post)],
    ['Selisih rerata (pasca - pra)', (b) => fmtSigned(b.meanDiff, 2)],
    [
      'IK 95% selisih rerata',
      (b) => (b.ci95 ? `[${fmtNumber(b.ci95[0], 2)}; ${fmtNumber(b.ci95[1], 2)}]` : MISSING),
    ],
    ['Uji t berpasangan: t', (b) => fmtNumber(b.tTest?.t, 2)],
    ['Uji t berpasangan: df', (b) => fmtHalf(b.tTest?.df)],
    ['Uji t berpasangan: p', (b) => fmtP(b.tTest?.p)],
    withHolm ? ['Uji t berpasangan: p Holm', (b) => fmtP(b.pHolm?.tTest)] : null,
    ['Wilcoxon: V', (b) => fmtHalf(b.wilcoxon?.v)],
    ['Wilcoxon: p', (b) => fmtP(b.wilcoxon?.p)],
    withHolm ? ['Wilcoxon: p Holm', (b) => fmtP(b.pHolm?.wilcoxon)] : null,
    [
      'Wilcoxon: metode p',
      (b) => (b.wilcoxon ? (b.wilcoxon.method === 'exact' ? 'eksak' : 'normal') : MISSING),
    ],
    ['Ukuran efek d_z', (b) => fmtNumber(b.effectSize.dz, 2)],
    ['Ukuran efek r rank-biserial', (b) => fmtNumber(b.effectSize.rankBiserial, 2)],
    [
      withHolm ? 'Bukti perubahan (α = 0,05; p Holm)' : 'Bukti perubahan (α = 0,05)',
      (b) => EVIDENCE_SHORT[evidenceOf(b, withHolm).status],
    ],
    ['Catatan', (b) => notesOf(b)],
  ];
  const present = rows.filter((r): r is [string, (b: PairedBlock) => string] => r !== null);
  return table({
    noteRows: [present.length - 1],
    caption,
    head: ['Statistik', ...columns.map((c) => c.label)],
    rows: present.map(([label, f]) => [label, ...columns.map((c) => f(c.block))]),
    numeric: columns.map((_, i) => i + 1),
    cls: 'stats',
    dataTable,
  });
}

const EXIT_STATUS_LABEL = { dropped_out: 'Berhenti', transferred: 'Dipindahkan' } as const;
const EXIT_REASON_LABEL: Record<ExitReason, string> = {
  recidivism: 'residivisme tercatat sebelum keluar',
  relapse: 'kekambuhan tercatat sebelum keluar',
  not_recorded: 'alasan tidak tercatat',
};

function attritionTable(s: ReportSummary): string {
  const { whoqol, urica } = s.attrition;
  const rows: Array<[string, (f: AttritionFlow) => number]> = [
    ['Kapasitas', (f) => f.capacity],
    ['Terdaftar', (f) => f.enrolled],
    ['  Dipindahkan', (f) => f.transferred],
    ['  Berhenti (putus program)', (f) => f.droppedOut],
    ['  Masih aktif', (f) => f.active],
    ['  Selesai', (f) => f.completed],
    ['Dengan penilaian awal (pra)', (f) => f.withPre],
    ['Dengan penilaian akhir (pasca) sesudah penilaian awal', (f) => f.withPost],
    ['Dianalisis (pasangan pra-pasca)', (f) => f.analysed],
  ];
  return table({
    caption: 'Alur klien sampai analisis, per instrumen',
    head: ['Tahap', 'WHOQOL-BREF', 'URICA'],
    rows: rows.map(([label, f]) => [label, fmtInt(f(whoqol)), fmtInt(f(urica))]),
    numeric: [1, 2],
    dataTable: 'attrition',
  });
}

function exitsTable(s: ReportSummary): string {
  const exits = s.attrition.exits;
  return table({
    caption: 'Klien yang keluar lebih awal, per bulan dan alasan',
    head: ['Status', 'Bulan', 'Alasan (dari catatan)', 'Klien'],
    rows:
      exits.length === 0
        ? [['Tidak ada', MISSING, MISSING, '0']]
        : exits.map((x) => [
            EXIT_STATUS_LABEL[x.status],
            monthLong(x.month),
            EXIT_REASON_LABEL[x.reason],
            fmtInt(x.count),
          ]),
    numeric: [3],
    dataTable: 'exits',
  });
}

function meanSdN(m: MeanSd): string {
  return m.n === 0 ? MISSING : `${meanSd(m)} (n = ${fmtInt(m.n)})`;
}

function baselineTable(s: ReportSummary): string {
  const blocks: Array<[string, PairedBlock]> = [
    ...WHOQOL_DOMAINS.map((d): [string, PairedBlock] => [DOMAIN_LABEL[d], s.whoqol.domains[d]]),
    ['Kesiapan URICA', s.urica.readiness],
  ];
  return table({
    caption: 'Skor awal (pra) klien yang dinilai ulang dan yang tidak',
    head: ['Ukuran', 'Dengan penilaian akhir', 'Tanpa penilaian akhir'],
    rows: blocks.map(([label, b]) => [
      label,
      meanSdN(b.baselineByFollowUp.withPost),
      meanSdN(b.baselineByFollowUp.withoutPost),
    ]),
    numeric: [1, 2],
    dataTable: 'baseline-by-follow-up',
  });
}

function sensitivityTable(s: ReportSummary): string {
  return table({
    caption:
      'Analisis sensitivitas: klien tanpa penilaian akhir dianggap tidak berubah (skor awal dibawa ke akhir)',
    head: ['Domain WHOQOL-BREF', 'n', 'Selisih rerata', 'IK 95%', 'Pasangan saja: selisih rerata'],
    rows: WHOQOL_DOMAINS.map((d) => {
      const b = s.whoqol.domains[d];
      const x = b.sensitivity;
      return [
        DOMAIN_LABEL[d],
        fmtInt(x.n),
        fmtSigned(x.meanDiff, 2),
        x.ci95 ? `[${fmtNumber(x.ci95[0], 2)}; ${fmtNumber(x.ci95[1], 2)}]` : MISSING,
        fmtSigned(b.meanDiff, 2),
      ];
    }),
    numeric: [1, 2, 3, 4],
    dataTable: 'sensitivity',
  });
}

export function enrollmentSection(s: ReportSummary): string {
  const e = s.enrollment;
  return (
    `<section id="pendaftaran"><h2>2. Pendaftaran, status dan kelengkapan data</h2>` +
    figure(
      funnelChart(e),
      'Batang kapasitas berupa garis tepi; batang status menunjukkan jumlah klien per status saat tanggal data, dengan persentase dari klien terdaftar.',
    ) +
    table({
      head: ['Kapasitas', 'Terdaftar', 'Aktif', 'Selesai', 'Berhenti', 'Dipindahkan', 'Tingkat penyelesaian'],
      rows: [
        [
          fmtInt(e.capacity),
          fmtInt(e.enrolled),
          fmtInt(e.active),
          fmtInt(e.completed),
          fmtInt(e.droppedOut),
          fmtInt(e.transferred),
          fmtPercent(e.completionRate),
        ],
      ],
      numeric: [0, 1, 2, 3, 4, 5, 6],
      rowHeaders: false,
      dataTable: 'enrollment',
    }) +
    `<p class="legend">Tingkat penyelesaian = klien selesai / (klien terdaftar - klien dipindahkan); hanya dihitung di laporan akhir, karena selama program berjalan sebagian besar klien masih aktif.</p>` +
    `<h3>Alur klien (seperti diagram CONSORT)</h3>` +
    `<div class="grid2"><div>${attritionTable(s)}</div><div>${exitsTable(s)}</div></div>` +
    `<p class="legend">Alasan keluar diambil dari catatan hasil: residivisme atau kekambuhan yang dicatat pada atau sebelum tanggal keluar; selain itu "tidak tercatat".</p>` +
    baselineTable(s) +
    `<p class="legend">Bila klien tanpa penilaian akhir memiliki skor awal yang jauh berbeda, hasil pasangan pra-pasca tidak mewakili semua klien.</p>` +
    sensitivityTable(s) +
    `</section>`
  );
}

function whoqolPoints(rows: readonly EnrollmentRow[], domain: WhoqolDomain): SlopePoint[] {
  const points: SlopePoint[] = [];
  for (const r of rows) {
    const { pre, post } = r.whoqol[domain];
    if (pre !== null && post !== null) points.push({ label: r.pseudonym, pre, post });
  }
  return points;
}

export function whoqolSection(s: ReportSummary, rows: readonly EnrollmentRow[]): string {
  const charts = WHOQOL_DOMAINS.map((d) => {
    const block = s.whoqol.domains[d];
    return figure(
      slopeChart({
        chart: `whoqol-${d}`,
        title: `WHOQOL-BREF domain ${DOMAIN_LABEL[d]}: skor pra dan pasca per klien (skala 0-100)`,
        min: 0,
        max: 100,
        ticks: [0, 25, 50, 75, 100],
        points: whoqolPoints(rows, d),
        meanPre: block.pre.mean,
        meanPost: block.post.mean,
        decimals: 1,
        unit: 'skala 0-100',
      }),
      block.meanDiff === null
        ? `Domain ${DOMAIN_LABEL[d]}: belum ada pasangan data pra dan pasca.`
        : `Domain ${DOMAIN_LABEL[d]}: selisih rerata ${fmtSigned(block.meanDiff, 1)} poin, n = ${fmtInt(block.nPairs)}.`,
    );
  }).join('');
  return (
    `<section id="whoqol"><h2>3. Kualitas hidup (WHOQOL-BREF)</h2>` +
    `<p>Skor domain 0-100; makin tinggi makin baik. Tiap garis abu-abu adalah satu klien (garis putus-putus: skor turun); ` +
    `garis hitam tebal adalah rerata. Hanya klien dengan skor pra dan pasca yang digambar.</p>` +
    `<div class="grid2">${charts}</div>` +
    statsTable(
      WHOQOL_DOMAINS.map((d) => ({ label: DOMAIN_LABEL[d], block: s.whoqol.domains[d] })),
      true,
      'whoqol-stats',
      'Statistik pra-pasca per domain WHOQOL-BREF (skala 0-100)',
    ) +
    `</section>`
  );
}

export function uricaSection(s: ReportSummary, rows: readonly EnrollmentRow[]): string {
  const block = s.urica.readiness;
  const points: SlopePoint[] = [];
  for (const r of rows) {
    const { pre, post } = r.uricaReadiness;
    if (pre !== null && post !== null) points.push({ label: r.pseudonym, pre, post });
  }
  const readiness = figure(
    slopeChart({
      chart: 'urica-readiness',
      title: 'Skor kesiapan berubah URICA: pra dan pasca per klien (rentang -2 sampai 14)',
      min: -2,
      max: 14,
      ticks: [-2, 2, 6, 10, 14],
      references: [
        { value: 8, label: '8' },
        { value: 11, label: '11' },
      ],
      points,
      meanPre: block.pre.mean,
      meanPost: block.post.mean,
      decimals: 2,
      unit: 'rentang -2 sampai 14',
    }),
    'Garis titik-titik: batas tahap (≤ 8 prakontemplasi; > 8 sampai 11 kontemplasi; > 11 persiapan/tindakan).',
  );
  const st = s.urica.stages;
  const stageCounts = table({
    caption: `Jumlah klien per tahap: ${fmtInt(st.n)} klien yang sama sebelum (pra) dan sesudah (pasca)`,
    head: ['Tahap', 'Pra', 'Pasca'],
    rows: URICA_STAGES.map((stage) => [STAGE_LABEL[stage], fmtInt(st.pre[stage]), fmtInt(st.post[stage])]),
    numeric: [1, 2],
    dataTable: 'urica-stages',
  });
  const colTotals = URICA_STAGES.map((to) =>
    URICA_STAGES.reduce((sum, from) => sum + (st.transitions[from]?.[to] ?? 0), 0),
  );
  const matrixRows = URICA_STAGES.map((from) => {
    const cells = URICA_STAGES.map((to) => st.transitions[from]?.[to] ?? 0);
    return [STAGE_LABEL[from], ...cells.map(fmtInt), fmtInt(cells.reduce((a, b) => a + b, 0))];
  });
  matrixRows.push(['Jumlah', ...colTotals.map(fmtInt), fmtInt(colTotals.reduce((a, b) => a + b, 0))]);
  const matrix = table({
    caption: 'Matriks perpindahan tahap: baris = tahap pra, kolom = tahap pasca',
    head: ['Pra \\ Pasca', ...URICA_STAGES.map((x) => STAGE_LABEL[x]), 'Jumlah'],
    rows: matrixRows,
    numeric: [1, 2, 3, 4],
    totalRows: [URICA_STAGES.length],
    dataTable: 'urica-transitions',
  });
  return (
    `<section id="urica"><h2>4. Kesiapan berubah (URICA)</h2>` +
    `<p>Skor kesiapan = kontemplasi + tindakan + pemeliharaan - prakontemplasi (rentang -2 sampai 14); ` +
    `makin tinggi makin siap berubah.</p>` +
    `<div class="grid2">${readiness}<div>${statsTable(
      [{ label: 'Kesiapan', block }],
      false,
      'urica-stats',
      'Statistik pra-pasca skor kesiapan URICA',
    )}</div></div>` +
    `<h3>Tahap perubahan</h3>` +
    figure(
      uricaTransitionsChart(st.transitions),
      'Pita gelap: naik tahap; pita abu-abu: tetap; pita terang bergaris putus: turun tahap. Lebar pita sebanding dengan jumlah klien (hanya klien dengan tahap pra dan pasca).',
    ) +
    matrix +
    stageCounts +
    `</section>`
  );
}

export function urineSection(s: ReportSummary): string {
  const u = s.urineTests;
  const substances = Object.entries(u.positivesBySubstance).sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  const partial = partialMonths(s);
  const shownPartial = u.byMonth.some((m) => partial.has(m.month));
  const monthTable = table({
    caption: 'Tes urine per bulan',
    head: ['Bulan', 'Tes', 'Tes positif', 'Positivitas', 'Klien baru'],
    rows: u.byMonth.map((m) => [
      `${monthLong(m.month)}${partial.has(m.month) ? ' °' : ''}${m.intake > 0 ? ' *' : ''}`,
      fmtInt(m.tests),
      fmtInt(m.positiveTests),
      fmtPercent(m.positivityRate),
      fmtInt(m.intake),
    ]),
    numeric: [1, 2, 3, 4],
    dataTable: 'urine-by-month',
  });
  const substanceTable = table({
    caption: 'Hasil positif per zat',
    head: ['Zat', 'Hasil positif'],
    rows:
      substances.length === 0
        ? [['Tidak ada hasil positif', MISSING]]
        : substances.map(([k, n]) => [substanceLabel(k), fmtInt(n)]),
    numeric: [1],
    dataTable: 'urine-substances',
  });
  const keyTable = table({
    caption: 'Ringkasan',
    head: ['Ukuran', 'Nilai'],
    rows: [
      ['Jumlah tes', fmtInt(u.tests)],
      ['Tes positif', fmtInt(u.positiveTests)],
      ['Tes tidak valid (spesimen tidak dapat dibaca)', fmtInt(u.invalidTests)],
      [
        'Positivitas (tes positif / semua tes)',
        u.tests > 0 ? fmtPercent(u.positiveTests / u.tests) : MISSING,
      ],
      ['Klien yang dites', fmtInt(u.clientsTested)],
      ['Klien yang pernah positif', fmtInt(u.clientsEverPositive)],
      ['Klien yang pernah positif / klien yang dites', fmtPercent(u.everPositiveRate)],
      [
        'IK 95% (Wilson)',
        u.everPositiveCi95
          ? `${fmtPercent(u.everPositiveCi95[0])} - ${fmtPercent(u.everPositiveCi95[1])}`
          : MISSING,
      ],
      [
        'Tes per klien: median (min - maks)',
        u.testsPerClient.median === null
          ? MISSING
          : `${fmtHalf(u.testsPerClient.median)} (${fmtInt(u.testsPerClient.min)} - ${fmtInt(u.testsPerClient.max)})`,
      ],
      ['Tes per 30 hari dalam program', fmtNumber(u.testsPer30Days, 1)],
      ['Klien dengan tes terakhir negatif', fmtPercent(u.latestNegativeShare)],
    ],
    numeric: [1],
    dataTable: 'urine-summary',
  });
  return (
    `<section id="urine"><h2>5. Tes urine</h2>` +
    figure(
      urineByMonthChart(u.byMonth, partial),
      'Batang bergaris tepi: jumlah tes; batang hitam: tes dengan minimal satu zat positif.',
    ) +
    `<div class="grid2"><div>${monthTable}</div><div>${keyTable}${substanceTable}</div></div>` +
    `<p class="legend">Satu tes dapat positif untuk lebih dari satu zat, sehingga jumlah hasil positif per zat dapat melebihi jumlah tes positif. ` +
    `* Bulan penerimaan: bulan ketika klien baru terdaftar; tes pertama dapat mencerminkan pemakaian sebelum program. ` +
    (shownPartial
      ? '° Bulan tidak penuh: periode atau data laporan hanya mencakup sebagian bulan itu, sehingga jumlahnya tidak sebanding dengan bulan penuh. '
      : '') +
    `Positivitas per klien bergantung pada seberapa sering klien dites.</p>` +
    `</section>`
  );
}

export function protocolSection(s: ReportSummary): string {
  const p = s.protocol;
  const cadence = s.period.protocol.cadenceDays;
  const opening =
    p.opening.length === 0
      ? 'Periode ini tidak menetapkan urutan pembukaan.'
      : `Urutan pembukaan program: ${p.opening.map((t, i) => `${i + 1}. ${ACTIVITY_LABEL[t] ?? t}`).join(' → ')}.`;
  const openingTable = table({
    caption: 'Kemajuan pembukaan program per klien',
    head: ['Status pembukaan', 'Klien'],
    rows: [
      ['Selesai (sesuai protokol)', fmtInt(p.openingFollowed.complete)],
      ['Sedang berjalan', fmtInt(p.openingFollowed.inProgress)],
      ['Belum dimulai', fmtInt(p.openingFollowed.notStarted)],
    ],
    numeric: [1],
    dataTable: 'protocol-opening',
  });
  const activityTable = table({
    caption: 'Kegiatan per jenis',
    head: ['Jenis kegiatan', 'Jumlah', 'Klien terjangkau', 'Median per klien', 'Jadwal (tiap ... hari)'],
    rows: ACTIVITY_TYPES.map((t) => {
      const a = p.byType[t];
      const every = cadence[t];
      return [
        ACTIVITY_LABEL[t],
        fmtInt(a?.count),
        fmtInt(a?.clientsReached),
        fmtHalf(a?.medianPerClient),
        every === undefined ? MISSING : fmtInt(every),
      ];
    }),
    numeric: [1, 2, 3, 4],
    dataTable: 'protocol-activities',
  });
  const meetingTable = table({
    caption: 'Pertemuan kelompok dan keterlambatan',
    head: ['Ukuran', 'Nilai'],
    rows: [
      ['Sesi pertemuan kelompok', fmtInt(p.groupMeetings.sessions)],
      ['Kehadiran', fmtInt(p.groupMeetings.attendances)],
      ['Tingkat kehadiran', fmtPercent(p.groupMeetings.attendanceRate)],
      ['Kegiatan terjadwal yang terlambat', fmtInt(p.overdueAtAsOf.entries)],
      ['Klien aktif dengan keterlambatan', fmtInt(p.overdueAtAsOf.enrollments)],
    ],
    numeric: [1],
    dataTable: 'protocol-meetings',
  });
  return (
    `<section id="protokol"><h2>6. Pelaksanaan protokol</h2><p>${escapeHtml(opening)}</p>` +
    activityTable +
    `<div class="grid2"><div>${openingTable}</div><div>${meetingTable}</div></div>` +
    `<p class="legend">Kegiatan pada pertemuan kelompok dihitung sebagai kehadiran. Tingkat kehadiran = kehadiran / jumlah klien aktif pada tanggal tiap sesi. ` +
    `Keterlambatan dihitung hanya untuk klien aktif, dari jadwal per jenis kegiatan, per tanggal data.</p></section>`
  );
}

export function outcomesSection(s: ReportSummary): string {
  const { relapse, recidivism } = s.outcomes;
  const outcomeTable = table({
    caption: 'Kekambuhan dan residivisme',
    head: [
      'Hasil',
      'Kejadian',
      'Klien',
      'Persentase klien terdaftar',
      'IK 95% (Wilson)',
      'Per 100 bulan-orang',
      'Tidak diketahui setelah berhenti',
    ],
    rows: [['Kekambuhan (relapse)', relapse] as const, ['Residivisme', recidivism] as const].map(
      ([label, o]) => [
        label,
        fmtInt(o.events),
        fmtInt(o.clients),
        fmtPercent(o.rate),
        o.ci95 ? `${fmtPercent(o.ci95[0])} - ${fmtPercent(o.ci95[1])}` : MISSING,
        fmtNumber(o.per100PersonMonths, 1),
        `${fmtInt(o.unknownAfterDropout)} klien`,
      ],
    ),
    numeric: [1, 2, 3, 4, 5, 6],
    dataTable: 'outcomes',
  });
  const byType = table({
    caption: 'Residivisme menurut jenis',
    head: ['Jenis', 'Kejadian'],
    rows: (['reoffense', 'rearrest', 'parole_revoked'] as const).map((k) => [
      RECIDIVISM_LABEL[k],
      fmtInt(recidivism.byType[k]),
    ]),
    numeric: [1],
    dataTable: 'recidivism-by-type',
  });
  return (
    `<section id="hasil"><h2>7. Kekambuhan dan residivisme</h2>` +
    outcomeTable +
    `<p class="legend">Bulan-orang pemantauan: dari tanggal pendaftaran sampai tanggal keluar (atau tanggal data), 1 bulan = 365,25/12 hari; ` +
    `pemantauan saat ini ${fmtNumber(relapse.personMonths, 1)} bulan-orang. Setelah klien berhenti, kekambuhan dan residivisme tidak lagi dipantau: ` +
    `untuk mereka hasilnya "tidak diketahui", bukan nol.</p>` +
    byType +
    `</section>`
  );
}

export function officeSection(s: ReportSummary): string {
  const offices = s.byOffice;
  const e = s.enrollment;
  const statusRows = offices.map((o) => [
    o.office,
    fmtInt(o.enrolled),
    fmtInt(o.active),
    fmtInt(o.completed),
    fmtInt(o.droppedOut),
    fmtInt(o.transferred),
    fmtPercent(o.completionRate),
  ]);
  statusRows.push([
    'Semua kantor',
    fmtInt(e.enrolled),
    fmtInt(e.active),
    fmtInt(e.completed),
    fmtInt(e.droppedOut),
    fmtInt(e.transferred),
    fmtPercent(e.completionRate),
  ]);
  const statusTable = table({
    caption: 'Status klien per kantor',
    head: ['Kantor', 'Terdaftar', 'Aktif', 'Selesai', 'Berhenti', 'Dipindahkan', 'Penyelesaian'],
    rows: statusRows,
    numeric: [1, 2, 3, 4, 5, 6],
    totalRows: [statusRows.length - 1],
    cls: 'offices',
    dataTable: 'office-status',
  });
  const outcomeTable = table({
    caption: 'Perubahan skor rata-rata (pasca - pra) dan hasil per kantor',
    head: [
      'Kantor',
      'Pasangan WHOQOL (F/P/S/L)',
      'Pasangan URICA',
      ...WHOQOL_DOMAINS.map((d) => `Δ ${DOMAIN_LABEL[d]}`),
      'Δ Kesiapan URICA',
      'Positivitas urine',
      'Kambuh',
      'Residivis',
    ],
    rows:
      offices.length === 0
        ? [['Belum ada data', ...Array<string>(10).fill(MISSING)]]
        : offices.map((o) => [
            o.office,
            WHOQOL_DOMAINS.map((d) => fmtInt(o.whoqolPairs[d])).join('/'),
            fmtInt(o.uricaPairs),
            ...WHOQOL_DOMAINS.map((d) => fmtSigned(o.whoqolMeanDiff[d], 1)),
            fmtSigned(o.uricaReadinessMeanDiff, 2),
            fmtPercent(o.urinePositivityRate),
            fmtPercent(o.relapseRate),
            fmtPercent(o.recidivismRate),
          ]),
    numeric: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    cls: 'offices',
    dataTable: 'office-outcomes',
  });
  return (
    `<section id="kantor"><h2>8. Rincian per kantor (Bapas)</h2>${statusTable}${outcomeTable}` +
    `<p class="legend">Pasangan WHOQOL per domain: F fisik, P psikologis, S hubungan sosial, L lingkungan. Δ = selisih rerata pasca - pra (WHOQOL skala 0-100; kesiapan URICA rentang -2 sampai 14). ` +
    `Kambuh dan residivis: persentase klien terdaftar di kantor itu dengan minimal satu kejadian. ` +
    `Angka per kantor tidak diuji statistik: jumlah klien per kantor biasanya terlalu kecil.</p></section>`
  );
}
