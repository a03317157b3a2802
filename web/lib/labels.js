// Indonesian labels for the API's codes. Pure data, no DOM.

export const ACTIVITY_LABELS = {
  home_visit: 'Kunjungan rumah',
  urine_test: 'Tes urine',
  group_meeting: 'Pertemuan kelompok',
  counseling: 'Konseling',
};

export const ENROLLMENT_STATUS_LABELS = {
  active: 'Aktif',
  completed: 'Selesai',
  dropped_out: 'Putus program',
  transferred: 'Dipindahkan',
};

export const PERIOD_STATUS_LABELS = { open: 'Dibuka', closed: 'Ditutup' };

export const ROLE_LABELS = {
  pk: 'Pembimbing Kemasyarakatan (PK)',
  kasi: 'Kepala Seksi Bimbingan Klien Dewasa',
  konselor: 'Konselor BNNP',
  admin: 'Admin provinsi',
  viewer: 'Pimpinan / evaluator (hanya baca)',
};

/** Short forms for the top bar of a 360 px screen. */
export const ROLE_SHORT_LABELS = {
  pk: 'PK',
  kasi: 'Kasi',
  konselor: 'Konselor',
  admin: 'Admin',
  viewer: 'Pimpinan (baca)',
};

export const PRESENT_LABELS = {
  client: 'Klien',
  parents: 'Orang tua',
  spouse: 'Suami / istri',
  children: 'Anak',
  other: 'Lainnya',
};

export const RISK_LABELS = {
  contact_with_users: 'Masih berhubungan dengan pengguna',
  idle: 'Tidak ada kegiatan / menganggur',
  debt: 'Utang',
  conflict_at_home: 'Konflik di rumah',
  other: 'Lainnya',
};

export const SUBSTANCE_LABELS = {
  methamphetamine: 'Metamfetamin (sabu)',
  amphetamine: 'Amfetamin',
  thc: 'THC (ganja)',
  opiates: 'Opiat',
  mdma: 'MDMA (ekstasi)',
  benzodiazepines: 'Benzodiazepin',
  cocaine: 'Kokain',
};

export const URINE_RESULT_LABELS = {
  '': 'Tidak dites',
  negative: 'Negatif',
  positive: 'Positif',
  invalid: 'Tidak sah',
};

export const FAMILY_SUPPORT_LABELS = {
  1: '1 – Tidak ada',
  2: '2 – Lemah',
  3: '3 – Cukup',
  4: '4 – Baik',
  5: '5 – Sangat kuat',
};

export const LEGAL_STATUS_LABELS = {
  parole: 'Pembebasan bersyarat',
  conditional_leave: 'Cuti bersyarat',
  leave_before_release: 'Cuti menjelang bebas',
  assimilation: 'Asimilasi',
  other: 'Lainnya',
};

export const SEX_LABELS = { male: 'Laki-laki', female: 'Perempuan' };

export const OUTCOME_LABELS = {
  relapse: 'Kambuh (relapse)',
  reoffense: 'Tindak pidana baru',
  rearrest: 'Ditangkap kembali',
  parole_revoked: 'Pembebasan bersyarat dicabut',
};

export const INSTRUMENT_LABELS = { 'whoqol-bref': 'WHOQOL-BREF', urica: 'URICA' };

export const URICA_STAGE_LABELS = {
  precontemplation: 'prakontemplasi',
  contemplation: 'kontemplasi',
  preparation: 'persiapan',
  action: 'tindakan',
  maintenance: 'pemeliharaan',
  preparation_action: 'persiapan/tindakan',
};

/** The choices on the "Akhiri keikutsertaan" form (PATCH /enrollments/{id}). */
export const END_STATUS_LABELS = {
  completed: 'Selesai',
  dropped_out: 'Berhenti',
  transferred: 'Dipindahkan',
};

export const OUTCOME_CHOICE_LABELS = {
  relapse: 'Kambuh',
  reoffense: 'Melakukan tindak pidana baru',
  rearrest: 'Ditangkap kembali',
  parole_revoked: 'Pembebasan bersyarat dicabut',
};

export const PHASE_LABELS = { pre: 'awal', mid: 'tengah', post: 'akhir' };

/** The label for a code, or the code itself when unknown (never an empty cell). */
export function label(table, code) {
  return Object.hasOwn(table, code) ? table[code] : String(code ?? '');
}
