import { describe, expect, it } from 'vitest';
import {
  capacityReached,
  checkEnrollment,
  defaultEnrolledOn,
  type ExistingEnrollment,
  hasEnded,
  isOpenHistorical,
  isPeriodClosed,
  type PeriodFacts,
  periodCreationRefusal,
  periodStatus,
} from '../../shared/domain/periods';
import { refusalOf, thrownBy } from './helpers';

// The 2025 Semarang cohort (docs/domain.md): 35 clients, January to December 2025.
const SEMARANG = 'bapas-semarang';
const SURAKARTA = 'bapas-surakarta';

type Period = PeriodFacts & { id: string };
type Input = Parameters<typeof checkEnrollment>[0];

function period2025(overrides: Partial<Period> = {}): Period {
  return {
    id: 'P2025',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    capacity: 35,
    enrolledCount: 10,
    offices: [SEMARANG],
    ...overrides,
  };
}

/** An enrollment request that every rule accepts, with overrides. */
function request(overrides: Partial<Omit<Input, 'period'>> & { period?: Partial<Period> } = {}): Input {
  const { period, ...rest } = overrides;
  return {
    period: period2025(period),
    clientOffice: SEMARANG,
    enrolledOn: '2025-06-01',
    today: '2025-06-01',
    existing: [],
    ...rest,
  };
}

function existing(overrides: Partial<ExistingEnrollment> = {}): ExistingEnrollment {
  return {
    periodId: 'P2024',
    status: 'active',
    periodStart: '2024-05-01',
    periodEnd: '2024-10-31',
    ...overrides,
  };
}

/** The refusal of `input`, or undefined when it is accepted. */
function refusal(input: Input) {
  return refusalOf(() => checkEnrollment(input));
}

describe('isPeriodClosed and periodStatus', () => {
  it('reports a period closed by hand as closed while its dates still run', () => {
    const period = { endDate: '2025-12-31', closedAt: '2025-06-01T03:00:00.000Z' };

    expect(isPeriodClosed(period, '2025-06-02')).toBe(true);
    expect(periodStatus(period, '2025-06-02')).toBe('closed');
  });

  it('reports a period closed the day after its end date', () => {
    const period = { endDate: '2025-12-31' };

    expect(isPeriodClosed(period, '2026-01-01')).toBe(true);
    expect(periodStatus(period, '2026-01-01')).toBe('closed');
  });

  it('keeps a period open on its end date', () => {
    const period = { endDate: '2025-12-31' };

    expect(isPeriodClosed(period, '2025-12-31')).toBe(false);
    expect(periodStatus(period, '2025-12-31')).toBe('open');
  });

  it('reports a period that has not begun as open', () => {
    expect(periodStatus({ endDate: '2025-12-31' }, '2024-11-15')).toBe('open');
  });
});

describe('defaultEnrolledOn', () => {
  it('uses the start date when the period has not begun', () => {
    expect(defaultEnrolledOn({ startDate: '2025-01-01', endDate: '2025-12-31' }, '2024-12-15')).toBe(
      '2025-01-01',
    );
  });

  it('uses today on the start date', () => {
    expect(defaultEnrolledOn({ startDate: '2025-01-01', endDate: '2025-12-31' }, '2025-01-01')).toBe(
      '2025-01-01',
    );
  });

  it('uses today while the period runs', () => {
    expect(defaultEnrolledOn({ startDate: '2025-01-01', endDate: '2025-12-31' }, '2025-06-01')).toBe(
      '2025-06-01',
    );
  });

  it('has no default once the period has ended (a historical period needs the date)', () => {
    expect(
      defaultEnrolledOn({ startDate: '2025-01-01', endDate: '2025-12-31' }, '2026-01-01'),
    ).toBeUndefined();
  });
});

