import type * as z from 'zod/mini';
import { issueDetails } from '../api/issues';
import { createClientBody } from '../api/schemas/clients';
import { createPeriodBody } from '../api/schemas/periods';
import { createActivityBody, createAssessmentBody, createOutcomeBody } from '../api/schemas/records';
import { isCalendarDate } from '../domain/dates';
import {
  ACTIVITY_TYPES,
  type ActivityType,
  ENROLLMENT_STATUSES,
  ITEM_COUNTS,
  SUBSTANCES,
} from '../domain/vocabulary';
import { type Column, headingOf, type SheetKey, sheetOf } from './layout';
import { codeOf, wordsOf } from './values';
import type { CellValue, ImportError, RawRow } from './workbook';

/**
 * Workbook rows into the API's own request bodies: each cell is read by its column's kind,
 * then the body is judged by the same zod schema the route uses (so an import accepts exactly
 * what the API accepts), and every problem is reported at its sheet, row and column.
 */
type CreatePeriod = z.output<typeof createPeriodBody>;
type CreateClient = z.output<typeof createClientBody>;
export type CreateActivity = z.output<typeof createActivityBody>;
export type CreateAssessment = z.output<typeof createAssessmentBody>;
export type CreateOutcome = z.output<typeof createOutcomeBody>;

/** A row's enrollment: period code of the file, office, registration number. */
export interface Ref {
  period: string;
  office: string;
  registrationNumber: string;
}

export interface PeriodRow {
  row: number;
  code: string;
  body: Omit<CreatePeriod, 'historical'>;
  closed: boolean;
}
export interface ClientRow {
  row: number;
  body: CreateClient;
}
export interface EnrollmentRow {
  row: number;
  ref: Ref;
  enrolledOn: string;
  status: 'active' | 'completed' | 'dropped_out' | 'transferred';
  statusDate?: string | undefined;
  statusReason?: string | undefined;
}
export type ActivityRow =
  | { row: number; ref: Ref; kind: 'activity'; body: CreateActivity }
  | {
      row: number;
      ref: Ref;
      kind: 'meeting';
      date: string;
      topic: string;
      facilitator?: string | undefined;
      meeting?: string | undefined;
    };
export interface AssessmentRow {
  row: number;
  ref: Ref;
  body: CreateAssessment;
}
export interface OutcomeRow {
  row: number;
  ref: Ref;
  body: CreateOutcome;
}

export interface ParsedFile {
  periods: PeriodRow[];
  clients: ClientRow[];
  enrollments: EnrollmentRow[];
  activities: ActivityRow[];
  assessments: AssessmentRow[];
  outcomes: OutcomeRow[];
}

type Value = string | number | string[];

/** Reads one cell by its column's kind; a message when it cannot be read. */
export function readCell(column: Column, raw: CellValue): { value: Value } | { error: string } {
  switch (column.kind) {
    case 'text':
      return { value: raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).trim() };
    case 'digits':
      if (typeof raw === 'number')
        return { error: 'Ketik sebagai teks (format sel Teks): sebagai angka, digit bisa hilang.' };
      return { value: String(raw).trim() };
    case 'int': {
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)
            ? Number(raw)
            : Number.NaN;
      return Number.isInteger(n) ? { value: n } : { error: 'Harus bilangan bulat.' };
    }
    case 'date': {
      const date = dateOf(raw);
      return date ? { value: date } : { error: 'Tanggal tidak valid; tulis YYYY-MM-DD (mis. 2024-05-13).' };
    }
    case 'word': {
      const code = column.values ? codeOf(column.values, String(raw)) : undefined;
      return code
        ? { value: code }
        : { error: `Nilai tidak dikenal. Pilih: ${wordsOf(column.values ?? { labels: {} })}.` };
    }
    case 'words': {
      const words = String(raw)
        .split(/[,;]/)
        .map((w) => w.trim())
        .filter(Boolean);
      const codes: string[] = [];
      for (const w of words) {
        const code = column.values ? codeOf(column.values, w) : undefined;
        if (!code)
          return { error: `"${w}" tidak dikenal. Pilih: ${wordsOf(column.values ?? { labels: {} })}.` };
        codes.push(code);
      }
      return { value: codes };
    }
  }
}

