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
  /**
   * A period entered after it ran (docs/api.md, "Past periods"): it stays open for entry,
   * also after its end date, until it is closed by hand.
   */
  historical?: boolean | undefined;
}

type ClosingFacts = Pick<PeriodFacts, 'endDate' | 'closedAt' | 'historical'>;

/**
 * A period is closed once closed by hand, or after its end date (province time). A historical
 * period (created after it ended, to enter its records) is closed only by hand: until then it
 * takes enrollments and the period-end job leaves it alone.
 */
export function isPeriodClosed(period: ClosingFacts, today: string): boolean {
  if (period.closedAt !== undefined) return true;
  return period.historical !== true && today > period.endDate;
}

/** An unclosed historical period: open for entry although it has ended. */
export function isOpenHistorical(period: ClosingFacts): boolean {
  return period.historical === true && period.closedAt === undefined;
}

/** The period's end date has passed (province time), whether or not it is closed. */
export function hasEnded(period: Pick<PeriodFacts, 'endDate'>, today: string): boolean {
  return today > period.endDate;
}

export function periodStatus(period: ClosingFacts, today: string): 'open' | 'closed' {
  return isPeriodClosed(period, today) ? 'closed' : 'open';
}

/**
 * Enrollment date when the form sends none: today, or the start date of a period yet to begin.
 * A period that has ended has no sensible default: the date must be given (undefined).
 */
export function defaultEnrolledOn(
  period: Pick<PeriodFacts, 'startDate' | 'endDate'>,
  today: string,
): string | undefined {
  if (today > period.endDate) return undefined;
  return today < period.startDate ? period.startDate : today;
}

/**
 * Why a period cannot be created the way asked, or null: a period that has already ended is
 * accepted only when `historical` (its records are entered afterwards), and a historical period
 * must have ended: one still running is an ordinary period.
 */
export function periodCreationRefusal(
  body: { startDate: string; endDate: string; historical?: boolean | undefined },
  today: string,
): Refusal | null {
  if (body.historical === true) {
    if (body.endDate >= today) {
      return new Refusal(
        'validation_failed',
        [{ path: 'historical', message: 'Periode riwayat harus sudah berakhir sebelum hari ini.' }],
        'Periode yang belum berakhir dibuat sebagai periode biasa (tanpa "historical").',
      );
    }
    return null;
  }
  if (body.endDate < today) {
    return new Refusal('period_in_past', [
      {
        path: 'endDate',
        message: 'Tanggal selesai sudah lewat; untuk memasukkan periode lampau kirim "historical": true.',
      },
    ]);
  }
  return null;
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
