/**
 * The demo's history as an import workbook (README "The demo"): Bapas Semarang's cohorts of
 * 2024 and 2025 (docs/domain.md), invented people, plausible records, deterministic (a seeded
 * generator: the same file on every machine). `npm start` enters it through the import path
 * on an empty database. Rebuild the committed file with `npm run demo:data`.
 *
 * - "Mei-Okt 2024": 16 clients, the old opening (urine test, then group meeting), pre/post
 *   WHOQOL-BREF and URICA with a clear improvement, two dropouts, a relapse, closed;
 * - "Nov-Des 2024": 5 clients, home visit first, closed;
 * - "Jan-Des 2025": 35 clients, home visit first, dropouts, a transfer, relapses, a re-arrest,
 *   positive tests, closed (npm start adds its monthly reports as the daily job would have).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays } from '../../shared/domain/dates';
import { type SheetRows, writeWorkbook } from '../../shared/imports/workbook';
import { answerHelp } from '../help';

export const DEMO_FILE = fileURLToPath(new URL('./demo/semarang-2024-2025.xlsx', import.meta.url));
/** The date inside the file (zip entries, workbook properties): fixed, so the bytes are too. */
const FILE_DATE = new Date('2026-01-01T00:00:00Z');
const OFFICE = 'bapas-semarang';

export const DEMO_PERIODS = {
  first: 'Pascarehabilitasi Mei-Okt 2024',
  followUp: 'Pascarehabilitasi Nov-Des 2024',
  year: 'Pascarehabilitasi Jan-Des 2025',
} as const;

const FIRST = [
  'Agus',
  'Bambang',
  'Cahyo',
  'Dimas',
  'Edi',
  'Fajar',
  'Galih',
  'Hadi',
  'Imam',
  'Jatmiko',
  'Kukuh',
  'Lukas',
  'Mulyono',
  'Nugroho',
  'Oktavian',
  'Prasetyo',
  'Rahmat',
  'Sigit',
  'Teguh',
  'Untung',
  'Wawan',
  'Yanto',
  'Zainal',
  'Arif',
  'Bayu',
  'Catur',
  'Dwi',
  'Eka',
  'Ferry',
  'Gunawan',
  'Heru',
  'Indra',
  'Joni',
  'Krisna',
  'Lilik',
  'Rina',
  'Sri',
  'Tri',
  'Wulan',
  'Yuli',
];
const LAST = [
  'Santoso',
  'Wibowo',
  'Saputra',
  'Hidayat',
  'Prasetya',
  'Setiawan',
  'Kurniawan',
  'Purnomo',
  'Susilo',
  'Wijaya',
  'Hartono',
];
const FEMALE = new Set(['Rina', 'Sri', 'Wulan', 'Yuli']);
const VILLAGES = [
  'Pedurungan',
  'Tembalang',
  'Banyumanik',
  'Genuk',
  'Ngaliyan',
  'Gayamsari',
  'Candisari',
  'Semarang Utara',
];

/** A linear congruential generator: deterministic, good enough for invented data. */
function generator(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}
const SEED = 20240501;
let rand = generator(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const chance = (p: number) => rand() < p;
const clamp = (v: number) => Math.min(5, Math.max(1, Math.round(v)));

/** WHOQOL-BREF answers around a level (1-5); Q3, Q4 and Q26 are asked the other way round. */
function whoqol(level: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i <= 26; i++) {
    const v = clamp(level + (rand() - 0.5) * 1.4);
    out[`q${i}`] = [3, 4, 26].includes(i) ? 6 - v : v;
  }
  return out;
}

/** URICA answers: readiness around a level; precontemplation items go the other way. */
const PRECONTEMPLATION = new Set([1, 5, 11, 13, 23, 26, 29]);
function urica(level: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i <= 32; i++) {
    const v = clamp(level + (rand() - 0.5) * 1.4);
    out[`q${i}`] = PRECONTEMPLATION.has(i) ? 6 - v : v;
  }
  return out;
}

interface Client {
  n: number;
  registrationNumber: string;
  fullName: string;
}