/** Excel serial days count from 1899-12-30 (the 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function dateOf(raw: CellValue): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 1 || raw > 100_000) return undefined;
    return new Date(EXCEL_EPOCH + raw * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(raw).trim();
  let iso = text;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) iso = `${dmy[3]}-${dmy[2]?.padStart(2, '0')}-${dmy[1]?.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

class RowReader {
  readonly values: Record<string, Value> = {};
  readonly errors: ImportError[] = [];
  constructor(
    private readonly sheet: SheetKey,
    readonly raw: RawRow,
  ) {
    for (const column of sheetOf(sheet).columns) {
      const cell = raw.cells[column.key];
      if (cell === undefined) {
        if (column.required) this.fail(column.key, 'Wajib diisi.');
        continue;
      }
      const read = readCell(column, cell);
      if ('error' in read) this.fail(column.key, read.error);
      else this.values[column.key] = read.value;
    }
  }

  fail(column: string, message: string) {
    this.errors.push({
      sheet: sheetOf(this.sheet).name,
      row: this.raw.row,
      column: headingOf(this.sheet, column),
      message,
    });
  }

  text(key: string): string | undefined {
    const v = this.values[key];
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  }
  int(key: string): number | undefined {
    const v = this.values[key];
    return typeof v === 'number' ? v : undefined;
  }
  list(key: string): string[] | undefined {
    const v = this.values[key];
    return Array.isArray(v) ? v : undefined;
  }

  /** Judges `body` with the API's schema; problems are reported at the columns `columnOf` names. */
  judge<S extends z.ZodMiniType>(
    schema: S,
    body: unknown,
    columnOf: (path: string) => string,
  ): z.output<S> | undefined {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    // A cell that could not be read is already reported; the schema's view of it adds nothing.
    const failed = new Set(this.errors.map((e) => e.column));
    for (const d of issueDetails(result.error.issues)) {
      const column = columnOf(d.path);
      if (!failed.has(headingOf(this.sheet, column))) this.fail(column, d.message);
    }
    return undefined;
  }

  ref(): Ref | undefined {
    const period = this.text('period');
    const office = this.text('office');
    const registrationNumber = this.text('registrationNumber');
    return period && office && registrationNumber ? { period, office, registrationNumber } : undefined;
  }
}

function defined<T extends object>(o: T): T {
  const out = { ...o };
  for (const key of Object.keys(out))
    if (Reflect.get(out, key) === undefined) Reflect.deleteProperty(out, key);
  return out;
}

/** Body path -> column key: the first segment, unless a sheet maps it. */
const firstSegment =
  (map: Record<string, string> = {}) =>
  (path: string) => {
    if (map[path]) return map[path];
    const first = path.split('.')[0] ?? path;
    return map[first] ?? first;
  };

