/**
 * "Temuan utama": the headline findings of a report in plain Indonesian, generated from the
 * numbers of the summary only (so they can never disagree with the tables). The wording rules
 * are in docs/reports.md ("What the report says"):
 *
 * - Evidence, per paired block, from the two tests at alpha = 0.05, two-sided (for the four
 *   WHOQOL domains on the Holm-adjusted p, the four being one family): strong when the t-test
 *   and the signed-rank test agree that the scores moved; weak when they disagree or only one
 *   of them can be computed; insufficient when neither does. Few pairs are explained instead
 *   of being called "not significant".
 * - Only a final report says "signifikan"; interim reports say at the top that they are
 *   interim and that conclusions come from the final report.
 * - Changes are given in points with their 95% range in words; no effect-size labels.
 * - The caveats a reader must not miss are findings too, not only "Metode".
 */
import type { PairedBlock, ReportSummary, WhoqolDomain } from '../types';
import { URICA_STAGES, WHOQOL_DOMAINS } from '../types';
import { fmtDate, fmtHalf, fmtInt, fmtNumber, fmtP, fmtPercent } from './format';
import { ACTIVITY_LABEL, DOMAIN_WORD } from './labels';

export const ALPHA = 0.05;

/** With fewer non-zero pairs the exact signed-rank test cannot reach p < 0.05 (2 / 2^5 > 0.05). */
export const MIN_PAIRS_SIGNED_RANK = 6;
/** ... and with Holm over four domains it needs p < 0.0125: 2 / 2^n < 0.0125 from n = 8. */
export const MIN_PAIRS_SIGNED_RANK_HOLM4 = 8;
/** |r| of baseline with change from which regression to the mean is named with its number. */
export const STRONG_BASELINE_CORRELATION = 0.5;

export type EvidenceStatus = 'strong' | 'weak' | 'insufficient' | 'not_computed';

export interface Evidence {
  status: EvidenceStatus;
  /** p of each test used for the decision (Holm-adjusted for WHOQOL domains). */
  pT: number | null;
  pW: number | null;
}

/** The evidence rule for one paired block (see the module comment). */
export function evidenceOf(block: PairedBlock, useHolm: boolean): Evidence {
  const pT = block.tTest ? (useHolm ? (block.pHolm?.tTest ?? block.tTest.p) : block.tTest.p) : null;
  const pW = block.wilcoxon
    ? useHolm
      ? (block.pHolm?.wilcoxon ?? block.wilcoxon.p)
      : block.wilcoxon.p
    : null;
  const below = [pT, pW].filter((p): p is number => p !== null).map((p) => p < ALPHA);
  if (below.length === 0) return { status: 'not_computed', pT, pW };
  const yes = below.filter(Boolean).length;
  if (yes === 0) return { status: 'insufficient', pT, pW };
  return { status: yes === 2 ? 'strong' : 'weak', pT, pW };
}

/** A finding: plain text pieces, the evidence piece marked so that it can be emphasised. */
export interface Finding {
  key: string;
  parts: Array<string | { verdict: string; status: EvidenceStatus }>;
}

/** A number of points in words: whole points from 5 up, one decimal below. */
function points(x: number): string {
  const a = Math.abs(x);
  return fmtNumber(a, a >= 5 ? 0 : 1);
}

/** "naik sekitar 7 poin, kemungkinan antara 1 dan 13 poin" (or turun, or a range across 0). */
export function changeInWords(meanDiff: number, ci95: [number, number] | null): string {
  const movement =
    Math.abs(meanDiff) < 0.05
      ? 'rata-rata hampir tidak berubah'
      : `rata-rata ${meanDiff > 0 ? 'naik' : 'turun'} sekitar ${points(meanDiff)} poin`;
  if (ci95 === null) return movement;
  const [lo, hi] = ci95;
  let range: string;
  if (lo >= 0) range = `antara naik ${points(lo)} dan ${points(hi)} poin`;
  else if (hi <= 0) range = `antara turun ${points(hi)} dan ${points(lo)} poin`;
  else range = `antara turun ${points(lo)} dan naik ${points(hi)} poin`;
  return `${movement}, kemungkinan ${range}`;
}