let clientCount = 0;
function newClient(year: string, rows: Required<SheetRows>['clients'] & object): Client {
  clientCount += 1;
  const n = clientCount;
  const first = FIRST[(n * 7) % FIRST.length] as string;
  const fullName = `${first} ${LAST[(n * 5) % LAST.length]}`;
  const registrationNumber = `PAS-SMG-${year}-${String(n).padStart(3, '0')}`;
  const birth = addDays('1978-01-01', Math.floor(rand() * 7000));
  (rows as Array<Record<string, string | number>>).push({
    office: OFFICE,
    registrationNumber,
    fullName,
    sex: FEMALE.has(first) ? 'Perempuan' : 'Laki-laki',
    birthDate: birth,
    nik: `3374${String(10 + (n % 80)).padStart(2, '0')}${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(2, 4)}${String(1000 + n).slice(-4)}`,
    phone: `0812${String(27_000_000 + n * 7919).slice(0, 8)}`,
    village: pick(VILLAGES),
    city: 'Kota Semarang',
    legalStatus: chance(0.75) ? 'Pembebasan bersyarat' : 'Cuti bersyarat',
    caseArticle: chance(0.7) ? 'UU 35/2009 Pasal 127' : 'UU 35/2009 Pasal 112',
    supervisionStart: addDays(year === '24' ? '2024-01-15' : '2024-10-01', Math.floor(rand() * 90)),
  });
  return { n, registrationNumber, fullName };
}

type Row = Record<string, string | number>;

interface Cohort {
  code: string;
  clients: Client[];
  status: Map<number, { status: string; date: string; reason?: string }>;
}

function ref(code: string, c: Client) {
  return { period: code, office: OFFICE, registrationNumber: c.registrationNumber };
}

/** Active on `date` (enrolled and not ended before it). */
function activeOn(cohort: Cohort, c: Client, enrolledOn: Map<number, string>, date: string): boolean {
  const end = cohort.status.get(c.n);
  const started = enrolledOn.get(c.n) ?? '9999';
  return started <= date && (!end || end.status === 'Selesai' || end.date >= date);
}

function urineTest(code: string, c: Client, date: string, positive: boolean, invalid = false): Row {
  return {
    ...ref(code, c),
    type: 'Tes urine',
    date,
    result_methamphetamine: invalid ? 'Tidak sah' : positive ? 'Positif' : 'Negatif',
    result_amphetamine: 'Negatif',
    result_thc: 'Negatif',
    specimenId: `SMG-${date.replaceAll('-', '')}-${String(c.n).padStart(3, '0')}`,
  };
}

const FINDINGS = [
  'Rumah layak huni; keluarga bersedia mendampingi.',
  'Klien tinggal bersama orang tua; hubungan cukup baik.',
  'Lingkungan sekitar masih ada pengguna; perlu pemantauan.',
  'Istri mendukung; klien sudah mulai bekerja serabutan.',
  'Klien belum bekerja; keluarga khawatir pergaulan lama.',
];

function homeVisit(code: string, c: Client, date: string): Row {
  const parents = chance(0.55);
  return {
    ...ref(code, c),
    type: 'Kunjungan rumah',
    date,
    present: parents ? 'Klien, Orang tua' : 'Klien, Suami/istri',
    livingSituation: parents ? 'Tinggal bersama orang tua' : 'Tinggal bersama istri dan anak',
    familySupport: 2 + Math.floor(rand() * 4),
    riskFactors: chance(0.5)
      ? 'Menganggur'
      : chance(0.5)
        ? 'Berhubungan dengan pengguna'
        : 'Konflik di rumah',
    findings: pick(FINDINGS),
  };
}

function counseling(code: string, c: Client, date: string): Row {
  return {
    ...ref(code, c),
    type: 'Konseling',
    date,
    counselor: 'Konselor BNNP Jawa Tengah',
    topic: pick([
      'Motivasi dan rencana pemulihan',
      'Mengelola keinginan memakai',
      'Hubungan dengan keluarga',
    ]),
    durationMinutes: pick([30, 45, 60]),
  };
}

const TOPICS = [
  'Pencegahan kekambuhan',
  'Dukungan keluarga',
  'Mengelola stres',
  'Mencari kerja',
  'Menolak ajakan teman lama',
];

