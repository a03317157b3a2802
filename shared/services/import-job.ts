import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../aws';
import { config } from '../config';
import { findClientByRegistration } from '../data/entities/client';
import { enrollmentsOfClient } from '../data/entities/enrollment';
import {
  existingRowGuards,
  getImportRecord,
  type ImportRecord,
  type ImportState,
  importRowGuard,
  MAX_STORED_ERRORS,
  moveImport,
} from '../data/entities/import';
import { queryPeriods } from '../data/entities/period';
import { GuardExists } from '../data/write';
import type { Actor } from '../domain/actor';
import { todayIn } from '../domain/dates';
import { Refusal } from '../domain/refusal';
import { MAX_IMPORT_BYTES } from '../imports/constants';
import { SHEET_KEYS, type SheetKey, sheetOf } from '../imports/layout';
import {
  clientKey,
  type EnrollmentFacts,
  guardsOf,
  type Op,
  type PeriodFacts,
  type Plan,
  periodKey,
  planImport,
  type SheetCounts,
  type World,
} from '../imports/plan';
import { type ParsedFile, parseRows } from '../imports/rows';
import { type ImportError, readWorkbook, WorkbookRefused } from '../imports/workbook';
import { logger } from '../log';
import { createClient } from './clients';
import type { RequestContext } from './context';
import { createEnrollment, patchEnrollment } from './enrollments';
import { enqueue, type ImportJob } from './import-queue';
import { closePeriod } from './period-close';
import { createPeriod } from './periods';
import { createActivity, createAssessment, createGroupMeeting, createOutcome } from './records';

// --- the job ---------------------------------------------------------------------------------

/** How long one run may write before it hands the rest to the next run (a big file). */
export interface JobLimits {
  /** Epoch ms after which no new row is started. */
  deadline: number;
}

async function readObject(key: string): Promise<Uint8Array> {
  const head = await s3().send(new HeadObjectCommand({ Bucket: config().reportBucket, Key: key }));
  if ((head.ContentLength ?? 0) > MAX_IMPORT_BYTES) {
    throw new WorkbookRefused('Berkas lebih dari 20 MB; bagi menjadi beberapa berkas.');
  }
  const object = await s3().send(new GetObjectCommand({ Bucket: config().reportBucket, Key: key }));
  if (!object.Body) throw new WorkbookRefused('Berkas kosong.');
  return object.Body.transformToByteArray();
}

/** The stored facts the file's rows refer to (the plan's world). */
async function loadWorld(file: ParsedFile, actor: Actor, today: string): Promise<World> {
  const wanted = new Map(file.periods.map((p) => [periodKey(p.body), p.body.offices[0] ?? '']));
  const periods = new Map<string, PeriodFacts>();
  for (const office of new Set(wanted.values())) {
    let cursor: string | undefined;
    do {
      const page = await queryPeriods({ office, limit: 100, cursor });
      for (const p of page.items) {
        const key = periodKey(p);
        if (wanted.has(key)) periods.set(key, p);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  const refs = new Map<string, { office: string; registrationNumber: string }>();
  for (const c of file.clients) refs.set(clientKey(c.body.office, c.body.registrationNumber), c.body);
  for (const r of [...file.enrollments, ...file.activities, ...file.assessments, ...file.outcomes]) {
    refs.set(clientKey(r.ref.office, r.ref.registrationNumber), r.ref);
  }
  const clients = new Map<string, { id: string; office: string; fullName: string }>();
  const enrollments = new Map<string, EnrollmentFacts[]>();
  await inParallel([...refs], 8, async ([key, ref]) => {
    const client = await findClientByRegistration(ref.office, ref.registrationNumber);
    if (!client) return;
    clients.set(key, client);
    enrollments.set(client.id, await enrollmentsOfClient(client.id));
  });
  const guards = await existingRowGuards([...new Set(guardsOf(file).values())]);
  return { actor, today, periods, clients, enrollmentsOfClient: enrollments, guards };
}

async function inParallel<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await run(item);
  });
  await Promise.all(workers);
}