function pPair(e: Evidence, useHolm: boolean): string {
  const label = useHolm ? 'p Holm' : 'p';
  const parts: string[] = [];
  if (e.pT !== null) parts.push(`uji t: ${label} ${fmtP(e.pT).startsWith('<') ? '' : '= '}${fmtP(e.pT)}`);
  if (e.pW !== null)
    parts.push(`uji Wilcoxon: ${label} ${fmtP(e.pW).startsWith('<') ? '' : '= '}${fmtP(e.pW)}`);
  return parts.join('; ');
}

/** Why no test could be computed. */
function notComputedReason(block: PairedBlock): string {
  if (block.warnings.includes('fewer_than_2_pairs')) return 'kurang dari 2 klien memiliki data pra dan pasca';
  if (block.warnings.includes('all_differences_zero')) return 'skor tidak berubah pada satu pun klien';
  return 'data tidak memungkinkan';
}

/** Few pairs explained: why the tests could not show a change even if there was one. */
export function smallSampleNote(block: PairedBlock, useHolm: boolean): string {
  const n = block.nPairs - block.direction.same;
  if (n < MIN_PAIRS_SIGNED_RANK) {
    return ` Dengan kurang dari ${MIN_PAIRS_SIGNED_RANK} klien yang skornya berubah, uji Wilcoxon tidak mungkin mencapai p < 0,05, berapa pun besar perubahannya: "belum ada bukti" di sini berarti datanya terlalu sedikit, bukan bahwa program tidak berpengaruh.`;
  }
  if (useHolm && n < MIN_PAIRS_SIGNED_RANK_HOLM4) {
    return ` Dengan koreksi Holm untuk empat domain, uji Wilcoxon memerlukan minimal ${MIN_PAIRS_SIGNED_RANK_HOLM4} klien yang skornya berubah untuk dapat mencapai p < 0,05: datanya terlalu sedikit untuk menyimpulkan.`;
  }
  if (block.nPairs < 10)
    return ' Jumlah klien kurang dari 10, sehingga hasil ini mudah berubah bila satu atau dua klien berbeda.';
  return '';
}

function pairedFinding(
  key: string,
  subject: string,
  block: PairedBlock,
  useHolm: boolean,
  final: boolean,
): Finding {
  if (block.nPairs === 0 || block.meanDiff === null) {
    return { key, parts: [`${subject} belum dapat dinilai: belum ada klien dengan data pra dan pasca.`] };
  }
  const d = block.direction;
  const parts: Finding['parts'] = [
    `${subject}: dari ${fmtInt(block.nPairs)} klien dengan skor awal dan akhir, ${fmtInt(d.up)} naik, ` +
      `${fmtInt(d.same)} tetap, ${fmtInt(d.down)} turun; skor ${changeInWords(block.meanDiff, block.ci95)}. `,
  ];
  const e = evidenceOf(block, useHolm);
  const ps = pPair(e, useHolm);
  if (e.status === 'not_computed') {
    parts.push({ verdict: 'Uji statistik tidak dapat dihitung', status: e.status });
    parts.push(` karena ${notComputedReason(block)}.`);
    return { key, parts };
  }
  if (e.status === 'strong') {
    parts.push({ verdict: 'Buktinya kuat', status: e.status });
    parts.push(
      `: uji t dan uji Wilcoxon sama-sama menunjukkan perubahan (${ps})${final ? '; perubahan ini signifikan secara statistik' : ''}.`,
    );
  } else if (e.status === 'weak') {
    parts.push({ verdict: 'Buktinya lemah', status: e.status });
    parts.push(
      e.pT !== null && e.pW !== null
        ? `: kedua uji tidak sejalan, hanya satu yang menunjukkan perubahan (${ps}).`
        : `: hanya satu uji dapat dihitung (${ps}).`,
    );
  } else {
    parts.push({ verdict: 'Belum ada bukti yang cukup', status: e.status });
    parts.push(` bahwa skor berubah (${ps})${final ? '; tidak signifikan secara statistik' : ''}.`);
  }
  if (useHolm) parts.push(' Nilai p memakai koreksi Holm karena empat domain diuji bersama.');
  parts.push(smallSampleNote(block, useHolm));
  return { key, parts };
}

