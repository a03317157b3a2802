import type { RouteInput, RouteOutput } from '../api/route';
import type {
  closePeriodRoute,
  createPeriodRoute,
  getPeriodRoute,
  listPeriodsRoute,
} from '../api/routes/periods';
import type { Period } from '../api/schemas/periods';
import {
  closePeriodNow,
  getPeriodRecord,
  type PeriodRecord,
  putNewPeriod,
  putPeriodOffices,
  queryPeriods,
} from '../data/entities/period';
import { executeWrite, newId } from '../data/write';
import { canManagePeriod, canReadPeriod, listableOffice } from '../domain/access';
import type { Actor } from '../domain/actor';
import { hasEnded, isPeriodClosed, periodCreationRefusal, periodStatus } from '../domain/periods';
import { Refusal, refuse } from '../domain/refusal';
import type { RequestContext } from './context';
import { finalReportPart } from './reports';

/** A period as the API shows it, with its status as of `today`. */
export function toPeriod(p: PeriodRecord, today: string): Period {
  return {
    id: p.id,
    name: p.name,
    startDate: p.startDate,
    endDate: p.endDate,
    capacity: p.capacity,
    enrolledCount: p.enrolledCount,
    offices: p.offices,
    protocol: p.protocol,
    instruments: p.instruments,
    status: periodStatus(p, today),
    ...(p.historical ? { historical: true } : {}),
    ...(p.closedAt ? { closedAt: p.closedAt } : {}),
    createdAt: p.createdAt,
  };
}

/** A period the actor may see; absent and out of scope look the same (404). */
export async function readablePeriod(actor: Actor, id: string, consistent = false): Promise<PeriodRecord> {
  const period = await getPeriodRecord(id, consistent);
  if (!period || !canReadPeriod(actor, period)) throw refuse.notFound();
  return period;
}

/** POST /periods. */
export async function createPeriod(
  { body }: RouteInput<typeof createPeriodRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createPeriodRoute>> {
  if (!canManagePeriod(ctx.actor, body)) {
    throw refuse.forbidden('Kasi hanya dapat membuat periode untuk kantornya sendiri.');
  }
  const refusal = periodCreationRefusal(body, ctx.today);
  if (refusal) throw refusal;
  return executeWrite(ctx, async () => {
    const period: PeriodRecord = {
      id: newId(),
      name: body.name,
      startDate: body.startDate,
      endDate: body.endDate,
      capacity: body.capacity,
      enrolledCount: 0,
      offices: body.offices,
      protocol: { opening: body.protocol.opening, cadenceDays: body.protocol.cadenceDays ?? {} },
      instruments: body.instruments,
      ...(body.historical ? { historical: true } : {}),
      version: 1,
      createdAt: ctx.now.toISOString(),
    };
    return {
      parts: [putNewPeriod(period), ...putPeriodOffices(period)],
      audit: [{ entity: 'period', entityId: period.id, action: 'create', changedFields: Object.keys(body) }],
      result: toPeriod(period, ctx.today),
    };
  });
}

/** GET /periods/{id}. */
export async function getPeriod(
  { params }: RouteInput<typeof getPeriodRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof getPeriodRoute>> {
  return toPeriod(await readablePeriod(ctx.actor, params.id), ctx.today);
}

/** GET /periods: newest first. pk/kasi: their office's periods; others: all, or one office's. */
export async function listPeriods(
  { query }: RouteInput<typeof listPeriodsRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listPeriodsRoute>> {
  const office = listableOffice(ctx.actor, query.office);
  const page = await queryPeriods({ office, limit: query.limit, cursor: query.cursor });
  return { items: page.items.map((p) => toPeriod(p, ctx.today)), nextCursor: page.nextCursor };
}

/**
 * POST /periods/{id}/close: ends enrollment into the period. Closing a period whose end date
 * has passed (an unclosed historical period: ordinary ones close by themselves) also makes its
 * final report at once, as of the end date, in the same transaction as the close: the
 * period-end job left it alone while it was open for entry.
 */
export async function closePeriod(
  { params }: RouteInput<typeof closePeriodRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof closePeriodRoute>> {
  return executeWrite(ctx, async () => {
    const current = await readablePeriod(ctx.actor, params.id, true);
    if (!canManagePeriod(ctx.actor, current))
      throw refuse.forbidden('Kasi hanya dapat menutup periode kantornya sendiri.');
    if (isPeriodClosed(current, ctx.today)) throw new Refusal('period_closed');
    const closedAt = ctx.now.toISOString();
    const next: PeriodRecord = { ...current, closedAt, version: current.version + 1 };
    const report = hasEnded(current, ctx.today)
      ? await finalReportPart(next, ctx.actor.sub, ctx.now)
      : undefined;
    return {
      parts: [closePeriodNow(current.id, closedAt), ...(report ? [report.part] : [])],
      audit: [
        { entity: 'period', entityId: current.id, action: 'close', changedFields: ['closedAt'] },
        ...(report ? [report.audit] : []),
      ],
      result: toPeriod(next, ctx.today),
      onCancelled: (failed) =>
        failed.has('periodIsOpen')
          ? new Refusal('period_closed', [], 'Periode program sudah ditutup.')
          : undefined,
    };
  });
}
