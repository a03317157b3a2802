import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_FILE, demoWorkbook } from '../../scripts/local/demo-data';
import { planImport, type World } from '../../shared/imports/plan';
import { parseRows, readCell } from '../../shared/imports/rows';
import { ACTIVITY_VALUES } from '../../shared/imports/values';
import { readWorkbook, type SheetRows, writeWorkbook } from '../../shared/imports/workbook';

const AT = new Date('2026-01-01T00:00:00Z');
const world = (overrides: Partial<World> = {}): World => ({
  actor: { sub: 'k', role: 'kasi', office: 'bapas-semarang' },
  today: '2026-12-03',
  periods: new Map(),
  clients: new Map(),
  enrollmentsOfClient: new Map(),
  guards: new Set(),
  ...overrides,
});

async function plan(rows: SheetRows, w = world()) {
  const read = await readWorkbook(await writeWorkbook(rows, { at: AT }));
  const parsed = parseRows(read.rows);
  return planImport(parsed.file, w, [...read.errors, ...parsed.errors]);
}

const ref = { period: 'A', office: 'bapas-semarang' };
const period = (overrides: Record<string, string | number> = {}) => ({
  code: 'A',
  name: 'Mei-Okt 2024',
  startDate: '2024-05-01',
  endDate: '2024-10-31',
  capacity: 1,
  offices: 'bapas-semarang',
  opening: 'Tes urine, Pertemuan kelompok',
  instruments: 'WHOQOL-BREF',
  ...overrides,
});
const client = (n: number) => ({
  office: 'bapas-semarang',
  registrationNumber: `R-${n}`,
  fullName: `Klien ${n}`,
  sex: 'L',
  birthDate: '1990-01-01',
});

describe('the import plan', () => {
  it('writes in the API order: period, clients, enrollments, records by date, closing last', async () => {
    const p = await plan({
      periods: [period({ capacity: 2, closed: 'ya' })],
      clients: [client(1)],
      enrollments: [{ ...ref, registrationNumber: 'R-1', enrolledOn: '2024-05-13' }],
      activities: [
        { ...ref, registrationNumber: 'R-1', type: 'pertemuan kelompok', date: '2024-05-14', topic: 'X' },
        { ...ref, registrationNumber: 'R-1', type: 'tes urine', date: '2024-05-14', result_thc: 'negatif' },
      ],
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => `${o.kind}:${o.row}`)).toEqual([
      'period:2',
      'client:2',
      'enroll:2',
      // The urine test (row 3) opens the program before the meeting of the same day (row 2).
      'activity:3',
      'meeting:2',
      'close:2',
    ]);
    const created = p.ops[0];
    expect(created?.kind === 'period' && created.body.historical).toBe(true);
  });

  it('frees a dropout place for an enrollment of the same day, as the API would', async () => {
    const p = await plan({
      periods: [period()],
      clients: [client(1), client(2)],
      enrollments: [
        {
          ...ref,
          registrationNumber: 'R-1',
          enrolledOn: '2024-05-13',
          status: 'Berhenti',
          statusDate: '2024-06-01',
        },
        { ...ref, registrationNumber: 'R-2', enrolledOn: '2024-06-01' },
      ],
    });
    expect(p.errors).toEqual([]);
    expect(p.ops.map((o) => o.kind)).toEqual(['period', 'client', 'client', 'enroll', 'status', 'enroll']);
  });

  it('refuses the client beyond capacity with the API message', async () => {
    const p = await plan({
      periods: [period()],
      clients: [client(1), client(2)],
      enrollments: [
        { ...ref, registrationNumber: 'R-1', enrolledOn: '2024-05-13' },
        { ...ref, registrationNumber: 'R-2', enrolledOn: '2024-05-14' },
      ],
    });
    expect(p.errors).toEqual([
      {
        sheet: 'Pendaftaran',
        row: 3,
        column: 'Nomor registrasi',
        message: 'Kuota periode sudah penuh (1 klien).',
      },
    ]);
    expect(p.counts.enrollments).toEqual({ rows: 2, new: 1, existing: 0, invalid: 1 });
  });

  it('skips rows whose guard exists (applied before) and counts them as existing', async () => {
    const rows: SheetRows = {
      periods: [period({ capacity: 2 })],
      clients: [client(1)],
      enrollments: [{ ...ref, registrationNumber: 'R-1', enrolledOn: '2024-05-13' }],
      outcomes: [
        { ...ref, registrationNumber: 'R-1', type: 'Kambuh', date: '2024-06-01' },
        { ...ref, registrationNumber: 'R-1', type: 'Kambuh', date: '2024-06-01' },
      ],
    };
    const first = await plan(rows);
    const guards = first.ops.flatMap((o) => (o.kind === 'outcome' ? [o.guard] : []));
    // Two identical rows are two records: their guards differ (1st and 2nd of the kind).
    expect(new Set(guards).size).toBe(2);
    const again = await plan(rows, world({ guards: new Set(guards.slice(0, 1)) }));
    expect(again.counts.outcomes).toEqual({ rows: 2, new: 1, existing: 1, invalid: 0 });
  });
});

