import type { RouteInput, RouteOutput } from '../api/route';
import type { closePeriodRoute } from '../api/routes/periods';
import { closePeriodNow, type PeriodRecord } from '../data/entities/period';
import { executeWrite } from '../data/write';
import { canManagePeriod } from '../domain/access';
import { hasEnded, isPeriodClosed } from '../domain/periods';
import { Refusal, refuse } from '../domain/refusal';
import type { RequestContext } from './context';
import { readablePeriod, toPeriod } from './period-read';
import { finalReportPart } from './reports';

/**
 * POST /periods/{id}/close: ends enrollment into the period. Closing a period whose end date
 * has passed (an unclosed historical period: ordinary ones close by themselves) also makes its
 * final report at once, up to the end date, in the close's own transaction: the
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
