import { createHash } from 'node:crypto';
import { canManagePeriod, canWriteClient } from '../domain/access';
import type { Actor } from '../domain/actor';
import { checkEnrollment, type ExistingEnrollment, periodCreationRefusal } from '../domain/periods';
import {
  applyActivity,
  EMPTY_STATE,
  nextExpected,
  type ProtocolState,
  protocolMessage,
  protocolRefusal,
} from '../domain/protocol';
import { checkTransition, type EnrollmentDates, recordDateRefusal } from '../domain/records';
import { Refusal } from '../domain/refusal';
import { scoreUrica, scoreWhoqolBref } from '../domain/scoring';
import { type ActivityType, FINAL_STATUSES, type Instrument } from '../domain/vocabulary';
import { headingOf, SHEET_KEYS, type SheetKey, sheetOf } from './layout';
import type {
  ActivityRow,
  ClientRow,
  CreateActivity,
  CreateAssessment,
  CreateOutcome,
  EnrollmentRow,
  ParsedFile,
  PeriodRow,
  Ref,
} from './rows';
import type { ImportError } from './workbook';

/**
 * The import plan: every row of a parsed workbook judged against what is stored (the "world")
 * by the API's own domain rules, in the order the rows would be written, without writing. The
 * same plan drives validation (its errors) and application (its operations, run through the
 * API's use cases). Pure: the service loads the world; tests pass plain values.
 *
 * Order: periods, clients, enrollments and status changes by date (so capacity and the overlap
 * rule see places freed by dropouts like the API would), activities and group meetings by date
 * (on one date, the step each enrollment's protocol expects first), assessments, outcomes, and
 * last the periods to close.
 */

/** Stored facts the plan needs (loaded by the service for the file's keys). */
export interface PeriodFacts {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  capacity: number;
  enrolledCount: number;
  offices: string[];
  protocol: { opening: ActivityType[]; cadenceDays: Partial<Record<ActivityType, number>> };
  instruments: Instrument[];
  closedAt?: string | undefined;
  historical?: boolean | undefined;
}
export interface ClientFacts {
  id: string;
  office: string;
  fullName: string;
}
export interface EnrollmentFacts extends EnrollmentDates {
  id: string;
  periodId: string;
  clientId: string;
  protocolState: ProtocolState;
}
export interface World {
  actor: Actor;
  today: string;
  /** Stored periods by identity key (periodKey). */
  periods: ReadonlyMap<string, PeriodFacts>;
  /** Stored clients by clientKey. */
  clients: ReadonlyMap<string, ClientFacts>;
  /** Stored enrollments of those clients, by client id. */
  enrollmentsOfClient: ReadonlyMap<string, readonly EnrollmentFacts[]>;
  /** Row guards that exist: rows applied before (by any import). */
  guards: ReadonlySet<string>;
}

/** A period's identity across files and systems: name, dates and offices. */
export function periodKey(p: {
  name: string;
  startDate: string;
  endDate: string;
  offices: readonly string[];
}): string {
  return [p.name.trim(), p.startDate, p.endDate, [...p.offices].sort().join(',')].join('|');
}
/** A client's identity: office and registration number (case and spacing ignored). */
export function clientKey(office: string, registrationNumber: string): string {
  return `${office}|${registrationNumber.trim().replace(/\s+/g, ' ').toUpperCase()}`;
}

export type Op =
  | {
      kind: 'period';
      sheet: 'periods';
      row: number;
      code: string;
      body: PeriodRow['body'] & { historical?: true };
    }
  | { kind: 'client'; sheet: 'clients'; row: number; key: string; body: ClientRow['body'] }
  | { kind: 'enroll'; sheet: 'enrollments'; row: number; period: string; client: string; enrolledOn: string }
  | {
      kind: 'status';
      sheet: 'enrollments';
      row: number;
      period: string;
      client: string;
      status: 'completed' | 'dropped_out' | 'transferred';
      date: string;
      reason?: string | undefined;
    }
  | {
      kind: 'activity';
      sheet: 'activities';
      row: number;
      period: string;
      client: string;
      body: CreateActivity;
      guard: string;
    }
  | {
      kind: 'meeting';
      sheet: 'activities';
      row: number;
      rows: number[];
      period: string;
      clients: string[];
      date: string;
      topic: string;
      facilitator?: string | undefined;
      guard: string;
    }
  | {
      kind: 'assessment';
      sheet: 'assessments';
      row: number;
      period: string;
      client: string;
      body: CreateAssessment;
      guard: string;
    }
  | {
      kind: 'outcome';
      sheet: 'outcomes';
      row: number;
      period: string;
      client: string;
      body: CreateOutcome;
      guard: string;
    }
  | { kind: 'close'; sheet: 'periods'; row: number; period: string };

