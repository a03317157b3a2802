import type { Period } from '../api/schemas/periods';
import { getPeriodRecord, type PeriodRecord } from '../data/entities/period';
import { canReadPeriod } from '../domain/access';
import type { Actor } from '../domain/actor';
import { periodStatus } from '../domain/periods';
import { refuse } from '../domain/refusal';

/**
 * Reading a period in scope, and its API shape: what most use cases need of periods, kept apart
 * from the period routes (closing one makes a report) so that their bundles stay small.
 */
/** A period in the API's shape, with its status on `today`. */
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
