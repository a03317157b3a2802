import { errors } from '../errors';

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
 * Date rules for what is recorded on an enrollment. Officers type paper records in late, so
 * back-dated entries are normal, also after the period ended. Always: not in the future
 * (province time) and not before the enrollment. Activities also lie within the period.
 * Assessments and outcomes may follow the period (a post-test a few days late, a re-arrest
 * months later). Nothing is recorded as happening after an enrollment ended, except outcomes,
 * which are what happens after.
 */
export function checkRecordDate(
  kind: RecordDateKind,
  date: string,
  enrollment: EnrollmentDates,
  today: string,
): void {
  if (date > today) {
    throw errors.unprocessable('date_in_future', 'Tanggal tidak boleh di masa depan.', [
      { path: 'date', message: `Paling lambat ${today}.` },
    ]);
  }
  if (date < enrollment.enrolledOn) {
    throw errors.unprocessable(
      'date_outside_period',
      'Tanggal tidak boleh sebelum tanggal pendaftaran klien.',
      [{ path: 'date', message: `Paling awal ${enrollment.enrolledOn}.` }],
    );
  }
  if (kind === 'activity' && date > enrollment.periodEnd) {
    throw errors.unprocessable('date_outside_period', 'Tanggal kegiatan harus di dalam masa periode.', [
      { path: 'date', message: `Antara ${enrollment.periodStart} dan ${enrollment.periodEnd}.` },
    ]);
  }
  if (
    kind !== 'outcome' &&
    enrollment.status !== 'active' &&
    enrollment.statusDate &&
    date > enrollment.statusDate
  ) {
    throw errors.conflict(
      'enrollment_not_active',
      'Keikutsertaan klien sudah berakhir pada tanggal tersebut.',
      [{ path: 'date', message: `Keikutsertaan berakhir ${enrollment.statusDate}.` }],
    );
  }
}

export const STATUS_TRANSITIONS = ['completed', 'dropped_out', 'transferred'] as const;
export type FinalStatus = (typeof STATUS_TRANSITIONS)[number];

/** Only an active enrollment ends; dropping out or transferring frees its place. */
export function checkTransition(current: string, next: FinalStatus): { freesPlace: boolean } {
  if (current !== 'active') {
    throw errors.conflict('invalid_transition', `Status "${current}" tidak dapat diubah menjadi "${next}".`, [
      { path: 'status', message: 'Hanya keikutsertaan aktif yang dapat diakhiri.' },
    ]);
  }
  return { freesPlace: next !== 'completed' };
}
