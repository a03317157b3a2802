// Indonesian labels for the API's codes. Pure data, no DOM. Each table is typed by the
// server's own vocabulary (shared/), so a code added there fails the build here until it has
// a label; labels the reports also show are taken from the reports' table (one word per code).
import {
  type ASSESSMENT_PHASES,
  type ENROLLMENT_STATUSES,
  type INSTRUMENTS,
  type LEGAL_STATUSES,
  type OUTCOME_TYPES,
  type PRESENT_AT_HOME,
  type RISK_FACTORS,
  SUBSTANCES,
  type TEST_RESULTS,
} from '../../../shared/api/schemas';
import type { Role } from '../../../shared/domain/actor';
import type { ActivityType } from '../../../shared/domain/protocol';
import type { UricaStage } from '../../../shared/domain/scoring';
import {
  ACTIVITY_LABEL,
  RECIDIVISM_LABEL,
  STATUS_LABEL,
  substanceLabel,
} from '../../../shared/reports/html/labels';

type LabelsOf<T extends readonly string[]> = Record<T[number], string>;

export const ACTIVITY_LABELS: Record<ActivityType, string> = ACTIVITY_LABEL;

/** One label per status, the same words as the reports ("Berhenti (putus program)"). */
export const ENROLLMENT_STATUS_LABELS: LabelsOf<typeof ENROLLMENT_STATUSES> = {
  active: STATUS_LABEL.active!,
  completed: STATUS_LABEL.completed!,
  dropped_out: STATUS_LABEL.dropped_out!,
  transferred: STATUS_LABEL.transferred!,
};

export const PERIOD_STATUS_LABELS: Record<'open' | 'closed', string> = { open: 'Dibuka', closed: 'Ditutup' };

export const ROLE_LABELS: Record<Role, string> = {
  pk: 'Pembimbing Kemasyarakatan (PK)',
  kasi: 'Kepala Seksi Bimbingan Klien Dewasa',
  konselor: 'Konselor BNNP',
  admin: 'Admin provinsi',
  viewer: 'Pimpinan / evaluator (hanya baca)',
};

/** Short forms for the top bar of a 360 px screen. */
export const ROLE_SHORT_LABELS: Record<Role, string> = {
  pk: 'PK',
  kasi: 'Kasi',
  konselor: 'Konselor',
  admin: 'Admin',
  viewer: 'Pimpinan (baca)',
};

export const PRESENT_LABELS: LabelsOf<typeof PRESENT_AT_HOME> = {
  client: 'Klien',
  parents: 'Orang tua',
  spouse: 'Suami / istri',
  children: 'Anak',
  other: 'Lainnya',
};

export const RISK_LABELS: LabelsOf<typeof RISK_FACTORS> = {
  contact_with_users: 'Masih berhubungan dengan pengguna',
  idle: 'Tidak ada kegiatan / menganggur',
  debt: 'Utang',
  conflict_at_home: 'Konflik di rumah',
  other: 'Lainnya',
};

export const SUBSTANCE_LABELS = Object.fromEntries(SUBSTANCES.map((s) => [s, substanceLabel(s)])) as LabelsOf<
  typeof SUBSTANCES
>;

/** '' is the form's "not tested" choice; the API leaves such substances out. */
export const URINE_RESULT_LABELS: LabelsOf<typeof TEST_RESULTS> & { '': string } = {
  '': 'Tidak dites',
  negative: 'Negatif',
  positive: 'Positif',
  invalid: 'Tidak sah',
};

export const FAMILY_SUPPORT_LABELS: Record<'1' | '2' | '3' | '4' | '5', string> = {
  1: '1 – Tidak ada',
  2: '2 – Lemah',
  3: '3 – Cukup',
  4: '4 – Baik',
  5: '5 – Sangat kuat',
};

export const LEGAL_STATUS_LABELS: LabelsOf<typeof LEGAL_STATUSES> = {
  parole: 'Pembebasan bersyarat',
  conditional_leave: 'Cuti bersyarat',
  leave_before_release: 'Cuti menjelang bebas',
  assimilation: 'Asimilasi',
  other: 'Lainnya',
};

export const SEX_LABELS: Record<'male' | 'female', string> = { male: 'Laki-laki', female: 'Perempuan' };

export const OUTCOME_LABELS: LabelsOf<typeof OUTCOME_TYPES> = {
  relapse: 'Kambuh (relapse)',
  ...RECIDIVISM_LABEL,
};

export const INSTRUMENT_LABELS: LabelsOf<typeof INSTRUMENTS> = {
  'whoqol-bref': 'WHOQOL-BREF',
  urica: 'URICA',
};

/** URICA stages as the server scores them (shared/domain/scoring/urica.ts), lower case in a sentence. */
export const URICA_STAGE_LABELS: Record<UricaStage, string> = {
  precontemplation: 'prakontemplasi',
  contemplation: 'kontemplasi',
  preparation_action: 'persiapan/tindakan',
};

export const PHASE_LABELS: LabelsOf<typeof ASSESSMENT_PHASES> = { pre: 'awal', mid: 'tengah', post: 'akhir' };

/** Account states of an officer (GET /officers). */
export const OFFICER_STATUS_LABELS = {
  enabled: 'Aktif',
  disabled: 'Nonaktif',
  invited: 'Belum masuk pertama kali',
};

/** The label for a code, or the code itself when unknown (never an empty cell). */
export function label(table: Readonly<Record<string, string>>, code: unknown): string {
  const key = String(code ?? '');
  return Object.hasOwn(table, key) ? table[key]! : key;
}

/** Every code the forms can meet in a message, with its label (for plainMessage in errors.ts). */
export const CODE_LABELS: Readonly<Record<string, string>> = {
  ...ROLE_LABELS,
  ...LEGAL_STATUS_LABELS,
  ...SEX_LABELS,
  ...PRESENT_LABELS,
  ...RISK_LABELS,
  ...SUBSTANCE_LABELS,
  negative: URINE_RESULT_LABELS.negative,
  positive: URINE_RESULT_LABELS.positive,
  invalid: URINE_RESULT_LABELS.invalid,
  ...OUTCOME_LABELS,
  ...INSTRUMENT_LABELS,
  ...PHASE_LABELS,
  ...ENROLLMENT_STATUS_LABELS,
  ...ACTIVITY_LABELS,
  assessment: 'asesmen',
};
