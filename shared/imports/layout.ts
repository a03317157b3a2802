import { SUBSTANCES } from '../domain/vocabulary';
import {
  ACTIVITY_VALUES,
  INSTRUMENT_VALUES,
  LEGAL_STATUS_VALUES,
  OUTCOME_VALUES,
  PHASE_VALUES,
  PRESENT_VALUES,
  RESULT_VALUES,
  RISK_VALUES,
  SEX_VALUES,
  STATUS_VALUES,
  SUBSTANCE_HEADINGS,
  type ValueSet,
  wordsOf,
  YES_NO,
} from './values';

/**
 * The program workbook (docs/imports.md): one sheet per kind of record, Indonesian headings in
 * row 1, one record per row from row 2. The template, the import and the period export use this
 * one layout, so an export can be imported again. Columns are found by their heading (any
 * order); rows whose period code is CONTOH (or client number starts with CONTOH) are the
 * template's examples and are never imported.
 */
export type CellKind =
  /** Free text (trimmed). */
  | 'text'
  /** YYYY-MM-DD, DD/MM/YYYY or an Excel date. */
  | 'date'
  | 'int'
  /** Digits typed in text cells (NIK, phone): a number cell would have lost digits. */
  | 'digits'
  /** One word of `values`. */
  | 'word'
  /** Words of `values`, separated by commas. */
  | 'words';

export interface Column {
  key: string;
  heading: string;
  kind: CellKind;
  required?: boolean;
  values?: ValueSet;
  /** What the template's instructions say about it. */
  help: string;
  width?: number;
}

export const SHEET_KEYS = [
  'periods',
  'clients',
  'enrollments',
  'activities',
  'assessments',
  'outcomes',
] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

export interface Sheet {
  key: SheetKey;
  name: string;
  columns: Column[];
  /** The template's filled example (cells by column key). */
  example: Record<string, string | number>;
}

export const EXAMPLE_CODE = 'CONTOH';

const periodRef: Column[] = [
  {
    key: 'period',
    heading: 'Kode periode',
    kind: 'text',
    required: true,
    help: 'Kode dari lembar Periode.',
    width: 14,
  },
  {
    key: 'office',
    heading: 'Kantor',
    kind: 'text',
    required: true,
    help: 'Kode kantor klien, mis. bapas-semarang.',
    width: 18,
  },
  {
    key: 'registrationNumber',
    heading: 'Nomor registrasi',
    kind: 'text',
    required: true,
    help: 'Nomor registrasi klien (lembar Klien atau sudah ada di sistem).',
    width: 18,
  },
];

const cadenceColumns: Column[] = (
  [
    ['cadence_home_visit', 'Jarak kunjungan rumah (hari)'],
    ['cadence_urine_test', 'Jarak tes urine (hari)'],
    ['cadence_group_meeting', 'Jarak pertemuan kelompok (hari)'],
    ['cadence_counseling', 'Jarak konseling (hari)'],
  ] as const
).map(([key, heading]) => ({
  key,
  heading,
  kind: 'int' as const,
  help: 'Hari antara dua kegiatan jenis ini (daftar jatuh tempo); kosong: tidak dijadwalkan.',
}));

export const ITEM_COLUMNS = 32;