export function whoqolFinding(domain: WhoqolDomain, block: PairedBlock, final: boolean): Finding {
  return pairedFinding(
    `whoqol-${domain}`,
    `Kualitas hidup, domain ${DOMAIN_WORD[domain]} (skala 0-100)`,
    block,
    true,
    final,
  );
}

export function readinessFinding(block: PairedBlock, final: boolean): Finding {
  return pairedFinding(
    'urica-readiness',
    'Kesiapan berubah (skor kesiapan URICA, rentang -2 sampai 14)',
    block,
    false,
    final,
  );
}

function stagesFinding(s: ReportSummary): Finding {
  const t = s.urica.stages.transitions;
  let up = 0;
  let same = 0;
  let down = 0;
  URICA_STAGES.forEach((from, i) => {
    URICA_STAGES.forEach((to, j) => {
      const n = t[from][to];
      if (j > i) up += n;
      else if (j === i) same += n;
      else down += n;
    });
  });
  const total = up + same + down;
  if (total === 0) {
    return {
      key: 'urica-stages',
      parts: ['Tahap perubahan URICA: belum ada klien dengan data pra dan pasca.'],
    };
  }
  return {
    key: 'urica-stages',
    parts: [
      `Tahap perubahan URICA pada ${fmtInt(total)} klien yang sama sebelum dan sesudah: ${fmtInt(up)} naik tahap, ` +
        `${fmtInt(same)} tetap, ${fmtInt(down)} turun tahap.`,
    ],
  };
}

function enrollmentFinding(s: ReportSummary): Finding {
  const e = s.enrollment;
  if (e.enrolled === 0) {
    return {
      key: 'enrollment',
      parts: [`Belum ada klien terdaftar per ${fmtDate(s.asOf)} (kapasitas ${fmtInt(e.capacity)} klien).`],
    };
  }
  const rate =
    e.completionRate === null
      ? ''
      : ` Tingkat penyelesaian ${fmtPercent(e.completionRate)} (klien selesai dibanding klien terdaftar, tidak termasuk yang dipindahkan).`;
  return {
    key: 'enrollment',
    parts: [
      `${fmtInt(e.enrolled)} klien terdaftar dari kapasitas ${fmtInt(e.capacity)}. Per ${fmtDate(s.asOf)}: ` +
        `${fmtInt(e.active)} masih aktif, ${fmtInt(e.completed)} selesai, ${fmtInt(e.droppedOut)} berhenti ` +
        `(putus program), ${fmtInt(e.transferred)} dipindahkan.${rate}`,
    ],
  };
}

function ciText(ci: [number, number] | null): string {
  return ci === null ? '' : `; IK 95% ${fmtPercent(ci[0])} sampai ${fmtPercent(ci[1])}`;
}

function urineFinding(s: ReportSummary): Finding {
  const u = s.urineTests;
  if (u.tests === 0) return { key: 'urine', parts: [`Belum ada tes urine per ${fmtDate(s.asOf)}.`] };
  const freq = u.testsPerClient;
  const range =
    freq.min !== null && freq.max !== null && freq.min !== freq.max
      ? ` (antara ${fmtInt(freq.min)} dan ${fmtInt(freq.max)})`
      : '';
  const per30 =
    u.testsPer30Days === null
      ? ''
      : `, sekitar ${fmtNumber(u.testsPer30Days, 1)} tes per 30 hari dalam program`;
  const latest =
    u.latestNegativeShare === null
      ? ''
      : ` Pada ${fmtPercent(u.latestNegativeShare)} klien yang dites, hasil tes terakhir negatif.`;
  return {
    key: 'urine',
    parts: [
      `${fmtInt(u.clientsEverPositive)} dari ${fmtInt(u.clientsTested)} klien yang dites pernah positif ` +
        `(${fmtPercent(u.everPositiveRate)}${ciText(u.everPositiveCi95)}). Tiap klien dites median ${fmtHalf(freq.median)} kali${range}${per30}; ` +
        `makin sering dites, makin besar peluang hasil positif tercatat.${latest} Tes pada bulan penerimaan dapat mencerminkan pemakaian sebelum program (ditandai di bagian tes urine).`,
    ],
  };
}