export interface SheetCounts {
  /** Rows read (examples and empty rows left out). */
  rows: number;
  /** Rows that will write (validation) or wrote (application). */
  new: number;
  /** Rows already stored: skipped. */
  existing: number;
  /** Rows with at least one error. */
  invalid: number;
}

export interface Plan {
  ops: Op[];
  errors: ImportError[];
  counts: Record<SheetKey, SheetCounts>;
  /** Period code -> the stored period (when it exists). */
  periodIds: Map<string, string>;
  /** clientKey -> the stored client id (when it exists). */
  clientIds: Map<string, string>;
  /** `${periodCode}|${clientKey}` -> the stored enrollment id (when it exists). */
  enrollmentIds: Map<string, string>;
  /** Period code -> its identity key. */
  periodKeys: Map<string, string>;
}

/** The guard item key of a record row: what it is and whose, and which of identical rows. */
export function rowGuard(parts: readonly unknown[]): string {
  return createHash('sha256').update(canonical(parts)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value;
    return `{${Object.keys(o)
      .filter((k) => Reflect.get(o, k) !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(Reflect.get(o, k))}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The meeting a group meeting row belongs to: its code, or its date and topic. */
export function meetingKey(a: Extract<ActivityRow, { kind: 'meeting' }>): string {
  return `${a.ref.period}|${a.meeting ?? `${a.date}|${a.topic}`}`;
}

/**
 * The guard of every record row and meeting of the file, from the file alone (so that the
 * service can read which exist before planning): `<sheet>:<row>` for activities, assessments
 * and outcomes, `meeting:<meetingKey>` for a group meeting. What a row is (its sheet, period
 * identity, client and fields) and which of identical rows it is (1st, 2nd, ...) make the key.
 */
export function guardsOf(file: ParsedFile): Map<string, string> {
  const periodKeys = new Map(file.periods.map((p) => [p.code, periodKey(p.body)]));
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  const add = (sheet: SheetKey, row: number, ref: Ref, body: unknown) => {
    const identity = canonical([
      sheet,
      periodKeys.get(ref.period) ?? ref.period,
      clientKey(ref.office, ref.registrationNumber),
      body,
    ]);
    const n = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, n);
    out.set(`${sheet}:${row}`, rowGuard([identity, n]));
  };
  for (const a of file.activities) {
    if (a.kind === 'activity') add('activities', a.row, a.ref, a.body);
    else {
      const key = meetingKey(a);
      if (!out.has(`meeting:${key}`)) {
        out.set(
          `meeting:${key}`,
          rowGuard([
            'meeting',
            periodKeys.get(a.ref.period) ?? a.ref.period,
            a.meeting ?? '',
            a.date,
            a.topic,
          ]),
        );
      }
    }
  }
  for (const a of file.assessments) add('assessments', a.row, a.ref, a.body);
  for (const o of file.outcomes) add('outcomes', o.row, o.ref, o.body);
  return out;
}

/** The plan of a parsed file against `world`; `errors` holds what the rows got wrong. */
export function planImport(file: ParsedFile, world: World, rowErrors: readonly ImportError[] = []): Plan {
  return new Planner(file, world, rowErrors).plan();
}

interface SimPeriod extends PeriodFacts {
  code: string;
  row: number;
  stored: boolean;
}
interface SimEnrollment {
  key: string;
  /** The stored enrollment's id (stored enrollments only). */
  id?: string;
  period: SimPeriod;
  clientKey: string;
  clientId: string | undefined;
  office: string;
  dates: EnrollmentDates;
  state: ProtocolState;
  stored: boolean;
}

class Planner {
  private readonly errors: ImportError[];
  private readonly invalidRows = new Map<SheetKey, Set<number>>();
  private readonly existingRows = new Map<SheetKey, Set<number>>();
  private readonly newRows = new Map<SheetKey, Set<number>>();
  private readonly ops: Op[] = [];
  private readonly periods = new Map<string, SimPeriod>();
  private readonly clients = new Map<string, { office: string; id: string | undefined; row?: number }>();
  private readonly enrollments = new Map<string, SimEnrollment>();
  private readonly closing: Op[] = [];
  private readonly guards: Map<string, string>;
  /** Enrollments (keys) whose creation is planned. */
  private readonly enrolling = new Set<string>();

  constructor(
    private readonly file: ParsedFile,
    private readonly world: World,
    rowErrors: readonly ImportError[],
  ) {
    this.errors = [...rowErrors];
    this.guards = guardsOf(file);
    for (const e of rowErrors) this.rowsOf(this.invalidRows, sheetKeyOf(e.sheet)).add(e.row);
  }

  private rowsOf(map: Map<SheetKey, Set<number>>, sheet: SheetKey): Set<number> {
    const existing = map.get(sheet);
    if (existing) return existing;
    const set = new Set<number>();
    map.set(sheet, set);
    return set;
  }

  private fail(sheet: SheetKey, row: number, column: string, message: string) {
    this.errors.push({ sheet: sheetOf(sheet).name, row, column: headingOf(sheet, column), message });
    this.rowsOf(this.invalidRows, sheet).add(row);
  }

  private refused(sheet: SheetKey, row: number, column: string, refusal: Refusal) {
    const detail = refusal.details.map((d) => d.message).join(' ');
    this.fail(
      sheet,
      row,
      column,
      [refusal.specificMessage, detail].filter(Boolean).join(' ') || refusal.code,
    );
  }

  private emit(op: Op, rows: readonly number[] = [op.row]) {
    this.ops.push(op);
    for (const r of rows) this.rowsOf(this.newRows, op.sheet).add(r);
  }

  private existing(sheet: SheetKey, row: number) {
    this.rowsOf(this.existingRows, sheet).add(row);
  }

  plan(): Plan {
    this.planPeriods();
    this.planClients();
    this.planEnrollments();
    this.planActivities();
    this.planAssessments();
    this.planOutcomes();
    this.ops.push(...this.closing);
    const countOf = (key: SheetKey): SheetCounts => {
      const invalid = this.rowsOf(this.invalidRows, key);
      const rows = new Set([...this.rowNumbers(key), ...invalid]);
      return {
        rows: rows.size,
        new: [...this.rowsOf(this.newRows, key)].filter((r) => !invalid.has(r)).length,
        existing: [...this.rowsOf(this.existingRows, key)].filter((r) => !invalid.has(r)).length,
        invalid: invalid.size,
      };
    };
    const counts: Record<SheetKey, SheetCounts> = {
      periods: countOf('periods'),
      clients: countOf('clients'),
      enrollments: countOf('enrollments'),
      activities: countOf('activities'),
      assessments: countOf('assessments'),
      outcomes: countOf('outcomes'),
    };
    const periodIds = new Map<string, string>();
    const periodKeys = new Map<string, string>();
    for (const p of this.periods.values()) {
      if (p.stored) periodIds.set(p.code, p.id);
      periodKeys.set(p.code, periodKey(p));
    }
    const clientIds = new Map<string, string>();
    for (const [k, c] of this.clients) if (c.id) clientIds.set(k, c.id);
    const enrollmentIds = new Map<string, string>();
    for (const [k, e] of this.enrollments)
      if (e.stored && e.dates && 'id' in e) enrollmentIds.set(k, String(e.id));
    return {
      ops: this.ops,
      errors: this.errors.sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row),
      counts,
      periodIds,
      clientIds,
      enrollmentIds,
      periodKeys,
    };
  }

  private rowNumbers(key: SheetKey): number[] {
    const rows: Array<{ row: number }> = this.file[key];
    return rows.map((r) => r.row);
  }

  // --- periods ---------------------------------------------------------------------------

  private planPeriods() {
    for (const p of this.file.periods) {
      if (this.periods.has(p.code)) {
        this.fail('periods', p.row, 'code', `Kode ${p.code} sudah dipakai di baris lain.`);
        continue;
      }
      const key = periodKey(p.body);
      const stored = this.world.periods.get(key);
      if (stored) {
        if (!samePeriod(stored, p.body)) {
          this.fail(
            'periods',
            p.row,
            'name',
            'Periode dengan nama, tanggal dan kantor ini sudah ada dengan isi lain (kapasitas, protokol atau instrumen).',
          );
          continue;
        }
        this.periods.set(p.code, { ...stored, code: p.code, row: p.row, stored: true });
        this.existing('periods', p.row);
        if (p.closed && stored.closedAt === undefined)
          this.closing.push({ kind: 'close', sheet: 'periods', row: p.row, period: p.code });
        continue;
      }
      if (!canManagePeriod(this.world.actor, p.body)) {
        this.fail('periods', p.row, 'offices', 'Anda tidak dapat membuat periode untuk kantor ini.');
        continue;
      }
      const historical = p.body.endDate < this.world.today;
      const refusal = periodCreationRefusal({ ...p.body, historical }, this.world.today);
      if (refusal) {
        this.refused('periods', p.row, 'endDate', refusal);
        continue;
      }
      this.periods.set(p.code, {
        ...p.body,
        id: '',
        enrolledCount: 0,
        protocol: { opening: p.body.protocol.opening, cadenceDays: p.body.protocol.cadenceDays ?? {} },
        historical,
        code: p.code,
        row: p.row,
        stored: false,
      });
      this.emit({
        kind: 'period',
        sheet: 'periods',
        row: p.row,
        code: p.code,
        body: { ...p.body, ...(historical ? { historical: true as const } : {}) },
      });
      if (p.closed) this.closing.push({ kind: 'close', sheet: 'periods', row: p.row, period: p.code });
    }
  }

  // --- clients ---------------------------------------------------------------------------

  private planClients() {
    for (const c of this.file.clients) {
      const key = clientKey(c.body.office, c.body.registrationNumber);
      if (this.clients.has(key)) {
        this.fail(
          'clients',
          c.row,
          'registrationNumber',
          'Nomor registrasi ini sudah ada di baris lain untuk kantor yang sama.',
        );
        continue;
      }
      const stored = this.world.clients.get(key);
      if (stored) {
        if (normName(stored.fullName) !== normName(c.body.fullName)) {
          this.fail(
            'clients',
            c.row,
            'fullName',
            'Nomor registrasi ini sudah dipakai klien lain (nama berbeda) di kantor ini.',
          );
          continue;
        }
        this.clients.set(key, { office: stored.office, id: stored.id });
        this.existing('clients', c.row);
        continue;
      }
      if (!canWriteClient(this.world.actor, c.body)) {
        this.fail('clients', c.row, 'office', 'Anda tidak dapat mendaftarkan klien kantor ini.');
        continue;
      }
      this.clients.set(key, { office: c.body.office, id: undefined, row: c.row });
      this.emit({ kind: 'client', sheet: 'clients', row: c.row, key, body: c.body });
    }
  }

  /** The client of a row: in the file or stored, or undefined (reported at the row). */
  private clientOf(sheet: SheetKey, row: number, ref: Ref) {
    const key = clientKey(ref.office, ref.registrationNumber);
    let client = this.clients.get(key);
    if (!client) {
      const stored = this.world.clients.get(key);
      if (stored) {
        client = { office: stored.office, id: stored.id };
        this.clients.set(key, client);
      }
    }
    if (!client)
      this.fail(sheet, row, 'registrationNumber', 'Klien tidak ada di lembar Klien maupun di sistem.');
    return client ? { key, ...client } : undefined;
  }

  private periodOf(sheet: SheetKey, row: number, code: string): SimPeriod | undefined {
    const period = this.periods.get(code);
    if (!period)
      this.fail(
        sheet,
        row,
        'period',
        `Kode periode ${code} tidak ada di lembar Periode (atau barisnya salah).`,
      );
    return period;
  }

  // --- enrollments and status changes ------------------------------------------------------

  private planEnrollments() {
    type Event = {
      date: string;
      order: number;
      row: EnrollmentRow;
      e: SimEnrollment;
      kind: 'enroll' | 'status';
    };
    const events: Event[] = [];
    for (const r of this.file.enrollments) {
      const period = this.periodOf('enrollments', r.row, r.ref.period);
      const client = this.clientOf('enrollments', r.row, r.ref);
      if (!period || !client) continue;
      const key = `${r.ref.period}|${client.key}`;
      if (this.enrollments.has(key)) {
        this.fail(
          'enrollments',
          r.row,
          'registrationNumber',
          'Klien ini sudah terdaftar di periode ini pada baris lain.',
        );
        continue;
      }
      const stored = client.id
        ? this.world.enrollmentsOfClient
            .get(client.id)
            ?.find((e) => period.stored && e.periodId === period.id)
        : undefined;
      const e: SimEnrollment = {
        key,
        period,
        clientKey: client.key,
        clientId: client.id,
        office: client.office,
        dates: stored
          ? {
              enrolledOn: stored.enrolledOn,
              periodStart: stored.periodStart,
              periodEnd: stored.periodEnd,
              status: stored.status,
              statusDate: stored.statusDate,
            }
          : {
              enrolledOn: r.enrolledOn,
              periodStart: period.startDate,
              periodEnd: period.endDate,
              status: 'active',
            },
        state: stored ? stored.protocolState : EMPTY_STATE,
        stored: stored !== undefined,
        ...(stored ? { id: stored.id } : {}),
      };
      this.enrollments.set(key, e);
      if (stored) {
        this.existing('enrollments', r.row);
        if (r.status === 'active' || stored.status === r.status) continue;
        if (stored.status !== 'active') {
          this.fail(
            'enrollments',
            r.row,
            'status',
            `Di sistem statusnya sudah ${stored.status}; tidak diubah oleh impor.`,
          );
          continue;
        }
      } else {
        events.push({ date: r.enrolledOn, order: 1, row: r, e, kind: 'enroll' });
      }
      if (r.status !== 'active' && r.statusDate)
        events.push({ date: r.statusDate, order: 0, row: r, e, kind: 'status' });
    }
    // A place freed on a day is free for an enrollment of that day.
    events.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order || a.row.row - b.row.row);
    const failed = new Set<string>();
    for (const ev of events) {
      const { e, row: r } = ev;
      if (failed.has(e.key)) continue;
      if (ev.kind === 'enroll') {
        try {
          checkEnrollment({
            period: { ...e.period, id: e.period.code },
            clientOffice: e.office,
            enrolledOn: r.enrolledOn,
            today: this.world.today,
            existing: this.otherEnrollments(e),
          });
        } catch (err) {
          if (!(err instanceof Refusal)) throw err;
          this.refused(
            'enrollments',
            r.row,
            err.code === 'date_outside_period' ? 'enrolledOn' : 'registrationNumber',
            err,
          );
          failed.add(e.key);
          this.enrollments.delete(e.key);
          continue;
        }
        e.period.enrolledCount += 1;
        this.enrolling.add(e.key);
        this.emit({
          kind: 'enroll',
          sheet: 'enrollments',
          row: r.row,
          period: r.ref.period,
          client: e.clientKey,
          enrolledOn: r.enrolledOn,
        });
        continue;
      }
      const status = FINAL_STATUSES.find((s) => s === r.status);
      if (!status) continue;
      const date = ev.date;
      try {
        const { freesPlace } = checkTransition(e.dates.status, status);
        const refusal = recordDateRefusal('status', date, e.dates, this.world.today);
        if (refusal) throw refusal;
        if (date < e.dates.enrolledOn) throw new Refusal('date_outside_period');
        if (freesPlace) e.period.enrolledCount -= 1;
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        this.refused('enrollments', r.row, 'statusDate', err);
        failed.add(e.key);
        continue;
      }
      e.dates = { ...e.dates, status, statusDate: date };
      this.emit({
        kind: 'status',
        sheet: 'enrollments',
        row: r.row,
        period: r.ref.period,
        client: e.clientKey,
        status,
        date,
        reason: r.statusReason,
      });
    }
  }

  /** The client's other enrollments the overlap rule sees now (stored and planned). */
  private otherEnrollments(e: SimEnrollment): ExistingEnrollment[] {
    const out: ExistingEnrollment[] = [];
    const planned = new Set<string>();
    for (const other of this.enrollments.values()) {
      if (other === e || other.clientKey !== e.clientKey) continue;
      if (other.stored || this.isEmitted(other)) {
        out.push({
          periodId: other.period.code,
          status: other.dates.status,
          periodStart: other.period.startDate,
          periodEnd: other.period.endDate,
        });
        if (other.stored) planned.add(other.period.id);
      }
    }
    for (const s of e.clientId ? (this.world.enrollmentsOfClient.get(e.clientId) ?? []) : []) {
      if (planned.has(s.periodId)) continue;
      out.push({
        periodId: s.periodId,
        status: s.status,
        periodStart: s.periodStart,
        periodEnd: s.periodEnd,
      });
    }
    return out;
  }

  private isEmitted(e: SimEnrollment): boolean {
    return this.enrolling.has(e.key);
  }

  /** The enrollment a record row is for (in the file's enrollments, or stored). */
  private enrollmentOf(sheet: SheetKey, row: number, ref: Ref): SimEnrollment | undefined {
    if (!this.periods.has(ref.period)) {
      this.periodOf(sheet, row, ref.period);
      return undefined;
    }
    const key = `${ref.period}|${clientKey(ref.office, ref.registrationNumber)}`;
    const e = this.enrollments.get(key);
    if (!e) {
      this.fail(
        sheet,
        row,
        'registrationNumber',
        'Pendaftaran klien ini di periode ini tidak ada di lembar Pendaftaran (atau barisnya salah).',
      );
    }
    return e;
  }

  private guardOf(sheet: SheetKey, row: number): string {
    const guard = this.guards.get(`${sheet}:${row}`);
    if (!guard) throw new Error(`no guard for ${sheet} row ${row}`);
    return guard;
  }

  // --- activities and group meetings ------------------------------------------------------

  private planActivities() {
    type Item = {
      rows: number[];
      first: number;
      date: string;
      type: ActivityType;
      enrollments: SimEnrollment[];
      op: Op;
    };
    const pending: Item[] = [];
    const meetings = new Map<
      string,
      { rows: Array<Extract<ActivityRow, { kind: 'meeting' }>>; enrollments: SimEnrollment[] }
    >();
    for (const a of this.file.activities) {
      const e = this.enrollmentOf('activities', a.row, a.ref);
      if (!e) continue;
      if (a.kind === 'meeting') {
        const key = meetingKey(a);
        const m = meetings.get(key) ?? { rows: [], enrollments: [] };
        if (m.enrollments.includes(e)) {
          this.fail(
            'activities',
            a.row,
            'registrationNumber',
            'Klien ini sudah tercatat hadir di pertemuan ini pada baris lain.',
          );
          continue;
        }
        const first = m.rows[0];
        if (first && (first.date !== a.date || first.topic !== a.topic)) {
          this.fail(
            'activities',
            a.row,
            'meeting',
            `Satu kode pertemuan, satu tanggal dan topik (baris ${first.row}: ${first.date}, ${first.topic}).`,
          );
          continue;
        }
        if (m.rows.length >= 90) {
          this.fail('activities', a.row, 'meeting', 'Satu pertemuan paling banyak 90 peserta.');
          continue;
        }
        m.rows.push(a);
        m.enrollments.push(e);
        meetings.set(key, m);
        continue;
      }
      const guard = this.guardOf('activities', a.row);
      if (this.world.guards.has(guard)) {
        this.existing('activities', a.row);
        continue;
      }
      const dateRefusal = recordDateRefusal('activity', a.body.date, e.dates, this.world.today);
      if (dateRefusal) {
        this.refused('activities', a.row, 'date', dateRefusal);
        continue;
      }
      pending.push({
        rows: [a.row],
        first: a.row,
        date: a.body.date,
        type: a.body.type,
        enrollments: [e],
        op: {
          kind: 'activity',
          sheet: 'activities',
          row: a.row,
          period: a.ref.period,
          client: e.clientKey,
          body: a.body,
          guard,
        },
      });
    }
    for (const [key, m] of meetings) {
      const first = m.rows[0];
      if (!first) continue;
      const guard = this.guards.get(`meeting:${key}`) ?? '';
      if (this.world.guards.has(guard)) {
        for (const r of m.rows) this.existing('activities', r.row);
        continue;
      }
      let ok = true;
      m.rows.forEach((r, i) => {
        const e = m.enrollments[i];
        const refusal = e ? recordDateRefusal('activity', r.date, e.dates, this.world.today) : null;
        if (refusal) {
          this.refused('activities', r.row, 'date', refusal);
          ok = false;
        }
      });
      if (!ok) continue;
      pending.push({
        rows: m.rows.map((r) => r.row),
        first: first.row,
        date: first.date,
        type: 'group_meeting',
        enrollments: m.enrollments,
        op: {
          kind: 'meeting',
          sheet: 'activities',
          row: first.row,
          rows: m.rows.map((r) => r.row),
          period: first.ref.period,
          clients: m.enrollments.map((e) => e.clientKey),
          date: first.date,
          topic: first.topic,
          facilitator: first.facilitator,
          guard,
        },
      });
    }
    pending.sort((a, b) => a.date.localeCompare(b.date) || a.first - b.first);
    // Day by day: repeatedly take the first item that fits every enrollment's protocol now
    // (an expected opening step fits before another activity of the day would).
    let i = 0;
    while (i < pending.length) {
      const date = pending[i]?.date;
      let end = i;
      while (end < pending.length && pending[end]?.date === date) end++;
      const day = pending.slice(i, end);
      let progress = true;
      while (day.length > 0 && progress) {
        progress = false;
        const expectedFirst = day.findIndex((item) =>
          item.enrollments.every(
            (e) => nextExpected(e.period.protocol.opening, e.state) === item.type && this.fits(e, item),
          ),
        );
        const index =
          expectedFirst >= 0
            ? expectedFirst
            : day.findIndex((item) => item.enrollments.every((e) => this.fits(e, item)));
        if (index < 0) break;
        const [item] = day.splice(index, 1);
        if (!item) break;
        for (const e of item.enrollments) {
          e.state = applyActivity(e.period.protocol.opening, e.state, {
            type: item.type,
            date: item.date,
            id: String(item.first),
          });
        }
        this.emit(item.op, item.rows);
        progress = true;
      }
      for (const item of day) {
        item.enrollments.forEach((e, k) => {
          const refusal = protocolRefusal(e.period.protocol.opening, e.state, item.type, item.date);
          if (refusal) this.fail('activities', item.rows[k] ?? item.first, 'type', protocolMessage(refusal));
        });
      }
      i = end;
    }
  }

  private fits(e: SimEnrollment, item: { type: ActivityType; date: string }): boolean {
    return protocolRefusal(e.period.protocol.opening, e.state, item.type, item.date) === null;
  }

  // --- assessments and outcomes ------------------------------------------------------------

  private planAssessments() {
    for (const a of this.file.assessments) {
      const e = this.enrollmentOf('assessments', a.row, a.ref);
      if (!e) continue;
      const guard = this.guardOf('assessments', a.row);
      if (this.world.guards.has(guard)) {
        this.existing('assessments', a.row);
        continue;
      }
      if (!e.period.instruments.includes(a.body.instrument)) {
        this.fail('assessments', a.row, 'instrument', 'Instrumen ini tidak dipakai dalam periode.');
        continue;
      }
      const scored =
        a.body.instrument === 'whoqol-bref'
          ? scoreWhoqolBref(a.body.responses)
          : scoreUrica(a.body.responses);
      if (!scored.ok) {
        const m = scored.missing
          .map((x) => `${x.scope}: ${x.answered} terjawab, minimal ${x.required}`)
          .join('; ');
        this.fail('assessments', a.row, 'q1', `Terlalu banyak jawaban kosong (${m}).`);
        continue;
      }
      const refusal = recordDateRefusal('assessment', a.body.date, e.dates, this.world.today);
      if (refusal) {
        this.refused('assessments', a.row, 'date', refusal);
        continue;
      }
      this.emit({
        kind: 'assessment',
        sheet: 'assessments',
        row: a.row,
        period: a.ref.period,
        client: e.clientKey,
        body: a.body,
        guard,
      });
    }
  }

  private planOutcomes() {
    for (const o of this.file.outcomes) {
      const e = this.enrollmentOf('outcomes', o.row, o.ref);
      if (!e) continue;
      const guard = this.guardOf('outcomes', o.row);
      if (this.world.guards.has(guard)) {
        this.existing('outcomes', o.row);
        continue;
      }
      const refusal = recordDateRefusal('outcome', o.body.date, e.dates, this.world.today);
      if (refusal) {
        this.refused('outcomes', o.row, 'date', refusal);
        continue;
      }
      this.emit({
        kind: 'outcome',
        sheet: 'outcomes',
        row: o.row,
        period: o.ref.period,
        client: e.clientKey,
        body: o.body,
        guard,
      });
    }
  }
}

function samePeriod(stored: PeriodFacts, body: PeriodRow['body']): boolean {
  return (
    stored.capacity === body.capacity &&
    canonical(stored.protocol.opening) === canonical(body.protocol.opening) &&
    canonical(stored.protocol.cadenceDays) === canonical(body.protocol.cadenceDays ?? {}) &&
    canonical([...stored.instruments].sort()) === canonical([...body.instruments].sort())
  );
}

function normName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function sheetKeyOf(name: string): SheetKey {
  return SHEET_KEYS.find((k) => sheetOf(k).name === name) ?? 'periods';
}

function sheetOrder(name: string): number {
  return SHEET_KEYS.indexOf(sheetKeyOf(name));
}