export const SHEETS: readonly Sheet[] = [
  {
    key: 'periods',
    name: 'Periode',
    columns: [
      {
        key: 'code',
        heading: 'Kode periode',
        kind: 'text',
        required: true,
        help: 'Kode pendek yang dipakai lembar lain (unik dalam berkas).',
        width: 14,
      },
      { key: 'name', heading: 'Nama', kind: 'text', required: true, help: 'Nama periode.', width: 28 },
      { key: 'startDate', heading: 'Tanggal mulai', kind: 'date', required: true, help: 'YYYY-MM-DD.' },
      {
        key: 'endDate',
        heading: 'Tanggal selesai',
        kind: 'date',
        required: true,
        help: 'YYYY-MM-DD. Periode yang sudah berakhir dibuat sebagai periode riwayat.',
      },
      { key: 'capacity', heading: 'Kapasitas', kind: 'int', required: true, help: 'Jumlah klien, 1-10000.' },
      {
        key: 'offices',
        heading: 'Kantor',
        kind: 'text',
        required: true,
        help: 'Kode kantor, dipisah koma.',
        width: 22,
      },
      {
        key: 'opening',
        heading: 'Urutan pembuka',
        kind: 'words',
        values: ACTIVITY_VALUES,
        help: 'Kegiatan pembuka menurut urutan, dipisah koma.',
        width: 40,
      },
      ...cadenceColumns,
      {
        key: 'instruments',
        heading: 'Instrumen',
        kind: 'words',
        values: INSTRUMENT_VALUES,
        help: 'Dipisah koma.',
        width: 20,
      },
      {
        key: 'closed',
        heading: 'Ditutup',
        kind: 'word',
        values: YES_NO,
        help: 'Ya: ditutup setelah impor (periode yang sudah berakhir mendapat laporan akhir).',
      },
    ],
    example: {
      code: EXAMPLE_CODE,
      name: 'Contoh periode',
      startDate: '2024-05-01',
      endDate: '2024-10-31',
      capacity: 16,
      offices: 'bapas-semarang',
      opening: 'Tes urine, Pertemuan kelompok',
      cadence_urine_test: 30,
      instruments: 'WHOQOL-BREF, URICA',
      closed: 'Ya',
    },
  },
  {
    key: 'clients',
    name: 'Klien',
    columns: [
      {
        key: 'office',
        heading: 'Kantor',
        kind: 'text',
        required: true,
        help: 'Kode Bapas klien.',
        width: 18,
      },
      {
        key: 'registrationNumber',
        heading: 'Nomor registrasi',
        kind: 'text',
        required: true,
        help: 'Unik per kantor. Klien yang sudah ada di sistem tidak diubah.',
        width: 18,
      },
      {
        key: 'fullName',
        heading: 'Nama lengkap',
        kind: 'text',
        required: true,
        help: 'Nama klien.',
        width: 24,
      },
      { key: 'sex', heading: 'Jenis kelamin', kind: 'word', required: true, values: SEX_VALUES, help: '' },
      { key: 'birthDate', heading: 'Tanggal lahir', kind: 'date', required: true, help: 'YYYY-MM-DD.' },
      { key: 'nik', heading: 'NIK', kind: 'digits', help: '16 digit, diketik sebagai teks.', width: 20 },
      {
        key: 'phone',
        heading: 'Telepon',
        kind: 'digits',
        help: 'Diketik sebagai teks (angka 0 di depan).',
        width: 16,
      },
      { key: 'street', heading: 'Jalan', kind: 'text', help: '' },
      { key: 'village', heading: 'Kelurahan/desa', kind: 'text', help: '' },
      { key: 'district', heading: 'Kecamatan', kind: 'text', help: '' },
      { key: 'city', heading: 'Kota/kabupaten', kind: 'text', help: '' },
      {
        key: 'legalStatus',
        heading: 'Status hukum',
        kind: 'word',
        values: LEGAL_STATUS_VALUES,
        help: '',
        width: 22,
      },
      { key: 'caseArticle', heading: 'Pasal', kind: 'text', help: 'Mis. UU 35/2009 Pasal 127.', width: 22 },
      { key: 'supervisionStart', heading: 'Mulai pembimbingan', kind: 'date', help: 'YYYY-MM-DD.' },
      { key: 'supervisionEnd', heading: 'Akhir pembimbingan', kind: 'date', help: 'YYYY-MM-DD.' },
    ],
    example: {
      office: 'bapas-semarang',
      registrationNumber: `${EXAMPLE_CODE}-001`,
      fullName: 'Nama Klien Contoh',
      sex: 'Laki-laki',
      birthDate: '1990-05-17',
      nik: '3374011705900003',
      legalStatus: 'Pembebasan bersyarat',
      caseArticle: 'UU 35/2009 Pasal 127',
    },
  },
  {
    key: 'enrollments',
    name: 'Pendaftaran',
    columns: [
      ...periodRef,
      {
        key: 'enrolledOn',
        heading: 'Tanggal daftar',
        kind: 'date',
        required: true,
        help: 'Di dalam masa periode.',
      },
      { key: 'status', heading: 'Status', kind: 'word', values: STATUS_VALUES, help: 'Kosong: Aktif.' },
      { key: 'statusDate', heading: 'Tanggal status', kind: 'date', help: 'Wajib bila status bukan Aktif.' },
      {
        key: 'statusReason',
        heading: 'Alasan status',
        kind: 'text',
        help: 'Tidak pernah masuk laporan.',
        width: 24,
      },
    ],
    example: {
      period: EXAMPLE_CODE,
      office: 'bapas-semarang',
      registrationNumber: `${EXAMPLE_CODE}-001`,
      enrolledOn: '2024-05-13',
      status: 'Selesai',
      statusDate: '2024-10-31',
    },
  },
  {
    key: 'activities',
    name: 'Kegiatan',
    columns: [
      ...periodRef,
      {
        key: 'type',
        heading: 'Jenis',
        kind: 'word',
        required: true,
        values: ACTIVITY_VALUES,
        help: '',
        width: 20,
      },
      {
        key: 'date',
        heading: 'Tanggal',
        kind: 'date',
        required: true,
        help: 'Di dalam masa periode, menurut urutan protokol.',
      },
      {
        key: 'present',
        heading: 'Hadir',
        kind: 'words',
        values: PRESENT_VALUES,
        help: 'Kunjungan rumah: siapa yang ada, dipisah koma.',
        width: 20,
      },
      {
        key: 'livingSituation',
        heading: 'Situasi tempat tinggal',
        kind: 'text',
        help: 'Kunjungan rumah.',
        width: 28,
      },
      {
        key: 'familySupport',
        heading: 'Dukungan keluarga',
        kind: 'int',
        help: 'Kunjungan rumah: 1 (tidak ada) sampai 5 (sangat kuat).',
      },
      {
        key: 'riskFactors',
        heading: 'Faktor risiko',
        kind: 'words',
        values: RISK_VALUES,
        help: 'Kunjungan rumah, dipisah koma.',
        width: 24,
      },
      { key: 'findings', heading: 'Temuan', kind: 'text', help: 'Kunjungan rumah.', width: 30 },
      { key: 'followUp', heading: 'Tindak lanjut', kind: 'text', help: 'Kunjungan rumah.', width: 24 },
      ...SUBSTANCES.map((s) => ({
        key: `result_${s}`,
        heading: SUBSTANCE_HEADINGS[s],
        kind: 'word' as const,
        values: RESULT_VALUES,
        help: 'Tes urine: hasil zat ini; kosong: tidak dites.',
      })),
      { key: 'specimenId', heading: 'Nomor spesimen', kind: 'text', help: 'Tes urine.' },
      { key: 'counselor', heading: 'Konselor', kind: 'text', help: 'Konseling.', width: 20 },
      { key: 'topic', heading: 'Topik', kind: 'text', help: 'Konseling dan pertemuan kelompok.', width: 24 },
      { key: 'durationMinutes', heading: 'Durasi (menit)', kind: 'int', help: 'Konseling.' },
      {
        key: 'meeting',
        heading: 'Kode pertemuan',
        kind: 'text',
        help: 'Pertemuan kelompok: baris dengan kode yang sama adalah satu pertemuan (kosong: tanggal dan topik yang sama).',
      },
      { key: 'facilitator', heading: 'Fasilitator', kind: 'text', help: 'Pertemuan kelompok.', width: 20 },
    ],
    example: {
      period: EXAMPLE_CODE,
      office: 'bapas-semarang',
      registrationNumber: `${EXAMPLE_CODE}-001`,
      type: 'Tes urine',
      date: '2024-05-14',
      result_methamphetamine: 'Negatif',
      result_thc: 'Negatif',
    },
  },
  {
    key: 'assessments',
    name: 'Penilaian',
    columns: [
      ...periodRef,
      {
        key: 'instrument',
        heading: 'Instrumen',
        kind: 'word',
        required: true,
        values: INSTRUMENT_VALUES,
        help: '',
      },
      { key: 'phase', heading: 'Fase', kind: 'word', required: true, values: PHASE_VALUES, help: '' },
      { key: 'date', heading: 'Tanggal', kind: 'date', required: true, help: '' },
      ...Array.from({ length: ITEM_COLUMNS }, (_, i) => ({
        key: `q${i + 1}`,
        heading: `P${i + 1}`,
        kind: 'int' as const,
        help: 'Jawaban butir 1-5, kosong bila tidak dijawab (WHOQOL-BREF: P1-P26, URICA: P1-P32).',
        width: 5,
      })),
    ],
    example: {
      period: EXAMPLE_CODE,
      office: 'bapas-semarang',
      registrationNumber: `${EXAMPLE_CODE}-001`,
      instrument: 'WHOQOL-BREF',
      phase: 'Awal',
      date: '2024-05-14',
      ...Object.fromEntries(
        [4, 3, 2, 1, 4, 4, 3, 4, 3, 4, 3, 2, 4, 3, 5, 3, 4, 4, 4, 4, 3, 4, 4, 3, 3, 2].map((v, i) => [
          `q${i + 1}`,
          v,
        ]),
      ),
    },
  },
  {
    key: 'outcomes',
    name: 'Hasil',
    columns: [
      ...periodRef,
      {
        key: 'type',
        heading: 'Jenis',
        kind: 'word',
        required: true,
        values: OUTCOME_VALUES,
        help: '',
        width: 26,
      },
      { key: 'date', heading: 'Tanggal', kind: 'date', required: true, help: 'Boleh sesudah periode.' },
      { key: 'note', heading: 'Catatan', kind: 'text', help: '', width: 30 },
    ],
    example: {
      period: EXAMPLE_CODE,
      office: 'bapas-semarang',
      registrationNumber: `${EXAMPLE_CODE}-001`,
      type: 'Kambuh',
      date: '2024-08-01',
    },
  },
];

export function sheetOf(key: SheetKey): Sheet {
  const sheet = SHEETS.find((s) => s.key === key);
  if (!sheet) throw new Error(`no sheet ${key}`);
  return sheet;
}

/** The heading of a column of a sheet (for error messages and the instructions). */
export function headingOf(key: SheetKey, column: string): string {
  return sheetOf(key).columns.find((c) => c.key === column)?.heading ?? column;
}

/** What the template's instructions list for a column: its rule and its allowed words. */
export function columnHelp(column: Column): string {
  const parts = [
    column.required ? 'Wajib.' : '',
    column.help,
    column.values ? `Nilai: ${wordsOf(column.values)}.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export const INSTRUCTIONS_SHEET = 'Petunjuk';
