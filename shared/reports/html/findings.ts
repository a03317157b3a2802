/**
 * "Temuan utama": the headline findings of a report in plain Indonesian, generated from the
 * numbers of the summary only (so they can never disagree with the tables).
 *
 * Significance rule (also explained in the report's "Metode"): alpha = 0.05, two-sided. The
 * paired t-test is the primary test; when it cannot be computed but the Wilcoxon test can (all
 * differences equal but not 0), the Wilcoxon test decides. For the four WHOQOL domains the
 * decision uses the Holm-adjusted p (the four domains are one family of tests, INSTRUMENTS.md);
 * URICA readiness is a single test and uses its own p.
 */
import type { PairedBlock, ReportSummary, WhoqolDomain } from '../types';
import { URICA_STAGES, WHOQOL_DOMAINS } from '../types';
import { fmtDate, fmtInt, fmtNumber, fmtPercent, pClause } from './format';
import { ACTIVITY_LABEL, DOMAIN_WORD, warningLong } from './labels';

export const ALPHA = 0.05;

export type VerdictStatus = 'significant' | 'not_significant' | 'not_computed';

export interface Verdict {
  status: VerdictStatus;
  /** The test that decided. */
  test: 'tTest' | 'wilcoxon' | null;
  p: number | null;
  /** Holm-adjusted p of the deciding test (WHOQOL domains only). */
  pHolm: number | null;
}

/** The significance decision for one paired block (see the module comment for the rule). */
export function verdictOf(block: PairedBlock, useHolm: boolean): Verdict {
  const pick = (test: 'tTest' | 'wilcoxon', p: number): Verdict => {
    const adjusted = useHolm ? (block.pHolm?.[test] ?? null) : null;
    const deciding = adjusted ?? p;
    return { status: deciding < ALPHA ? 'significant' : 'not_significant', test, p, pHolm: adjusted };
  };
  if (block.tTest) return pick('tTest', block.tTest.p);
  if (block.wilcoxon) return pick('wilcoxon', block.wilcoxon.p);
  return { status: 'not_computed', test: null, p: null, pHolm: null };
}

/** Cohen's (1988) rough benchmarks, applied to |d_z|. */
export function effectWord(dz: number): string {
  const a = Math.abs(dz);
  if (a < 0.2) return 'sangat kecil';
  if (a < 0.5) return 'kecil';
  if (a < 0.8) return 'sedang';
  return 'besar';
}

/** A finding: plain text pieces, the verdict piece marked so that it can be emphasised. */
export interface Finding {
  key: string;
  parts: Array<string | { verdict: string; status: VerdictStatus }>;
}

const TEST_NAME = { tTest: 'uji t berpasangan', wilcoxon: 'uji Wilcoxon peringkat bertanda' } as const;

function testParenthesis(v: Verdict): string {
  if (v.test === null || v.p === null) return '';
  const holm = v.pHolm === null ? '' : `; ${pClause('p Holm', v.pHolm)}`;
  return ` (${TEST_NAME[v.test]}, ${pClause('p', v.p)}${holm})`;
}

interface Unit {
  word: string;
  scale: string;
}

function changePhrase(meanDiff: number, unit: Unit): string {
  const decimals = meanDiff !== 0 && Math.abs(meanDiff) < 0.05 ? 2 : 1;
  if (meanDiff > 0)
    return `meningkat rata-rata ${fmtNumber(meanDiff, decimals)} ${unit.word} (${unit.scale})`;
  if (meanDiff < 0) return `menurun rata-rata ${fmtNumber(-meanDiff, decimals)} ${unit.word} (${unit.scale})`;
  return `tidak berubah (selisih rerata 0 ${unit.word}, ${unit.scale})`;
}

/** Why no test could be computed, continuing "uji statistik tidak dapat dihitung". */
function notComputedReason(warnings: ReadonlySet<string>): string {
  if (warnings.has('fewer_than_2_pairs')) {
    return ' karena kurang dari 2 klien memiliki data pra dan pasca (uji memerlukan minimal 2 pasangan).';
  }
  if (warnings.has('all_differences_zero')) {
    return ' karena skor tidak berubah pada satu pun klien (semua selisih = 0).';
  }
  return ' dari data ini.';
}

/**
 * One sentence group for a paired block, e.g. "Kualitas hidup domain psikologis meningkat
 * rata-rata 8,3 poin (skala 0-100) pada 14 klien dengan data pra dan pasca; perubahan ini
 * signifikan secara statistik (uji t berpasangan, p = 0,004; p Holm = 0,012). ..."
 * Warnings are explained in a closing "Catatan", except those the sentence already gives as
 * the reason why no test was computed.
 */
