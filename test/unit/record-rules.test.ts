import { describe, expect, it } from 'vitest';
import {
  checkRecordDate,
  checkTransition,
  type EnrollmentDates,
  type FinalStatus,
  type RecordDateKind,
  STATUS_TRANSITIONS,
} from '../../shared/domain/records';
import { refusalOf, type SeenRefusal } from './helpers';

// The Semarang follow-up period (docs/domain.md) (November to December 2024); the client was
// enrolled a few days after it started, so "before the enrollment" and "before the period"
// differ.
const ENROLLED_ON = '2024-11-04';
const PERIOD_END = '2024-12-31';
const ALL_KINDS: RecordDateKind[] = ['activity', 'assessment', 'outcome', 'status'];

function enrollment(overrides: Partial<EnrollmentDates> = {}): EnrollmentDates {
  return {
    enrolledOn: ENROLLED_ON,
    periodStart: '2024-11-01',
    periodEnd: PERIOD_END,
    status: 'active',
    ...overrides,
  };
}

const thrown = refusalOf;

/** status, code and the paths named in details: what a form switches on. */
function summary(error: SeenRefusal | undefined) {
  return error && { status: error.status, code: error.code, paths: error.details.map((d) => d.path) };
}

describe('checkRecordDate: always', () => {
  const TODAY = '2024-12-10';

  it.each(ALL_KINDS)('refuses a %s dated tomorrow (422 date_in_future)', (kind) => {
    const error = thrown(() => checkRecordDate(kind, '2024-12-11', enrollment(), TODAY));

    expect(summary(error)).toEqual({ status: 422, code: 'date_in_future', paths: ['date'] });
  });

  it.each(ALL_KINDS)('accepts a %s dated today', (kind) => {
    const error = thrown(() => checkRecordDate(kind, TODAY, enrollment(), TODAY));

    expect(error).toBeUndefined();
  });

  it.each(ALL_KINDS)(
    'refuses a %s dated the day before enrolledOn, inside the period (422 date_outside_period)',
    (kind) => {
      const error = thrown(() => checkRecordDate(kind, '2024-11-03', enrollment(), TODAY));

      expect(summary(error)).toEqual({ status: 422, code: 'date_outside_period', paths: ['date'] });
    },
  );

  it.each(ALL_KINDS)('accepts a %s dated on enrolledOn', (kind) => {
    const error = thrown(() => checkRecordDate(kind, ENROLLED_ON, enrollment(), TODAY));

    expect(error).toBeUndefined();
  });
});

describe('checkRecordDate: after the period ended', () => {
  // Officers type paper records in weeks later.
  const TODAY = '2025-01-20';

  it('refuses an activity dated after the period end (422 date_outside_period)', () => {
    const error = thrown(() => checkRecordDate('activity', '2025-01-02', enrollment(), TODAY));

    expect(summary(error)).toEqual({ status: 422, code: 'date_outside_period', paths: ['date'] });
  });

  it('accepts an activity dated on the period end', () => {
    const error = thrown(() => checkRecordDate('activity', PERIOD_END, enrollment(), TODAY));

    expect(error).toBeUndefined();
  });

  it('accepts a back-dated activity within the period entered after the period ended', () => {
    const error = thrown(() => checkRecordDate('activity', '2024-12-20', enrollment(), TODAY));

    expect(error).toBeUndefined();
  });

  it.each(['assessment', 'outcome'] as const)('accepts a %s dated after the period end', (kind) => {
    const error = thrown(() => checkRecordDate(kind, '2025-01-10', enrollment(), TODAY));

    expect(error).toBeUndefined();
  });
});

describe('checkRecordDate: an enrollment that has ended', () => {
  const TODAY = '2024-12-10';
  const ENDED_ON = '2024-12-01';

  it.each([
    { kind: 'activity', status: 'dropped_out' },
    { kind: 'assessment', status: 'dropped_out' },
    { kind: 'activity', status: 'transferred' },
    { kind: 'assessment', status: 'completed' },
  ] as const)(
    'refuses a $kind dated after the enrollment became $status (409 enrollment_not_active)',
    ({ kind, status }) => {
      const ended = enrollment({ status, statusDate: ENDED_ON });

      const error = thrown(() => checkRecordDate(kind, '2024-12-02', ended, TODAY));

      expect(summary(error)).toEqual({ status: 409, code: 'enrollment_not_active', paths: ['date'] });
    },
  );

  it.each(['activity', 'assessment'] as const)(
    'accepts a %s dated on the day the enrollment ended',
    (kind) => {
      const ended = enrollment({ status: 'dropped_out', statusDate: ENDED_ON });

      const error = thrown(() => checkRecordDate(kind, ENDED_ON, ended, TODAY));

      expect(error).toBeUndefined();
    },
  );

  it('accepts an outcome dated after the enrollment ended (a re-arrest after dropping out)', () => {
    const ended = enrollment({ status: 'dropped_out', statusDate: ENDED_ON });

    const error = thrown(() => checkRecordDate('outcome', '2024-12-08', ended, TODAY));

    expect(error).toBeUndefined();
  });

  it('accepts an activity on the same later date while the enrollment is still active', () => {
    // The contrast case: only the end of the enrollment makes 2024-12-02 refused above.
    const error = thrown(() => checkRecordDate('activity', '2024-12-02', enrollment(), TODAY));

    expect(error).toBeUndefined();
  });
});

describe('checkTransition', () => {
  it('ends an active enrollment as completed without freeing its place', () => {
    expect(checkTransition('active', 'completed')).toEqual({ freesPlace: false });
  });

  it.each(['dropped_out', 'transferred'] as const)(
    'ends an active enrollment as %s and frees its place',
    (next) => {
      expect(checkTransition('active', next)).toEqual({ freesPlace: true });
    },
  );

  const fromEnded = STATUS_TRANSITIONS.flatMap((current) =>
    STATUS_TRANSITIONS.map((next): { current: FinalStatus; next: FinalStatus } => ({ current, next })),
  );

  it.each(fromEnded)('refuses $current -> $next (409 invalid_transition)', ({ current, next }) => {
    const error = thrown(() => checkTransition(current, next));

    expect(summary(error)).toEqual({ status: 409, code: 'invalid_transition', paths: ['status'] });
  });
});
