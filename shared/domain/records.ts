import { Refusal } from './refusal';
import { FINAL_STATUSES, type FinalStatus } from './vocabulary';

/** What the date rules need to know about an enrollment. */
export interface EnrollmentDates {
  enrolledOn: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  statusDate?: string | undefined;
}

export type RecordDateKind = 'activity' | 'assessment' | 'outcome' | 'status';

/**
 * Why `date` cannot be the date of a record of `kind` on `enrollment`, or null when it can.
 * Officers type paper records in late, so back-dated entries are normal, also after the
 * period ended. Always: not in the future (province time) and not before the enrollment.
 * Activities also lie within the period. Assessments and outcomes may follow the period (a
 * post-test a few days late, a re-arrest months later). Nothing is recorded to happen
 * after an enrollment ended, except outcomes, which are what happens after.
 */
export function recordDateRefusal(
  kind: RecordDateKind,
  date: string,
  enrollment: EnrollmentDates,
  today: string,
): Refusal | null {
  if (date > today) {
    return new Refusal('date_in_future', [{ path: 'date', message: `Paling lambat ${today}.` }]);
  }
  if (date < enrollment.enrolledOn) {
    return new Refusal(
      'date_outside_period',
      [{ path: 'date', message: `Paling awal ${enrollment.enrolledOn}.` }],
      'Tanggal tidak boleh sebelum tanggal pendaftaran klien.',
    );
  }
  if (kind === 'activity' && date > enrollment.periodEnd) {
    return new Refusal(
      'date_outside_period',
      [{ path: 'date', message: `Antara ${enrollment.periodStart} dan ${enrollment.periodEnd}.` }],
      'Tanggal kegiatan harus di dalam masa periode.',
    );
  }
  if (
    kind !== 'outcome' &&
    enrollment.status !== 'active' &&
    enrollment.statusDate &&
    date > enrollment.statusDate
  ) {
    return new Refusal('enrollment_not_active', [
      { path: 'date', message: `Keikutsertaan berakhir ${enrollment.statusDate}.` },
    ]);
  }
  return null;
}

/** Throws the refusal of `recordDateRefusal`, if any. */
export function checkRecordDate(
  kind: RecordDateKind,
  date: string,
  enrollment: EnrollmentDates,
  today: string,
): void {
  const refusal = recordDateRefusal(kind, date, enrollment, today);
  if (refusal) throw refusal;
}

export type { FinalStatus };
/** The statuses an active enrollment can end in. */
export const STATUS_TRANSITIONS = FINAL_STATUSES;

/** Only an active enrollment ends; dropping out or transferring frees its place. */
export function checkTransition(current: string, next: FinalStatus): { freesPlace: boolean } {
  if (current !== 'active') {
    throw new Refusal('invalid_transition', [
      { path: 'status', message: 'Hanya keikutsertaan aktif yang dapat diakhiri.' },
    ]);
  }
  return { freesPlace: next !== 'completed' };
}