function pairedFinding(
  key: string,
  subject: string,
  unit: Unit,
  block: PairedBlock,
  useHolm: boolean,
): Finding {
  if (block.nPairs === 0 || block.meanDiff === null) {
    return {
      key,
      parts: [`${subject} belum dapat dinilai: belum ada klien dengan data pra dan pasca.`],
    };
  }
  const parts: Finding['parts'] = [
    `${subject} ${changePhrase(block.meanDiff, unit)} pada ${fmtInt(block.nPairs)} klien dengan data pra dan pasca; `,
  ];
  const v = verdictOf(block, useHolm);
  const warnings = new Set(block.warnings);
  if (v.status === 'not_computed') {
    parts.push({ verdict: 'uji statistik tidak dapat dihitung', status: v.status });
    parts.push(notComputedReason(warnings));
    warnings.delete('fewer_than_2_pairs');
    warnings.delete('all_differences_zero');
    // With fewer than 2 pairs, "small sample" adds nothing.
    if (block.nPairs < 2) warnings.delete('small_sample');
  } else {
    const rawSignificant = v.p !== null && v.p < ALPHA;
    const holmChangedIt = v.pHolm !== null && rawSignificant && v.status === 'not_significant';
    parts.push('perubahan ini ');
    parts.push({
      verdict:
        v.status === 'significant' ? 'signifikan secara statistik' : 'tidak signifikan secara statistik',
      status: v.status,
    });
    parts.push(`${holmChangedIt ? ' setelah koreksi Holm untuk empat domain' : ''}${testParenthesis(v)}.`);
    // The Wilcoxon test as a check on the t-test (it does not assume normally distributed
    // differences). Worded without "signifikan" so that the verdict stays the only one.
    if (v.test === 'tTest' && block.wilcoxon) {
      const w = verdictOf({ ...block, tTest: null }, useHolm);
      const holm = w.pHolm === null ? '' : ` (${pClause('p Holm', w.pHolm)})`;
      const same = w.status === v.status ? 'kesimpulan yang sama' : 'kesimpulan yang berbeda';
      parts.push(
        ` Uji Wilcoxon peringkat bertanda memberi ${pClause('p', block.wilcoxon.p)}${holm}, dengan ${same}.`,
      );
    }
    if (block.effectSize.dz !== null) {
      parts.push(
        ` Ukuran efek d_z = ${fmtNumber(block.effectSize.dz, 2)} (${effectWord(block.effectSize.dz)}).`,
      );
    }
  }
  const notes = [...warnings].map(warningLong);
  if (notes.length > 0) parts.push(` Catatan: ${notes.join(' ')}`);
  return { key, parts };
}

export function whoqolFinding(domain: WhoqolDomain, block: PairedBlock): Finding {
  return pairedFinding(
    `whoqol-${domain}`,
    `Kualitas hidup domain ${DOMAIN_WORD[domain]}`,
    { word: 'poin', scale: 'skala 0-100' },
    block,
    true,
  );
}

export function readinessFinding(block: PairedBlock): Finding {
  return pairedFinding(
    'urica-readiness',
    'Kesiapan berubah (skor kesiapan URICA)',
    { word: 'poin', scale: 'rentang -2 sampai 14' },
    block,
    false,
  );
}

function stagesFinding(s: ReportSummary): Finding {
  const t = s.urica.stages.transitions;
  let up = 0;
  let same = 0;
  let down = 0;
  URICA_STAGES.forEach((from, i) => {
    URICA_STAGES.forEach((to, j) => {
      const n = t[from]?.[to] ?? 0;
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
      `Tahap perubahan URICA pada ${fmtInt(total)} klien dengan data pra dan pasca: ${fmtInt(up)} naik tahap, ` +
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
        `${fmtInt(e.completed)} selesai, ${fmtInt(e.active)} masih aktif, ${fmtInt(e.droppedOut)} berhenti ` +
        `(putus program), ${fmtInt(e.transferred)} dipindahkan.${rate}`,
    ],
  };
}

function urineFinding(s: ReportSummary): Finding {
  const u = s.urineTests;
  if (u.tests === 0) {
    return { key: 'urine', parts: [`Belum ada tes urine per ${fmtDate(s.asOf)}.`] };
  }
  const positivity = fmtPercent(u.positiveTests / u.tests);
  const latest =
    u.latestNegativeShare === null
      ? ''
      : ` Pada ${fmtPercent(u.latestNegativeShare)} klien yang dites, hasil tes terakhir negatif.`;
  return {
    key: 'urine',
    parts: [
      `${fmtInt(u.tests)} tes urine pada ${fmtInt(u.clientsTested)} klien; ${fmtInt(u.positiveTests)} tes positif ` +
        `(${positivity} dari semua tes). ${fmtInt(u.clientsEverPositive)} klien pernah positif.${latest}`,
    ],
  };
}

function outcomesFinding(s: ReportSummary): Finding {
  const { relapse, recidivism } = s.outcomes;
  const rate = (r: number | null): string => (r === null ? '' : ` (${fmtPercent(r)} dari klien terdaftar)`);
  return {
    key: 'outcomes',
    parts: [
      `Kekambuhan: ${fmtInt(relapse.events)} kejadian pada ${fmtInt(relapse.clients)} klien${rate(relapse.rate)}. ` +
        `Residivisme: ${fmtInt(recidivism.events)} kejadian pada ${fmtInt(recidivism.clients)} klien${rate(recidivism.rate)}.`,
    ],
  };
}

function protocolFinding(s: ReportSummary): Finding {
  const p = s.protocol;
  const opening =
    p.opening.length === 0
      ? 'Periode ini tidak menetapkan urutan pembukaan program.'
      : `Pembukaan program (${p.opening.map((t) => ACTIVITY_LABEL[t] ?? t).join(' → ')}) selesai pada ` +
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

export function headlineFindings(s: ReportSummary): Finding[] {
  return [
    enrollmentFinding(s),
    ...WHOQOL_DOMAINS.map((d) => whoqolFinding(d, s.whoqol.domains[d])),
    readinessFinding(s.urica.readiness),
    stagesFinding(s),
    urineFinding(s),
    outcomesFinding(s),
    protocolFinding(s),
  ];
}
