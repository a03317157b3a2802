import {
  ACTIVITY_TYPES,
  ASSESSMENT_PHASES,
  ENROLLMENT_STATUSES,
  INSTRUMENTS,
  LEGAL_STATUSES,
  OUTCOME_TYPES,
  PRESENT_AT_HOME,
  RISK_FACTORS,
  SEXES,
  type SUBSTANCES,
  TEST_RESULTS,
} from '../domain/vocabulary';

/**
 * The values a workbook cell may hold for a coded field: the Indonesian word officers type
 * (written on export and listed in the template), and what else is accepted for it (the API
 * code, short forms). Matching ignores case, spaces around and doubled spaces. The words are
 * the forms' and the reports' (web/src/lib/labels.ts, shared/reports/html/labels.ts).
 */
export interface ValueSet<T extends string = string> {
  /** Code -> the word written in cells. */
  labels: Record<T, string>;
  /** Other accepted spellings per code. */
  aliases?: Partial<Record<T, readonly string[]>>;
}

function set<T extends string>(
  codes: readonly T[],
  labels: Record<T, string>,
  aliases: Partial<Record<T, readonly string[]>> = {},
): ValueSet<T> {
  for (const c of codes) if (!(c in labels)) throw new Error(`no label for ${c}`);
  return { labels, aliases };
}

export const ACTIVITY_VALUES = set(
  ACTIVITY_TYPES,
  {
    home_visit: 'Kunjungan rumah',
    urine_test: 'Tes urine',
    group_meeting: 'Pertemuan kelompok',
    counseling: 'Konseling',
  },
  { counseling: ['konseling individu'] },
);

export const SEX_VALUES = set(
  SEXES,
  { male: 'Laki-laki', female: 'Perempuan' },
  { male: ['L'], female: ['P'] },
);

export const LEGAL_STATUS_VALUES = set(LEGAL_STATUSES, {
  parole: 'Pembebasan bersyarat',
  conditional_leave: 'Cuti bersyarat',
  leave_before_release: 'Cuti menjelang bebas',
  assimilation: 'Asimilasi',
  other: 'Lainnya',
});

export const STATUS_VALUES = set(
  ENROLLMENT_STATUSES,
  { active: 'Aktif', completed: 'Selesai', dropped_out: 'Berhenti', transferred: 'Dipindahkan' },
  { dropped_out: ['Berhenti (putus program)', 'putus program'], transferred: ['pindah'] },
);

export const PRESENT_VALUES = set(PRESENT_AT_HOME, {
  client: 'Klien',
  parents: 'Orang tua',
  spouse: 'Suami/istri',
  children: 'Anak',
  other: 'Lainnya',
});

export const RISK_VALUES = set(RISK_FACTORS, {
  contact_with_users: 'Berhubungan dengan pengguna',
  idle: 'Menganggur',
  debt: 'Utang',
  conflict_at_home: 'Konflik di rumah',
  other: 'Lainnya',
});

export const RESULT_VALUES = set(TEST_RESULTS, {
  negative: 'Negatif',
  positive: 'Positif',
  invalid: 'Tidak sah',
});

export const SUBSTANCE_HEADINGS: Record<(typeof SUBSTANCES)[number], string> = {
  methamphetamine: 'Metamfetamin',
  amphetamine: 'Amfetamin',
  thc: 'THC',
  opiates: 'Opiat',
  mdma: 'MDMA',
  benzodiazepines: 'Benzodiazepin',
  cocaine: 'Kokain',
};

export const INSTRUMENT_VALUES = set(INSTRUMENTS, { 'whoqol-bref': 'WHOQOL-BREF', urica: 'URICA' });

export const PHASE_VALUES = set(
  ASSESSMENT_PHASES,
  { pre: 'Awal', mid: 'Tengah', post: 'Akhir' },
  { pre: ['pra'], post: ['pasca'] },
);

export const OUTCOME_VALUES = set(
  OUTCOME_TYPES,
  {
    relapse: 'Kambuh',
    reoffense: 'Tindak pidana baru',
    rearrest: 'Ditangkap kembali',
    parole_revoked: 'Pembebasan bersyarat dicabut',
  },
  { relapse: ['Kambuh (relapse)'] },
);

export const YES_NO = set(['yes', 'no'] as const, { yes: 'Ya', no: 'Tidak' }, { yes: ['y'], no: ['t'] });

const norm = (v: string) => v.trim().replace(/\s+/g, ' ').toLowerCase();

/** The codes of a value set (its labels' keys, typed). */
function codesOf<T extends string>(values: ValueSet<T>): T[] {
  return Object.keys(values.labels).filter((k): k is T => Object.hasOwn(values.labels, k));
}

/** The code a cell's word stands for, or undefined. */
export function codeOf<T extends string>(values: ValueSet<T>, word: string): T | undefined {
  const wanted = norm(word);
  for (const code of codesOf(values)) {
    const spellings = [code, values.labels[code], ...(values.aliases?.[code] ?? [])];
    if (spellings.some((s) => norm(s) === wanted)) return code;
  }
  return undefined;
}

/** The words of a value set, for messages and the template ("Negatif, Positif, Tidak sah"). */
export function wordsOf(values: ValueSet): string {
  return Object.values<string>(values.labels).join(', ');
}