function outcomeSentence(label: string, o: ReportSummary['outcomes']['relapse'], enrolled: number): string {
  const rate =
    o.rate === null
      ? ''
      : ` (${fmtPercent(o.rate)} dari ${fmtInt(enrolled)} klien terdaftar${ciText(o.ci95)})`;
  const perPm =
    o.per100PersonMonths === null
      ? ''
      : `, atau ${fmtNumber(o.per100PersonMonths, 1)} kejadian per 100 bulan-orang selama ${fmtNumber(o.personMonths, 1)} bulan-orang pemantauan`;
  const unknown =
    o.unknownAfterDropout > 0
      ? ` Untuk ${fmtInt(o.unknownAfterDropout)} klien yang berhenti, ${label.toLowerCase()} sesudah berhenti tidak diketahui (bukan nol).`
      : '';
  return `${label}: ${fmtInt(o.events)} kejadian pada ${fmtInt(o.clients)} klien${rate}${perPm}.${unknown}`;
}

function outcomesFinding(s: ReportSummary): Finding {
  const { relapse, recidivism } = s.outcomes;
  return {
    key: 'outcomes',
    parts: [
      `${outcomeSentence('Kekambuhan', relapse, s.enrollment.enrolled)} ${outcomeSentence('Residivisme', recidivism, s.enrollment.enrolled)}`,
    ],
  };
}

function protocolFinding(s: ReportSummary): Finding {
  const p = s.protocol;
  const opening =
    p.opening.length === 0
      ? 'Periode ini tidak menetapkan urutan pembukaan program.'
      : `Pembukaan program (${p.opening.map((t) => ACTIVITY_LABEL[t]).join(' → ')}) selesai pada ` +
        `${fmtInt(p.openingFollowed.complete)} klien, sedang berjalan pada ${fmtInt(p.openingFollowed.inProgress)}, ` +
        `belum dimulai pada ${fmtInt(p.openingFollowed.notStarted)}.`;
  const attendance =
    p.groupMeetings.attendanceRate === null
      ? ''
      : ` Tingkat kehadiran pertemuan kelompok ${fmtPercent(p.groupMeetings.attendanceRate)}.`;
  const overdue =
    p.overdueAtAsOf.entries === 0
      ? ` Tidak ada kegiatan terjadwal yang terlambat per ${fmtDate(s.asOf)}.`
      : ` ${fmtInt(p.overdueAtAsOf.entries)} kegiatan terjadwal terlambat pada ${fmtInt(p.overdueAtAsOf.enrollments)} ` +
        `klien aktif per ${fmtDate(s.asOf)}.`;
  return { key: 'protocol', parts: [`${opening}${attendance}${overdue}`] };
}

/** WHOQOL-BREF is used with WHO's permission: the reference, or that it is missing. */
export function licenceText(s: ReportSummary): string {
  const ref = s.licence.whoqolPermissionRef;
  return ref === null
    ? 'Nomor izin WHO untuk WHOQOL-BREF belum dicatat (pengaturan provinsi whoqolPermissionRef kosong). Teks butir kuesioner tetap di kertas dan tidak dimuat dalam laporan.'
    : `WHOQOL-BREF digunakan dengan izin WHO, referensi ${ref}. Teks butir kuesioner tetap di kertas dan tidak dimuat dalam laporan.`;
}

/** The lines at the very top of an interim report. */
export function interimNotice(s: ReportSummary): string {
  const running =
    s.asOf < s.period.endDate
      ? `program periode ini masih berjalan sampai ${fmtDate(s.period.endDate)}`
      : `laporan ini bukan laporan akhir periode (periode berakhir ${fmtDate(s.period.endDate)})`;
  return (
    `Ini laporan sementara per ${fmtDate(s.asOf)}: ${running}. ` +
    'Angka di sini dapat berubah; kesimpulan diambil dari laporan akhir periode.'
  );
}

export function headlineFindings(s: ReportSummary): Finding[] {
  const final = !s.interim;
  return [
    enrollmentFinding(s),
    ...WHOQOL_DOMAINS.map((d) => whoqolFinding(d, s.whoqol.domains[d], final)),
    readinessFinding(s.urica.readiness, final),
    stagesFinding(s),
    urineFinding(s),
    outcomesFinding(s),
    protocolFinding(s),
  ];
}

