import type { RouteInput, RouteOutput } from '../api/route';
import type { listWorklistRoute } from '../api/routes/due';
import type { listDueRoute } from '../api/routes/enrollments';
import { getClientSummaries } from '../data/entities/client-summary';
import { dueEnrollments, type EnrollmentRecord } from '../data/entities/enrollment';
import { periodsOf } from '../data/entities/period';
import { badCursor, cursorObject } from '../data/read';
import { isProvinceWide, listableOffice } from '../domain/access';
import type { Actor } from '../domain/actor';
import { addDays } from '../domain/dates';
import { type DueRow, type DueType, dueRows, WORKLIST_GRACE_DAYS } from '../domain/due';
import type { Instrument } from '../domain/vocabulary';
import type { RequestContext } from './context';
import { readablePeriod } from './period-read';

/**
 * The due lists: one period's (GET /periods/{id}/due) and the caller's worklist across periods
 * (GET /due). Both merge the due index (gsi3: `DUE#<period>#<office>`, sorted by each active
 * enrollment's earliest due date) of several partitions, one range Query per partition and
 * page, into one order: enrollments by their earliest due date (ties by id), each one's rows
 * together by date. That is "most overdue first" for the enrollments, and needs no buffering:
 * a row's place is known from its enrollment's key.
 *
 * The cursor is ONE position in that order, not one per partition: the key of the last
 * enrollment reached and how many of its rows were given. Every partition resumes from it with
 * an inclusive range condition (BETWEEN), so the cursor stays a few dozen bytes however many
 * periods and offices are merged.
 */

export interface DueSource {
  periodId: string;
  office: string;
}

/** Where a page ends: the due index key reached and how many of that enrollment's rows were given. */
interface Position {
  after: string;
  skip: number;
}

/** Rows per enrollment are at most 4 activity types + 2 instruments x 2 phases. */
const MAX_SKIP = 16;
const POSITION_KEY = /^\d{4}-\d{2}-\d{2}#[0-9A-HJKMNP-TV-Z]{26}$/;
/** Rounds of reads per request when a type filter leaves a page short. */
const MAX_ROUNDS = 3;

function encodePosition(p: Position, type: DueType | undefined): string {
  return Buffer.from(JSON.stringify({ a: p.after, k: p.skip, t: type ?? null }), 'utf8').toString(
    'base64url',
  );
}

/** A cursor of this very list (same type filter, inside `before`); anything else is 400. */
function decodePosition(cursor: string | undefined, before: string, type: DueType | undefined) {
  if (cursor === undefined) return undefined;
  const parsed = cursorObject(cursor);
  const after: unknown = Reflect.get(parsed, 'a');
  const skip: unknown = Reflect.get(parsed, 'k');
  const t: unknown = Reflect.get(parsed, 't');
  if (typeof after !== 'string' || !POSITION_KEY.test(after) || !(after < before)) throw badCursor();
  if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0 || skip > MAX_SKIP) throw badCursor();
  if ((t ?? undefined) !== type) throw badCursor();
  return { after, skip };
}

interface Row {
  enrollment: EnrollmentRecord;
  key: string;
  index: number;
  row: DueRow<Instrument>;
}

/** One round: every source read once from `start`; rows up to the first source's horizon. */
async function dueRound(
  sources: readonly DueSource[],
  q: { before: string; today: string; type: DueType | undefined; limit: number },
  start: Position | undefined,
): Promise<{ rows: Row[]; next: Position | undefined }> {
  const reads = await Promise.all(
    sources.map((s) => dueEnrollments({ ...s, before: q.before, from: start?.after, limit: q.limit + 1 })),
  );
  // A source that has more than it returned ends at its last key: nothing beyond the lowest
  // such key can be placed yet (that source may hold rows before it).
  let horizon: string | undefined;
  for (const read of reads) {
    const key = read.items.at(-1)?.position;
    if (read.more && key !== undefined && (horizon === undefined || key < horizon)) horizon = key;
  }
  const all: Row[] = [];
  let horizonRows = 0;
  for (const read of reads) {
    for (const { enrollment, position: key } of read.items) {
      if (horizon !== undefined && key > horizon) continue;
      const rows = dueRows(enrollment, q.before, q.today, q.type);
      if (key === horizon) horizonRows = rows.length;
      rows.forEach((row, index) => {
        if (start && key === start.after && index < start.skip) return;
        all.push({ enrollment, key, index, row });
      });
    }
  }
  all.sort((a, b) => a.key.localeCompare(b.key) || a.index - b.index);
  const taken = all.slice(0, q.limit);
  const last = taken.at(-1);
  const more = all.length > taken.length;
  let next: Position | undefined;
  if (more && last) next = { after: last.key, skip: last.index + 1 };
  else if (horizon !== undefined) next = { after: horizon, skip: Math.min(horizonRows, MAX_SKIP) };
  return { rows: taken, next };
}

