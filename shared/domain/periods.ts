import { rangesOverlap } from './dates';
import { Refusal } from './refusal';

/** The part of a period the enrollment rules need. */
export interface PeriodFacts {
  startDate: string;
  endDate: string;
  capacity: number;
  enrolledCount: number;
  offices: readonly string[];
  closedAt?: string | undefined;
}

/** A period is closed once closed by hand, or after its end date (province time). */
export function isPeriodClosed(period: Pick<PeriodFacts, 'endDate' | 'closedAt'>, today: string): boolean {
  return period.closedAt !== undefined || today > period.endDate;
}

export function periodStatus(
  period: Pick<PeriodFacts, 'endDate' | 'closedAt'>,
  today: string,
): 'open' | 'closed' {
  return isPeriodClosed(period, today) ? 'closed' : 'open';
}

/** Enrollment date when the form sends none: today, or the start date of a period yet to begin. */
export function defaultEnrolledOn(period: Pick<PeriodFacts, 'startDate'>, today: string): string {
  return today < period.startDate ? period.startDate : today;
}

export interface ExistingEnrollment {
  periodId: string;
  status: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * The enrollment rules that can be judged from reads (docs/api.md, "Enrollments"), in the
 * order a form would want to hear them. Capacity and "once per period" are ALSO enforced by
 * the transaction's conditions, which is what makes them hold under concurrency; checking them
 * here first only gives the common case a clear answer without a failed write.
 */
export function checkEnrollment(input: {
  period: PeriodFacts & { id: string };
  clientOffice: string;
  enrolledOn: string;
  today: string;
  existing: readonly ExistingEnrollment[];
}): void {
  const { period, clientOffice, enrolledOn, today, existing } = input;
  if (isPeriodClosed(period, today)) {
    throw new Refusal('period_closed');
  }
  if (!period.offices.includes(clientOffice)) {
    throw new Refusal('office_not_in_period', [
      { path: 'clientId', message: `Kantor ${clientOffice} tidak ikut periode ini.` },
    ]);
  }
  if (enrolledOn < period.startDate || enrolledOn > period.endDate) {
    throw new Refusal(
      'date_outside_period',
      [{ path: 'enrolledOn', message: `Harus antara ${period.startDate} dan ${period.endDate}.` }],
      'Tanggal pendaftaran harus di dalam masa periode.',
    );
  }
  for (const e of existing) {
    const samePeriod = e.periodId === period.id;
    const overlapping =
      e.status === 'active' && rangesOverlap(e.periodStart, e.periodEnd, period.startDate, period.endDate);
    if (samePeriod || overlapping) {
      throw new Refusal(
        'already_enrolled',
        [
          {
            path: 'clientId',
            message: samePeriod
              ? 'Sudah terdaftar di periode ini.'
              : 'Masih aktif di periode yang bersamaan.',
          },
        ],
        'Klien sudah terdaftar di periode ini atau periode lain yang bersamaan.',
      );
    }
  }
  if (period.enrolledCount >= period.capacity) throw capacityReached(period.capacity);
}

export function capacityReached(capacity: number): Refusal {
  return new Refusal('capacity_reached', [], `Kuota periode sudah penuh (${capacity} klien).`);
}