export function demoRows(): SheetRows {
  // Every call starts from the seed: the same rows every time.
  rand = generator(SEED);
  clientCount = 0;
  const clients: Row[] = [];
  const enrollments: Row[] = [];
  const activities: Row[] = [];
  const assessments: Row[] = [];
  const outcomes: Row[] = [];

  const meetings = (
    cohort: Cohort,
    enrolledOn: Map<number, string>,
    dates: string[],
    prefix: string,
    mustAttendFirst: boolean,
  ) => {
    dates.forEach((date, i) => {
      const topic = TOPICS[i % TOPICS.length] as string;
      for (const c of cohort.clients) {
        if (!activeOn(cohort, c, enrolledOn, date)) continue;
        if (!(i === 0 && mustAttendFirst) && !chance(0.85)) continue;
        activities.push({
          ...ref(cohort.code, c),
          type: 'Pertemuan kelompok',
          date,
          topic,
          meeting: `${prefix}${String(i + 1).padStart(2, '0')}`,
          facilitator: 'Konselor BNNP Jawa Tengah',
        });
      }
    });
  };

  // --- Mei-Okt 2024: urine test and group meeting first --------------------------------------
  const a: Cohort = { code: 'MEI-OKT-24', clients: [], status: new Map() };
  const aEnrolled = new Map<number, string>();
  for (let i = 0; i < 16; i++) a.clients.push(newClient('24', clients));
  a.status.set(a.clients[4]?.n ?? 0, {
    status: 'Berhenti',
    date: '2024-08-20',
    reason: 'Kambuh; dirujuk rehabilitasi',
  });
  a.status.set(a.clients[10]?.n ?? 0, { status: 'Berhenti', date: '2024-07-05', reason: 'Pindah domisili' });
  a.clients.forEach((c, i) => {
    const enrolledOn = addDays('2024-05-06', i % 5);
    aEnrolled.set(c.n, enrolledOn);
    const end = a.status.get(c.n) ?? { status: 'Selesai', date: '2024-10-31' };
    enrollments.push({
      ...ref(a.code, c),
      enrolledOn,
      status: end.status,
      statusDate: end.date,
      ...(end.reason ? { statusReason: end.reason } : {}),
    });
    const level = 2.4 + rand() * 0.6;
    assessments.push({
      ...ref(a.code, c),
      instrument: 'WHOQOL-BREF',
      phase: 'Awal',
      date: addDays(enrolledOn, 1),
      ...whoqol(level),
    });
    assessments.push({
      ...ref(a.code, c),
      instrument: 'URICA',
      phase: 'Awal',
      date: addDays(enrolledOn, 1),
      ...urica(level),
    });
    activities.push(urineTest(a.code, c, addDays(enrolledOn, 3), i === 1));
    for (const [k, month] of ['07', '09'].entries()) {
      const date = `2024-${month}-${String(12 + (i % 4)).padStart(2, '0')}`;
      if (date > end.date) break;
      activities.push(
        urineTest(
          a.code,
          c,
          date,
          (i === 4 && month === '07') || (i === 12 && month === '09'),
          i === 7 && k === 1,
        ),
      );
    }
    const visit = addDays('2024-08-05', i % 6);
    if (visit <= end.date) activities.push(homeVisit(a.code, c, visit));
    const session = addDays('2024-06-03', i % 5);
    if (i % 2 === 0 && session <= end.date) activities.push(counseling(a.code, c, session));
    if (end.status === 'Selesai') {
      const post = level + 0.45 + rand() * 0.35;
      assessments.push({
        ...ref(a.code, c),
        instrument: 'WHOQOL-BREF',
        phase: 'Akhir',
        date: addDays('2024-10-24', i % 4),
        ...whoqol(post),
      });
      assessments.push({
        ...ref(a.code, c),
        instrument: 'URICA',
        phase: 'Akhir',
        date: addDays('2024-10-24', i % 4),
        ...urica(post),
      });
    }
  });
  const aMeetings = ['2024-05-15', '2024-06-19', '2024-07-17', '2024-08-21', '2024-09-18', '2024-10-16'];
  meetings(a, aEnrolled, aMeetings, 'A', true);
  const relapsed = a.clients[4] as Client;
  outcomes.push({
    ...ref(a.code, relapsed),
    type: 'Kambuh',
    date: '2024-07-20',
    note: 'Tes urine positif metamfetamin',
  });
  outcomes.push({ ...ref(a.code, a.clients[8] as Client), type: 'Ditangkap kembali', date: '2024-12-10' });

  // --- Nov-Des 2024: home visit first, 5 clients ----------------------------------------------
  const b: Cohort = { code: 'NOV-DES-24', clients: [], status: new Map() };
  const bEnrolled = new Map<number, string>();
  for (let i = 0; i < 5; i++) b.clients.push(newClient('24', clients));
  b.clients.forEach((c, i) => {
    const enrolledOn = addDays('2024-11-04', i % 3);
    bEnrolled.set(c.n, enrolledOn);
    enrollments.push({ ...ref(b.code, c), enrolledOn, status: 'Selesai', statusDate: '2024-12-31' });
    const level = 2.5 + rand() * 0.6;
    assessments.push({
      ...ref(b.code, c),
      instrument: 'WHOQOL-BREF',
      phase: 'Awal',
      date: addDays(enrolledOn, 1),
      ...whoqol(level),
    });
    assessments.push({
      ...ref(b.code, c),
      instrument: 'URICA',
      phase: 'Awal',
      date: addDays(enrolledOn, 1),
      ...urica(level),
    });
    activities.push(homeVisit(b.code, c, addDays(enrolledOn, 2)));
    activities.push(urineTest(b.code, c, addDays(enrolledOn, 4), false));
    for (const date of ['2024-11-25', '2024-12-09', '2024-12-23'])
      activities.push(urineTest(b.code, c, date, i === 2 && date === '2024-12-09'));
    activities.push(homeVisit(b.code, c, addDays('2024-12-05', i)));
    const post = level + 0.3 + rand() * 0.5;
    assessments.push({
      ...ref(b.code, c),
      instrument: 'WHOQOL-BREF',
      phase: 'Akhir',
      date: addDays('2024-12-19', i % 3),
      ...whoqol(post),
    });
    assessments.push({
      ...ref(b.code, c),
      instrument: 'URICA',
      phase: 'Akhir',
      date: addDays('2024-12-19', i % 3),
      ...urica(post),
    });
  });
  meetings(
    b,
    bEnrolled,
    ['2024-11-13', '2024-11-20', '2024-11-27', '2024-12-04', '2024-12-11', '2024-12-18'],
    'B',
    true,
  );
  outcomes.push({
    ...ref(b.code, b.clients[2] as Client),
    type: 'Kambuh',
    date: '2024-12-10',
    note: 'Mengaku memakai lagi satu kali',
  });

  // --- Jan-Des 2025: home visit first, 35 clients ---------------------------------------------
  const c25: Cohort = { code: 'JAN-DES-25', clients: [], status: new Map() };
  const cEnrolled = new Map<number, string>();
  for (let i = 0; i < 35; i++) c25.clients.push(newClient('25', clients));
  const exits: Array<[number, string, string, string]> = [
    [3, 'Berhenti', '2025-04-14', 'Tidak hadir lagi sejak Maret'],
    [9, 'Berhenti', '2025-06-23', 'Kambuh; dirujuk rehabilitasi rawat inap'],
    [17, 'Dipindahkan', '2025-07-07', 'Pindah ke Bapas Surakarta'],
    [24, 'Berhenti', '2025-08-18', 'Bekerja di luar kota'],
    [30, 'Berhenti', '2025-09-15', 'Pembebasan bersyarat dicabut'],
  ];
  for (const [i, status, date, reason] of exits)
    c25.status.set(c25.clients[i]?.n ?? 0, { status, date, reason });
  c25.clients.forEach((c, i) => {
    const enrolledOn = addDays('2025-01-06', Math.floor(i / 3));
    cEnrolled.set(c.n, enrolledOn);
    const end = c25.status.get(c.n) ?? { status: 'Selesai', date: '2025-12-31' };
    enrollments.push({
      ...ref(c25.code, c),
      enrolledOn,
      status: end.status,
      statusDate: end.date,
      ...(end.reason ? { statusReason: end.reason } : {}),
    });
    const level = 2.3 + rand() * 0.7;
    assessments.push({
      ...ref(c25.code, c),
      instrument: 'WHOQOL-BREF',
      phase: 'Awal',
      date: enrolledOn,
      ...whoqol(level),
    });
    assessments.push({
      ...ref(c25.code, c),
      instrument: 'URICA',
      phase: 'Awal',
      date: enrolledOn,
      ...urica(level),
    });
    activities.push(homeVisit(c25.code, c, addDays(enrolledOn, 1)));
    activities.push(urineTest(c25.code, c, addDays(enrolledOn, 3), i === 9 || i === 21));
    for (const m of [4, 7, 10].filter((m) => m !== 10 || i % 2 === 0)) {
      const date = `2025-${String(m).padStart(2, '0')}-${String(10 + (i % 5)).padStart(2, '0')}`;
      if (date > end.date) break;
      const positive =
        (i === 9 && m === 4) || (i === 21 && m === 4) || (i === 14 && m === 7) || (i === 30 && m === 7);
      activities.push(urineTest(c25.code, c, date, positive, i === 5 && m === 7));
    }
    // A second visit where the first one found risks (every other client).
    const visit = `2025-06-${String(3 + (i % 6)).padStart(2, '0')}`;
    if (i % 2 === 1 && visit <= end.date) activities.push(homeVisit(c25.code, c, visit));
    const session = `2025-08-${String(21 + (i % 5)).padStart(2, '0')}`;
    if (i % 3 === 0 && session <= end.date) activities.push(counseling(c25.code, c, session));
    if (end.status === 'Selesai') {
      const post = level + 0.5 + rand() * 0.35;
      assessments.push({
        ...ref(c25.code, c),
        instrument: 'WHOQOL-BREF',
        phase: 'Akhir',
        date: addDays('2025-12-08', i % 5),
        ...whoqol(post),
      });
      assessments.push({
        ...ref(c25.code, c),
        instrument: 'URICA',
        phase: 'Akhir',
        date: addDays('2025-12-08', i % 5),
        ...urica(post),
      });
    }
  });
  const cMeetings = [
    '01-22',
    '02-19',
    '03-19',
    '04-16',
    '05-21',
    '06-18',
    '07-16',
    '08-20',
    '09-17',
    '10-15',
    '11-19',
    '12-17',
  ];
  meetings(
    c25,
    cEnrolled,
    cMeetings.map((d) => `2025-${d}`),
    'C',
    true,
  );
  for (const [i, type, date, note] of [
    [9, 'Kambuh', '2025-04-16', 'Tes urine positif'],
    [21, 'Kambuh', '2025-04-14', 'Tes urine positif'],
    [14, 'Kambuh', '2025-07-16', 'Tes urine positif; tetap ikut program'],
    [30, 'Pembebasan bersyarat dicabut', '2025-09-15', ''],
    [12, 'Ditangkap kembali', '2025-10-27', ''],
  ] as const) {
    outcomes.push({ ...ref(c25.code, c25.clients[i] as Client), type, date, ...(note ? { note } : {}) });
  }

  const period = (
    code: string,
    name: string,
    startDate: string,
    endDate: string,
    capacity: number,
    opening: string,
    cadence: Row,
  ) => ({
    code,
    name,
    startDate,
    endDate,
    capacity,
    offices: OFFICE,
    opening,
    ...cadence,
    instruments: 'WHOQOL-BREF, URICA',
    closed: 'Ya',
  });
  return {
    periods: [
      period(a.code, DEMO_PERIODS.first, '2024-05-01', '2024-10-31', 16, 'Tes urine, Pertemuan kelompok', {
        cadence_urine_test: 30,
        cadence_group_meeting: 14,
      }),
      period(
        b.code,
        DEMO_PERIODS.followUp,
        '2024-11-01',
        '2024-12-31',
        5,
        'Kunjungan rumah, Tes urine, Pertemuan kelompok',
        {
          cadence_home_visit: 30,
          cadence_urine_test: 14,
          cadence_group_meeting: 7,
        },
      ),
      period(
        c25.code,
        DEMO_PERIODS.year,
        '2025-01-01',
        '2025-12-31',
        35,
        'Kunjungan rumah, Tes urine, Pertemuan kelompok',
        {
          cadence_home_visit: 60,
          cadence_urine_test: 30,
          cadence_group_meeting: 30,
          cadence_counseling: 120,
        },
      ),
    ],
    clients,
    enrollments,
    activities,
    assessments,
    outcomes,
  };
}

/** The workbook's bytes (the same on every machine). */
export function demoWorkbook(): Promise<Uint8Array> {
  return writeWorkbook(demoRows(), { at: FILE_DATE });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  answerHelp(`usage: npm run demo:data

Rebuilds the demo workbook scripts/local/demo/semarang-2024-2025.xlsx from its generator
(deterministic: the same bytes on every machine). npm start imports it on an empty database.`);
  const bytes = await demoWorkbook();
  writeFileSync(DEMO_FILE, bytes);
  const rows = demoRows();
  process.stdout.write(
    `${DEMO_FILE}: ${bytes.byteLength} bytes; ${Object.entries(rows)
      .map(([k, v]) => `${k} ${v?.length ?? 0}`)
      .join(', ')}\n`,
  );
}