describe('the demo workbook', () => {
  it('is exactly what scripts/local/demo-data.ts makes (npm run demo:data rebuilds it)', async () => {
    const committed = readFileSync(DEMO_FILE);
    expect(Buffer.compare(Buffer.from(await demoWorkbook()), committed)).toBe(0);
  });

  it('imports without an error into an empty system: the Semarang periods, 56 clients', async () => {
    const read = await readWorkbook(new Uint8Array(readFileSync(DEMO_FILE)));
    const parsed = parseRows(read.rows);
    const p = planImport(parsed.file, world(), [...read.errors, ...parsed.errors]);
    expect(p.errors).toEqual([]);
    expect(
      parsed.file.periods.map((x) => [x.body.name, x.body.capacity, x.body.protocol.opening, x.closed]),
    ).toEqual([
      ['Pascarehabilitasi Mei-Okt 2024', 16, ['urine_test', 'group_meeting'], true],
      ['Pascarehabilitasi Nov-Des 2024', 5, ['home_visit', 'urine_test', 'group_meeting'], true],
      ['Pascarehabilitasi Jan-Des 2025', 35, ['home_visit', 'urine_test', 'group_meeting'], true],
    ]);
    expect(p.counts.clients.new).toBe(56);
    const statuses = parsed.file.enrollments.map((e) => e.status);
    expect(statuses.filter((s) => s === 'dropped_out')).toHaveLength(6);
    expect(statuses.filter((s) => s === 'transferred')).toHaveLength(1);
    expect(parsed.file.outcomes.map((o) => o.body.type).sort()).toEqual(
      [
        'parole_revoked',
        'rearrest',
        'rearrest',
        'relapse',
        'relapse',
        'relapse',
        'relapse',
        'relapse',
      ].sort(),
    );
  });
});

describe('reading cells', () => {
  const date = { key: 'd', heading: 'Tanggal', kind: 'date' as const, help: '' };
  const nik = { key: 'n', heading: 'NIK', kind: 'digits' as const, help: '' };

  it('takes YYYY-MM-DD, DD/MM/YYYY, Excel dates and serial days, and refuses dates that do not exist', () => {
    expect(readCell(date, '2024-05-13')).toEqual({ value: '2024-05-13' });
    expect(readCell(date, '13/5/2024')).toEqual({ value: '2024-05-13' });
    expect(readCell(date, new Date(Date.UTC(2024, 4, 13)))).toEqual({ value: '2024-05-13' });
    // Excel's serial day 45425 is 2024-05-13 (days from 1899-12-30).
    expect(readCell(date, 45425)).toEqual({ value: '2024-05-13' });
    expect(readCell(date, '2025-02-30')).toHaveProperty('error');
    expect(readCell(date, '05/13/2024')).toHaveProperty('error');
  });

  it('refuses a NIK typed as a number (Excel keeps 15 digits) and keeps one typed as text', () => {
    expect(readCell(nik, 3374011705900003)).toEqual({
      error: 'Ketik sebagai teks (format sel Teks): sebagai angka, digit bisa hilang.',
    });
    expect(readCell(nik, '3374011705900003')).toEqual({ value: '3374011705900003' });
  });

  it('reads coded words by label, code or alias, whatever the case and spacing', () => {
    const type = { key: 't', heading: 'Jenis', kind: 'words' as const, values: ACTIVITY_VALUES, help: '' };
    expect(readCell(type, ' tes  URINE, home_visit;Pertemuan kelompok ')).toEqual({
      value: ['urine_test', 'home_visit', 'group_meeting'],
    });
    expect(readCell(type, 'Sauna')).toEqual({
      error: '"Sauna" tidak dikenal. Pilih: Kunjungan rumah, Tes urine, Pertemuan kelompok, Konseling.',
    });
  });
});
