import { type EnrollmentRecord, getEnrollment } from '../data/entities/enrollment';
import { getPeriodRecord, type PeriodProtocol } from '../data/entities/period';
import { canReadEnrollment } from '../domain/access';
import type { Actor } from '../domain/actor';
import { refuse } from '../domain/refusal';
import type { Instrument } from '../domain/vocabulary';

/** An enrollment with the period facts its writes are judged by. */
export interface LoadedEnrollment {
  enrollment: EnrollmentRecord;
  protocol: PeriodProtocol;
  instruments: Instrument[];
}

/**
 * Loads an enrollment the actor may see (404 otherwise) with its period's protocol and
 * instruments: from the copy on the enrollment (one read), or, for an item written before the
 * copy existed, from the period.
 */
export async function loadEnrollment(
  actor: Actor,
  enrollmentId: string,
  consistent = true,
): Promise<LoadedEnrollment> {
  const enrollment = await getEnrollment(enrollmentId, consistent);
  if (!enrollment || !canReadEnrollment(actor, enrollment)) throw refuse.notFound();
  if (enrollment.protocol && enrollment.instruments) {
    return { enrollment, protocol: enrollment.protocol, instruments: enrollment.instruments };
  }
  const period = await getPeriodRecord(enrollment.periodId, consistent);
  if (!period) throw refuse.notFound();
  return { enrollment, protocol: period.protocol, instruments: period.instruments };
}