export function parseRows(rows: Record<SheetKey, RawRow[]>): { file: ParsedFile; errors: ImportError[] } {
  const file: ParsedFile = {
    periods: [],
    clients: [],
    enrollments: [],
    activities: [],
    assessments: [],
    outcomes: [],
  };
  const errors: ImportError[] = [];

  for (const raw of rows.periods) {
    const r = new RowReader('periods', raw);
    const cadenceDays: Partial<Record<ActivityType, number>> = {};
    for (const type of ACTIVITY_TYPES) {
      const days = r.int(`cadence_${type}`);
      if (days !== undefined) cadenceDays[type] = days;
    }
    const offices = r
      .text('offices')
      ?.split(/[,;]/)
      .map((o) => o.trim())
      .filter(Boolean);
    const body = r.judge(
      createPeriodBody,
      defined({
        name: r.text('name'),
        startDate: r.text('startDate'),
        endDate: r.text('endDate'),
        capacity: r.int('capacity'),
        offices,
        protocol: { opening: r.list('opening') ?? [], cadenceDays },
        instruments: r.list('instruments') ?? [],
      }),
      firstSegment({ protocol: 'opening', 'protocol.opening': 'opening' }),
    );
    const code = r.text('code');
    errors.push(...r.errors);
    if (body && code && r.errors.length === 0)
      file.periods.push({ row: raw.row, code, body, closed: r.values.closed === 'yes' });
  }

  for (const raw of rows.clients) {
    const r = new RowReader('clients', raw);
    const address = defined({
      street: r.text('street'),
      village: r.text('village'),
      district: r.text('district'),
      city: r.text('city'),
    });
    const body = r.judge(
      createClientBody,
      defined({
        office: r.text('office'),
        registrationNumber: r.text('registrationNumber'),
        fullName: r.text('fullName'),
        sex: r.text('sex'),
        birthDate: r.text('birthDate'),
        nik: r.text('nik'),
        phone: r.text('phone'),
        address: Object.keys(address).length > 0 ? address : undefined,
        legalStatus: r.text('legalStatus'),
        caseArticle: r.text('caseArticle'),
        supervisionStart: r.text('supervisionStart'),
        supervisionEnd: r.text('supervisionEnd'),
      }),
      (path) => (path.startsWith('address.') ? path.slice(8) : firstSegment()(path)),
    );
    errors.push(...r.errors);
    if (body && r.errors.length === 0) file.clients.push({ row: raw.row, body });
  }

  for (const raw of rows.enrollments) {
    const r = new RowReader('enrollments', raw);
    const ref = r.ref();
    const statusCode = r.text('status') ?? 'active';
    const status = ENROLLMENT_STATUSES.find((s) => s === statusCode) ?? 'active';
    const statusDate = r.text('statusDate');
    if (status !== 'active' && !statusDate) r.fail('statusDate', 'Wajib diisi bila status bukan Aktif.');
    if (status === 'active' && statusDate) r.fail('statusDate', 'Hanya untuk status selain Aktif.');
    const enrolledOn = r.text('enrolledOn');
    errors.push(...r.errors);
    if (ref && enrolledOn && r.errors.length === 0) {
      file.enrollments.push(
        defined({ row: raw.row, ref, enrolledOn, status, statusDate, statusReason: r.text('statusReason') }),
      );
    }
  }

  for (const raw of rows.activities) {
    const r = new RowReader('activities', raw);
    const ref = r.ref();
    const type = r.text('type');
    if (type === 'group_meeting') {
      const date = r.text('date');
      const topic = r.text('topic');
      if (!topic) r.fail('topic', 'Wajib diisi untuk pertemuan kelompok.');
      errors.push(...r.errors);
      if (ref && date && topic && r.errors.length === 0) {
        file.activities.push(
          defined({
            row: raw.row,
            ref,
            kind: 'meeting' as const,
            date,
            topic,
            facilitator: r.text('facilitator'),
            meeting: r.text('meeting'),
          }),
        );
      }
      continue;
    }
    const results: Record<string, string> = {};
    for (const s of SUBSTANCES) {
      const v = r.text(`result_${s}`);
      if (v) results[s] = v;
    }
    const fields: Record<string, unknown> =
      type === 'home_visit'
        ? {
            present: r.list('present'),
            livingSituation: r.text('livingSituation'),
            familySupport: r.int('familySupport'),
            riskFactors: r.list('riskFactors') ?? [],
            findings: r.text('findings'),
            followUp: r.text('followUp'),
          }
        : type === 'urine_test'
          ? { results, specimenId: r.text('specimenId') }
          : {
              counselor: r.text('counselor'),
              topic: r.text('topic'),
              durationMinutes: r.int('durationMinutes'),
            };
    const body = type
      ? r.judge(
          createActivityBody,
          defined({ type, date: r.text('date'), ...fields }),
          firstSegment({ results: 'result_methamphetamine' }),
        )
      : undefined;
    errors.push(...r.errors);
    if (ref && body && r.errors.length === 0)
      file.activities.push({ row: raw.row, ref, kind: 'activity', body });
  }

  for (const raw of rows.assessments) {
    const r = new RowReader('assessments', raw);
    const ref = r.ref();
    const instrument = r.text('instrument');
    const count = instrument === 'urica' ? ITEM_COUNTS.urica : ITEM_COUNTS['whoqol-bref'];
    const responses = Array.from({ length: count }, (_, i) => r.int(`q${i + 1}`) ?? null);
    for (let i = count; i < 32; i++) {
      if (r.values[`q${i + 1}`] !== undefined)
        r.fail(
          `q${i + 1}`,
          `${instrument === 'urica' ? 'URICA' : 'WHOQOL-BREF'} hanya punya ${count} butir.`,
        );
    }
    const body = r.judge(
      createAssessmentBody,
      defined({ instrument, phase: r.text('phase'), date: r.text('date'), responses }),
      (path) =>
        path.startsWith('responses.')
          ? `q${Number(path.split('.')[1]) + 1}`
          : firstSegment({ responses: 'q1' })(path),
    );
    errors.push(...r.errors);
    if (ref && body && r.errors.length === 0) file.assessments.push({ row: raw.row, ref, body });
  }

  for (const raw of rows.outcomes) {
    const r = new RowReader('outcomes', raw);
    const ref = r.ref();
    const body = r.judge(
      createOutcomeBody,
      defined({ type: r.text('type'), date: r.text('date'), note: r.text('note') }),
      firstSegment(),
    );
    errors.push(...r.errors);
    if (ref && body && r.errors.length === 0) file.outcomes.push({ row: raw.row, ref, body });
  }
  return { file, errors };
}