/** Reads and judges the import's workbook. A refused file is one error at row 0. */
async function planOf(record: ImportRecord, actor: Actor, today: string): Promise<Plan | ImportError[]> {
  try {
    const bytes = await readObject(record.objectKey);
    const read = await readWorkbook(bytes);
    const parsed = parseRows(read.rows);
    const rowErrors = [...read.errors, ...parsed.errors];
    const world = await loadWorld(parsed.file, actor, today);
    const plan = planImport(parsed.file, world, rowErrors);
    const total = SHEET_KEYS.reduce((n, k) => n + plan.counts[k].rows, 0);
    if (total === 0 && plan.errors.length === 0) {
      return [{ sheet: '', row: 0, column: '', message: 'Berkas tidak berisi baris data (selain contoh).' }];
    }
    return plan;
  } catch (err) {
    if (err instanceof WorkbookRefused) return [{ sheet: '', row: 0, column: '', message: err.message }];
    throw err;
  }
}

function stored(errors: readonly ImportError[]) {
  return { errors: errors.slice(0, MAX_STORED_ERRORS), errorCount: errors.length };
}

/**
 * One run of the worker: validate (judge every row, store counts and errors) or apply (judge
 * again against what is stored now, then write). An application that runs out of time hands
 * the rest to a new run; the rows written carry guards, so the next run's plan skips them.
 */
export async function runImportJob(
  job: ImportJob,
  limits: JobLimits = { deadline: Number.POSITIVE_INFINITY },
): Promise<void> {
  const record = await getImportRecord(job.importId);
  if (!record) return;
  const expected: ImportState = job.action === 'validate' ? 'validating' : 'applying';
  if (record.state !== expected) {
    logger.info('import job skipped', { importId: record.id, state: record.state, action: job.action });
    return;
  }
  const actor: Actor = record.createdBy;
  const now = () => new Date().toISOString();
  try {
    const today = todayIn(config().timeZone);
    const planStarted = Date.now();
    const plan = await planOf(record, actor, today);
    logger.info('import planned', { importId: record.id, action: job.action, ms: Date.now() - planStarted });
    if (Array.isArray(plan)) {
      await moveImport(
        record.id,
        [expected],
        job.action === 'validate' ? 'invalid' : 'failed',
        now(),
        stored(plan),
      );
      return;
    }
    if (plan.errors.length > 0) {
      await moveImport(record.id, [expected], 'invalid', now(), {
        counts: plan.counts,
        ...stored(plan.errors),
      });
      return;
    }
    if (job.action === 'validate') {
      await moveImport(record.id, [expected], 'valid', now(), {
        counts: plan.counts,
        errors: [],
        errorCount: 0,
      });
      return;
    }
    const result = await applyPlan(record, plan, actor, today, limits);
    const counts = mergeCounts(record, plan.counts, result.written, result.failed);
    if (!result.complete) {
      await moveImport(record.id, [expected], 'applying', now(), { counts, rounds: record.rounds + 1 });
      await enqueue(job);
      return;
    }
    await moveImport(record.id, [expected], result.errors.length > 0 ? 'failed' : 'applied', now(), {
      counts,
      rounds: record.rounds + 1,
      ...stored(result.errors),
    });
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    logger.error('import job error', {
      importId: record.id,
      action: job.action,
      errorName: error.name,
      errorMessage: error.message,
    });
    await moveImport(record.id, [expected], 'failed', now(), {
      ...stored([
        {
          sheet: '',
          row: 0,
          column: '',
          message:
            'Terjadi kesalahan pada server. Coba terapkan lagi; baris yang sudah masuk tidak ditulis dua kali.',
        },
      ]),
    });
  }
}

/**
 * Counts after a run: rows written in earlier runs of this import count under `new`, not
 * `existing` (the plan of a later run sees them stored).
 */
function mergeCounts(
  record: ImportRecord,
  planned: Record<SheetKey, SheetCounts>,
  written: Map<SheetKey, number>,
  failed: Map<SheetKey, number>,
): Record<string, SheetCounts> {
  const out: Record<string, SheetCounts> = {};
  for (const key of SHEET_KEYS) {
    const before = record.rounds > 0 ? (record.counts?.[key]?.new ?? 0) : 0;
    const p = planned[key];
    const now = written.get(key) ?? 0;
    out[key] = {
      rows: p.rows,
      new: before + now,
      existing: Math.max(0, p.existing - before) + (p.new - now - (failed.get(key) ?? 0)),
      invalid: failed.get(key) ?? 0,
    };
  }
  return out;
}