/** Up to `limit` rows from `cursor` on, and the cursor after them (null at the end). */
async function dueList(
  sources: readonly DueSource[],
  q: { before: string; today: string; type: DueType | undefined; limit: number; cursor: string | undefined },
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  let position = decodePosition(q.cursor, q.before, q.type);
  const rows: Row[] = [];
  if (sources.length === 0) return { rows, nextCursor: null };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const page = await dueRound(sources, { ...q, limit: q.limit - rows.length }, position);
    rows.push(...page.rows);
    position = page.next;
    if (!position || rows.length >= q.limit) break;
  }
  return { rows, nextCursor: position ? encodePosition(position, q.type) : null };
}

/** A row in the API's shape: names for everyone but viewers. */
async function dueItems(actor: Actor, rows: readonly Row[]) {
  const summaries = await getClientSummaries(
    actor,
    rows.filter((r) => !r.enrollment.client).map((r) => r.enrollment.clientId),
  );
  return rows.map(({ enrollment: e, row }) => {
    const client = actor.role === 'viewer' ? undefined : (e.client ?? summaries.get(e.clientId));
    return {
      enrollmentId: e.id,
      periodId: e.periodId,
      clientId: e.clientId,
      office: e.office,
      ...row,
      ...(client ? { client } : {}),
    };
  });
}

/**
 * GET /periods/{id}/due?before=&type=&office=&limit=&cursor=: one period's due list, its
 * offices in the caller's scope merged.
 */
export async function listDue(
  { params, query }: RouteInput<typeof listDueRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listDueRoute>> {
  const period = await readablePeriod(ctx.actor, params.id);
  const before = query.before ?? addDays(ctx.today, 1);
  const scoped = listableOffice(ctx.actor, query.office);
  const offices = scoped === undefined ? period.offices : period.offices.filter((o) => o === scoped);
  const { rows, nextCursor } = await dueList(
    offices.map((office) => ({ periodId: period.id, office })),
    { before, today: ctx.today, type: query.type, limit: query.limit, cursor: query.cursor },
  );
  const items = (await dueItems(ctx.actor, rows)).map(({ periodId: _period, ...item }) => item);
  return { periodId: period.id, before, today: ctx.today, items, nextCursor };
}

/**
 * The periods on the caller's worklist: in scope, and running or ended within
 * WORKLIST_GRACE_DAYS (closing a period by hand ends enrollment, not the work, so it stays).
 * pk and kasi: their office's part of each; the province roles: every office of each.
 */
export async function worklistSources(actor: Actor, today: string): Promise<DueSource[]> {
  const provinceWide = isProvinceWide(actor);
  const periods = await periodsOf(provinceWide ? undefined : actor.office);
  const since = addDays(today, -WORKLIST_GRACE_DAYS);
  return periods
    .filter((p) => p.endDate >= since)
    .flatMap((p) =>
      provinceWide
        ? p.offices.map((office) => ({ periodId: p.id, office }))
        : p.offices.includes(actor.office)
          ? [{ periodId: p.id, office: actor.office }]
          : [],
    );
}

/** GET /due?before=&type=&limit=&cursor=: "Tugas saya", the worklist across periods. */
export async function listWorklist(
  { query }: RouteInput<typeof listWorklistRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listWorklistRoute>> {
  const before = query.before ?? addDays(ctx.today, 1);
  const sources = await worklistSources(ctx.actor, ctx.today);
  const { rows, nextCursor } = await dueList(sources, {
    before,
    today: ctx.today,
    type: query.type,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { before, today: ctx.today, items: await dueItems(ctx.actor, rows), nextCursor };
}