/** The caveats that belong next to the findings (docs/reports.md, "Mandatory caveats"). */
export function caveats(s: ReportSummary): Finding[] {
  const strongCorrelations = WHOQOL_DOMAINS.flatMap((d) => {
    const r = s.whoqol.domains[d].baselineChangeCorrelation;
    return r !== null && Math.abs(r) >= STRONG_BASELINE_CORRELATION
      ? [`${DOMAIN_WORD[d]} r = ${fmtNumber(r, 2)}`]
      : [];
  });
  const rr = s.urica.readiness.baselineChangeCorrelation;
  if (rr !== null && Math.abs(rr) >= STRONG_BASELINE_CORRELATION)
    strongCorrelations.push(`kesiapan URICA r = ${fmtNumber(rr, 2)}`);
  const flow = s.attrition.whoqol;
  const notReassessed = flow.enrolled - flow.withPost;
  const physical = s.whoqol.domains.physical.sensitivity;
  const sensitivity =
    notReassessed > 0 && physical.meanDiff !== null
      ? ` Bila mereka dianggap tidak berubah (skor awal dibawa ke akhir), perubahan rata-rata domain fisik menjadi ${fmtNumber(physical.meanDiff, 1)} poin (lihat tabel sensitivitas).`
      : '';
  const anyStrongRise = WHOQOL_DOMAINS.some((d) => {
    const b = s.whoqol.domains[d];
    return (b.meanDiff ?? 0) > 0 && evidenceOf(b, true).status === 'strong';
  });
  const closing = s.interim
    ? "Ini laporan sementara: tunggu laporan akhir sebelum menarik kesimpulan. Jangan tulis 'program terbukti berhasil'."
    : anyStrongRise
      ? "Tulislah 'skor kualitas hidup klien yang bertahan meningkat selama program'. Jangan tulis 'program terbukti berhasil'."
      : "Tulislah 'skor kualitas hidup klien belum menunjukkan perubahan yang jelas'. Jangan tulis 'program terbukti berhasil' atau 'program gagal'.";
  return [
    {
      key: 'caveat-no-comparison',
      parts: [
        'Tidak ada kelompok pembanding: laporan ini menggambarkan perubahan, tetapi tidak dapat menunjukkan bahwa perubahan itu disebabkan oleh program.',
      ],
    },
    {
      key: 'caveat-natural-recovery',
      parts: [
        'Sebagian perubahan dapat terjadi dengan sendirinya seiring waktu (pemulihan alami), juga tanpa program.',
      ],
    },
    {
      key: 'caveat-regression',
      parts: [
        'Regresi ke rerata: klien yang skor awalnya sangat rendah cenderung naik pada pengukuran berikutnya, dan yang sangat tinggi cenderung turun, tanpa pengaruh apa pun.' +
          (strongCorrelations.length > 0
            ? ` Di laporan ini skor awal berkorelasi kuat dengan perubahannya (${strongCorrelations.join('; ')}).`
            : ''),
      ],
    },
    {
      key: 'caveat-own-officer',
      parts: [
        'Klien mengisi kuesioner di hadapan petugas pembimbingnya sendiri; jawaban dapat condong ke arah yang diharapkan petugas.',
      ],
    },
    {
      key: 'caveat-not-reassessed',
      parts: [
        notReassessed > 0
          ? `${fmtInt(notReassessed)} dari ${fmtInt(flow.enrolled)} klien terdaftar tidak (atau belum) dinilai ulang dengan WHOQOL-BREF, sehingga hasil di atas hanya tentang klien yang bertahan dan dinilai ulang.${sensitivity}`
          : 'Semua klien terdaftar telah dinilai ulang dengan WHOQOL-BREF.',
      ],
    },
    {
      key: 'p-value',
      parts: [
        'Nilai p dihitung dua sisi: peluang mendapat perubahan rata-rata sejauh ini atau lebih jauh dari nol, ke arah mana pun, seandainya sebenarnya tidak ada perubahan. p kecil (di bawah 0,05) berarti perubahan sebesar itu jarang terjadi secara kebetulan; p tidak mengukur besarnya perubahan.',
      ],
    },
    { key: 'closing', parts: [closing] },
  ];
}