describe('historical periods', () => {
  it('stay open after their end date until closed by hand', () => {
    const period = { endDate: '2024-10-31', historical: true };

    expect(isPeriodClosed(period, '2026-12-03')).toBe(false);
    expect(periodStatus(period, '2026-12-03')).toBe('open');
    expect(isOpenHistorical(period)).toBe(true);
    expect(hasEnded(period, '2026-12-03')).toBe(true);
  });

  it('are closed once closed by hand', () => {
    const period = { endDate: '2024-10-31', historical: true, closedAt: '2026-12-03T01:00:00.000Z' };

    expect(isPeriodClosed(period, '2026-12-03')).toBe(true);
    expect(isOpenHistorical(period)).toBe(false);
  });

  it('take enrollments dated inside their dates', () => {
    const period = { endDate: '2024-10-31', startDate: '2024-05-01', historical: true };

    expect(refusal(request({ period, enrolledOn: '2024-05-13', today: '2026-12-03' }))).toBeUndefined();
    expect(refusal(request({ period, enrolledOn: '2024-11-01', today: '2026-12-03' }))?.code).toBe(
      'date_outside_period',
    );
  });
});

describe('periodCreationRefusal', () => {
  const today = '2026-12-03';

  it('refuses an ended period without "historical" (422 period_in_past)', () => {
    const r = periodCreationRefusal({ startDate: '2024-05-01', endDate: '2024-10-31' }, today);

    expect(r?.code).toBe('period_in_past');
    expect(r?.details[0]?.path).toBe('endDate');
  });

  it('accepts an ended period as historical', () => {
    expect(
      periodCreationRefusal({ startDate: '2024-05-01', endDate: '2024-10-31', historical: true }, today),
    ).toBeNull();
  });

  it('refuses "historical" for a period still running or ending today', () => {
    for (const endDate of [today, '2027-01-31']) {
      const r = periodCreationRefusal({ startDate: '2026-01-01', endDate, historical: true }, today);
      expect(r?.code, endDate).toBe('validation_failed');
      expect(r?.details[0]?.path).toBe('historical');
    }
  });

  it('accepts an ordinary period ending today or later', () => {
    expect(periodCreationRefusal({ startDate: '2026-01-01', endDate: today }, today)).toBeNull();
    expect(
      periodCreationRefusal({ startDate: '2026-01-01', endDate: today, historical: false }, today),
    ).toBeNull();
  });
});

