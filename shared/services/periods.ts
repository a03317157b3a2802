import type { RouteInput, RouteOutput } from '../api/route';
import type { createPeriodRoute, getPeriodRoute, listPeriodsRoute } from '../api/routes/periods';
import { type PeriodRecord, putNewPeriod, putPeriodOffices, queryPeriods } from '../data/entities/period';
import { executeWrite, newId } from '../data/write';
import { canManagePeriod, listableOffice } from '../domain/access';
import { periodCreationRefusal } from '../domain/periods';
import { refuse } from '../domain/refusal';
import type { RequestContext } from './context';
import { readablePeriod, toPeriod } from './period-read';

export { readablePeriod, toPeriod };

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
