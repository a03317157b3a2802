/** Indonesian labels for the codes in summary.json (what officials read is Indonesian). */
import type { ActivityType } from '../../domain/protocol';
import type { UricaStage } from '../../domain/scoring';
import type { ReportKind, WhoqolDomain } from '../types';

export const KIND_TITLE: Record<ReportKind, string> = {
  final: 'Laporan Akhir Periode',
  monthly: 'Laporan Bulanan',
  on_demand: 'Laporan Sewaktu',
};

/** Domain names of the Indonesian WHOQOL-BREF (Purba et al. 2018). */
export const DOMAIN_LABEL: Record<WhoqolDomain, string> = {
  physical: 'Fisik',
  psychological: 'Psikologis',
  social: 'Hubungan sosial',
  environment: 'Lingkungan',
};

/** Lower-case, for use inside a sentence ("domain psikologis"). */
export const DOMAIN_WORD: Record<WhoqolDomain, string> = {
  physical: 'fisik',
  psychological: 'psikologis',
  social: 'hubungan sosial',
  environment: 'lingkungan',
};

export const ACTIVITY_LABEL: Record<ActivityType, string> = {
  home_visit: 'Kunjungan rumah',
  urine_test: 'Tes urine',
  group_meeting: 'Pertemuan kelompok',
  counseling: 'Konseling',
};

export const STAGE_LABEL: Record<UricaStage, string> = {
  precontemplation: 'Prakontemplasi',
  contemplation: 'Kontemplasi',
  preparation_action: 'Persiapan/tindakan',
};

export const STATUS_LABEL: Record<string, string> = {
  active: 'Aktif',
  completed: 'Selesai',
  dropped_out: 'Berhenti (putus program)',
  transferred: 'Dipindahkan',
};

// Maps, not object literals: a code like "constructor" must not find Object's prototype.
const SUBSTANCE_LABEL: ReadonlyMap<string, string> = new Map([
  ['methamphetamine', 'Metamfetamin (sabu)'],
  ['amphetamine', 'Amfetamin'],
  ['thc', 'THC (ganja)'],
  ['opiates', 'Opiat'],
  ['mdma', 'MDMA (ekstasi)'],
  ['benzodiazepines', 'Benzodiazepin'],
  ['cocaine', 'Kokain'],
]);

/** A substance code's Indonesian name; an unknown code is shown unchanged (escaped by the caller). */
export function substanceLabel(code: string): string {
  return SUBSTANCE_LABEL.get(code) ?? code;
}

export const RECIDIVISM_LABEL = {
  reoffense: 'Tindak pidana baru',
  rearrest: 'Ditangkap kembali',
  parole_revoked: 'Pembebasan bersyarat dicabut',
} as const;

/** Warning codes of PairedSummary (shared/domain/stats), short, for the statistics tables. */
const WARNING_TEXT: ReadonlyMap<string, string> = new Map([
  ['fewer_than_2_pairs', 'kurang dari 2 pasangan: uji tidak dihitung'],
  ['small_sample', 'sampel kecil (kurang dari 10 pasangan)'],
  ['zero_variance', 'semua selisih sama: uji t dan d_z tidak dihitung'],
  ['all_differences_zero', 'semua selisih nol: uji tidak dihitung'],
]);

export function warningShort(code: string): string {
  return WARNING_TEXT.get(code) ?? code;
}