describe('checkEnrollment', () => {
  it('accepts a client of a taking-part office, inside the dates, with room left', () => {
    expect(refusal(request())).toBeUndefined();
  });

  describe('period_closed', () => {
    it('refuses a period closed by hand with 409 period_closed', () => {
      const error = refusal(request({ period: { closedAt: '2025-05-01T00:00:00.000Z' } }));

      expect(error?.status).toBe(409);
      expect(error?.code).toBe('period_closed');
    });

    it('refuses a period whose end date has passed with 409 period_closed', () => {
      const error = refusal(request({ today: '2026-01-01', enrolledOn: '2025-12-31' }));

      expect(error?.status).toBe(409);
      expect(error?.code).toBe('period_closed');
    });

    it('accepts on the end date itself', () => {
      expect(refusal(request({ today: '2025-12-31', enrolledOn: '2025-12-31' }))).toBeUndefined();
    });
  });

  describe('office_not_in_period', () => {
    it('refuses a client of an office that does not take part with 409 office_not_in_period', () => {
      const error = refusal(request({ clientOffice: SURAKARTA }));

      expect(error?.status).toBe(409);
      expect(error?.code).toBe('office_not_in_period');
      expect(error?.details.map((d) => d.path)).toEqual(['clientId']);
    });

    it('accepts a client of either office of a joint period', () => {
      const joint = { offices: [SEMARANG, SURAKARTA] };

      expect(refusal(request({ period: joint, clientOffice: SURAKARTA }))).toBeUndefined();
      expect(refusal(request({ period: joint, clientOffice: SEMARANG }))).toBeUndefined();
    });
  });

  describe('date_outside_period', () => {
    it.each(['2025-01-01', '2025-12-31'])('accepts an enrollment date on the edge %s', (enrolledOn) => {
      expect(refusal(request({ enrolledOn }))).toBeUndefined();
    });

    it.each([
      ['the day before the start', '2024-12-31'],
      ['the day after the end', '2026-01-01'],
    ])('refuses an enrollment date on %s with 422 date_outside_period', (_label, enrolledOn) => {
      const error = refusal(request({ enrolledOn }));

      expect(error?.status).toBe(422);
      expect(error?.code).toBe('date_outside_period');
      expect(error?.details.map((d) => d.path)).toEqual(['enrolledOn']);
    });
  });

  describe('already_enrolled', () => {
    it.each(['active', 'completed', 'dropped_out', 'transferred'])(
      'refuses a second enrollment in the same period (earlier one %s) with 409 already_enrolled',
      (status) => {
        const error = refusal(
          request({
            existing: [
              existing({ periodId: 'P2025', status, periodStart: '2025-01-01', periodEnd: '2025-12-31' }),
            ],
          }),
        );

        expect(error?.status).toBe(409);
        expect(error?.code).toBe('already_enrolled');
        expect(error?.details.map((d) => d.path)).toEqual(['clientId']);
      },
    );

    it('refuses a client still active in an overlapping period with 409 already_enrolled', () => {
      const overlapping = existing({
        periodId: 'P-JOINT',
        periodStart: '2024-11-01',
        periodEnd: '2025-02-28',
      });

      const error = refusal(request({ existing: [overlapping] }));

      expect(error?.status).toBe(409);
      expect(error?.code).toBe('already_enrolled');
    });

    it('counts a period that ends on the start date as overlapping', () => {
      const touching = existing({ periodId: 'P-TOUCH', periodStart: '2024-11-01', periodEnd: '2025-01-01' });

      expect(refusal(request({ existing: [touching] }))?.code).toBe('already_enrolled');
    });

    it.each(['completed', 'dropped_out'])('accepts a client whose overlapping enrollment is %s', (status) => {
      const overlapping = existing({
        periodId: 'P-JOINT',
        status,
        periodStart: '2024-11-01',
        periodEnd: '2025-02-28',
      });

      expect(refusal(request({ existing: [overlapping] }))).toBeUndefined();
    });

    it('accepts a client active in a period that ended the day before this one starts', () => {
      // The follow-up cohort of November to December 2024, still marked active.
      const earlier = existing({ periodId: 'P2024B', periodStart: '2024-11-01', periodEnd: '2024-12-31' });

      expect(refusal(request({ existing: [earlier] }))).toBeUndefined();
    });
  });

  describe('capacity_reached', () => {
    it('refuses the 36th client of a 35-client period with 409 capacity_reached', () => {
      const error = refusal(request({ period: { capacity: 35, enrolledCount: 35 } }));

      expect(error?.status).toBe(409);
      expect(error?.code).toBe('capacity_reached');
    });

    it('accepts the 35th client of a 35-client period', () => {
      expect(refusal(request({ period: { capacity: 35, enrolledCount: 34 } }))).toBeUndefined();
    });

    it('refuses a period already over capacity', () => {
      expect(refusal(request({ period: { capacity: 5, enrolledCount: 6 } }))?.code).toBe('capacity_reached');
    });

    it('builds the same refusal through capacityReached', () => {
      const error = thrownBy(() => {
        throw capacityReached(16);
      });

      expect(error.status).toBe(409);
      expect(error.code).toBe('capacity_reached');
      expect(error.message).toContain('16');
    });
  });

  describe('order of the checks when several apply', () => {
    const full = { capacity: 35, enrolledCount: 35 };
    const sameperiod = existing({ periodId: 'P2025', periodStart: '2025-01-01', periodEnd: '2025-12-31' });

    it('reports period_closed before office_not_in_period, date_outside_period, already_enrolled and capacity', () => {
      const error = refusal(
        request({
          period: { ...full, closedAt: '2025-05-01T00:00:00.000Z' },
          clientOffice: SURAKARTA,
          enrolledOn: '2026-02-01',
          existing: [sameperiod],
        }),
      );

      expect(error?.code).toBe('period_closed');
    });

    it('reports period_closed (end date passed) before date_outside_period', () => {
      const error = refusal(request({ today: '2026-01-05', enrolledOn: '2026-01-05' }));

      expect(error?.code).toBe('period_closed');
    });

    it('reports office_not_in_period before date_outside_period, already_enrolled and capacity', () => {
      const error = refusal(
        request({ period: full, clientOffice: SURAKARTA, enrolledOn: '2024-12-31', existing: [sameperiod] }),
      );

      expect(error?.code).toBe('office_not_in_period');
    });

    it('reports date_outside_period before already_enrolled and capacity', () => {
      const error = refusal(request({ period: full, enrolledOn: '2024-12-31', existing: [sameperiod] }));

      expect(error?.code).toBe('date_outside_period');
    });

    it('reports already_enrolled before capacity_reached', () => {
      const error = refusal(request({ period: full, existing: [sameperiod] }));

      expect(error?.code).toBe('already_enrolled');
    });
  });
});