interface ApplyResult {
  complete: boolean;
  errors: ImportError[];
  written: Map<SheetKey, number>;
  failed: Map<SheetKey, number>;
}

/**
 * Writes the plan's operations through the API's use cases, for the importing officer. Periods,
 * clients, enrollments and status changes one by one (capacity order); then the records with
 * up to 8 at a time, one after another per enrollment (a group meeting waits for all its
 * attendees), so that each is judged on the state the plan expected.
 */
async function applyPlan(
  record: ImportRecord,
  plan: Plan,
  actor: Actor,
  today: string,
  limits: JobLimits,
): Promise<ApplyResult> {
  const periods = new Map(plan.periodIds);
  const clients = new Map(plan.clientIds);
  const enrollments = new Map(plan.enrollmentIds);
  const errors: ImportError[] = [];
  const written = new Map<SheetKey, number>();
  const failed = new Map<SheetKey, number>();
  const count = (m: Map<SheetKey, number>, k: SheetKey, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  let stopped = false;

  const ctxFor = (op: Op, guard?: string): RequestContext => {
    const now = new Date();
    return {
      actor,
      now,
      today,
      requestId: `import:${record.id}:${op.sheet}:${op.row}`,
      idempotency: undefined,
      replayed: false,
      ...(guard ? { guard: importRowGuard(guard, record.id, op.sheet, op.row, now.toISOString()) } : {}),
    };
  };
  const enrollmentOf = (period: string, client: string) => {
    const id = enrollments.get(`${period}|${client}`);
    if (!id)
      throw new Refusal('not_found', [{ path: 'registrationNumber', message: 'Pendaftaran belum ada.' }]);
    return id;
  };
  const periodOf = (code: string) => {
    const id = periods.get(code);
    if (!id) throw new Refusal('not_found', [{ path: 'period', message: `Periode ${code} belum ada.` }]);
    return id;
  };

  const run = async (op: Op): Promise<void> => {
    const rows = op.kind === 'meeting' ? op.rows : [op.row];
    ran += 1;
    try {
      await write(op);
      count(written, op.sheet, rows.length);
    } catch (err) {
      if (err instanceof GuardExists) return;
      if (!(err instanceof Refusal)) throw err;
      const detail = err.details.map((d) => d.message).join(' ');
      for (const row of rows) {
        errors.push({
          sheet: sheetOf(op.sheet).name,
          row,
          column: '',
          message: [err.specificMessage, detail].filter(Boolean).join(' ') || err.code,
        });
      }
      count(failed, op.sheet, rows.length);
    }
  };

  const write = async (op: Op): Promise<void> => {
    switch (op.kind) {
      case 'period': {
        const p = await createPeriod({ params: undefined, query: {}, body: op.body }, ctxFor(op));
        periods.set(op.code, p.id);
        return;
      }
      case 'client': {
        const c = await createClient({ params: undefined, query: {}, body: op.body }, ctxFor(op));
        clients.set(op.key, c.id);
        return;
      }
      case 'enroll': {
        const clientId = clients.get(op.client);
        if (!clientId)
          throw new Refusal('not_found', [{ path: 'registrationNumber', message: 'Klien belum ada.' }]);
        const e = await createEnrollment(
          { params: { id: periodOf(op.period) }, query: {}, body: { clientId, enrolledOn: op.enrolledOn } },
          ctxFor(op),
        );
        enrollments.set(`${op.period}|${op.client}`, e.id);
        return;
      }
      case 'status':
        await patchEnrollment(
          {
            params: { id: enrollmentOf(op.period, op.client) },
            query: {},
            body: { status: op.status, date: op.date, ...(op.reason ? { reason: op.reason } : {}) },
          },
          ctxFor(op),
        );
        return;
      case 'activity':
        await createActivity(
          { params: { id: enrollmentOf(op.period, op.client) }, query: {}, body: op.body },
          ctxFor(op, op.guard),
        );
        return;
      case 'meeting':
        await createGroupMeeting(
          {
            params: { id: periodOf(op.period) },
            query: {},
            body: {
              date: op.date,
              topic: op.topic,
              ...(op.facilitator ? { facilitator: op.facilitator } : {}),
              attendees: op.clients.map((c) => enrollmentOf(op.period, c)),
            },
          },
          ctxFor(op, op.guard),
        );
        return;
      case 'assessment':
        await createAssessment(
          { params: { id: enrollmentOf(op.period, op.client) }, query: {}, body: op.body },
          ctxFor(op, op.guard),
        );
        return;
      case 'outcome':
        await createOutcome(
          { params: { id: enrollmentOf(op.period, op.client) }, query: {}, body: op.body },
          ctxFor(op, op.guard),
        );
        return;
      case 'close':
        await closePeriod({ params: { id: periodOf(op.period) }, query: {}, body: undefined }, ctxFor(op));
        return;
    }
  };

  // Every run writes at least one row, so a job always moves on, however short its time.
  let ran = 0;
  const timeLeft = () => ran === 0 || Date.now() < limits.deadline;
  const sequential = async (ops: readonly Op[]) => {
    for (const op of ops) {
      if (!timeLeft()) {
        stopped = true;
        return;
      }
      await run(op);
    }
  };
  const byKind = (kinds: ReadonlyArray<Op['kind']>) => plan.ops.filter((op) => kinds.includes(op.kind));
  const started = Date.now();
  const phase = (name: string) =>
    logger.info('import phase', { importId: record.id, phase: name, ms: Date.now() - started });

  await sequential(byKind(['period']));
  phase('periods');
  await inParallel(byKind(['client']), 8, async (op) => {
    if (!timeLeft()) {
      stopped = true;
      return;
    }
    await run(op);
  });
  await sequential(byKind(['enroll', 'status']));
  if (!stopped)
    await lanes(byKind(['activity', 'meeting', 'assessment', 'outcome']), run, timeLeft, () => {
      stopped = true;
    });
  phase('records');
  if (!stopped) await sequential(byKind(['close']));
  phase('close');
  return { complete: !stopped, errors, written, failed };
}

/** The enrollments an operation touches (its lanes). */
function lanesOf(op: Op): string[] {
  if (op.kind === 'meeting') return op.clients.map((c) => `${op.period}|${c}`);
  if (op.kind === 'activity' || op.kind === 'assessment' || op.kind === 'outcome')
    return [`${op.period}|${op.client}`];
  return [];
}

/**
 * Runs operations in their order per enrollment and up to 8 at once overall: each waits for
 * the previous operation of every enrollment it touches.
 */
async function lanes(
  ops: readonly Op[],
  run: (op: Op) => Promise<void>,
  timeLeft: () => boolean,
  stop: () => void,
): Promise<void> {
  const tails = new Map<string, Promise<void>>();
  let active = 0;
  const waiting: Array<() => void> = [];
  const slot = async () => {
    if (active < 8) {
      active++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
  };
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  const all: Array<Promise<void>> = [];
  for (const op of ops) {
    const keys = lanesOf(op);
    const before = keys.map((k) => tails.get(k) ?? Promise.resolve());
    const done = Promise.all(before).then(async () => {
      if (!timeLeft()) {
        stop();
        return;
      }
      await slot();
      try {
        await run(op);
      } finally {
        release();
      }
    });
    for (const k of keys) tails.set(k, done);
    all.push(done);
  }
  await Promise.all(all);
}

/**
 * The local stand-in for the queue and its worker: runs a job in this process (one round of
 * IMPORT_ROUND_MS when set, so big files are split locally too), logging a failure.
 */
export function runImportJobHere(job: ImportJob): void {
  const round = config().importRoundMs;
  runImportJob(job, {
    deadline: round === undefined ? Number.POSITIVE_INFINITY : Date.now() + round,
  }).catch((err: Error) => {
    logger.error('import job failed', {
      importId: job.importId,
      errorName: err.name,
      errorMessage: err.message,
    });
  });
}
