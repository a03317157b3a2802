import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, isCalendarDate, rangesOverlap, todayIn } from '../../shared/domain/dates';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    ['29 February in a common year', '2025-02-29'],
    ['29 February in a century year that is not a leap year', '1900-02-29'],
    ['30 February', '2025-02-30'],
    ['31 April', '2025-04-31'],
    ['month 13', '2025-13-01'],
    ['month 00', '2025-00-10'],
    ['day 00', '2025-01-00'],
    ['a one-digit month', '2025-1-01'],
    ['a one-digit day', '2025-01-1'],
    ['a date-time', '2025-01-01T00:00:00Z'],
    ['surrounding whitespace', ' 2025-01-01'],
    ['day-first order', '01-01-2025'],
    ['an empty string', ''],
  ])('rejects %s (%s)', (_label, value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('todayIn', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['UTC', '2026-01-01'],
    ['Asia/Jakarta', '2026-01-01'], // WIB, UTC+7: 23:30 on the 1st
    ['Asia/Makassar', '2026-01-02'], // WITA, UTC+8: 00:30 on the 2nd
    ['Asia/Jayapura', '2026-01-02'], // WIT, UTC+9: 01:30 on the 2nd
  ])('at 2026-01-01T16:30:00Z it is %s there: %s', (timeZone, expected) => {
    expect(todayIn(timeZone, new Date('2026-01-01T16:30:00Z'))).toBe(expected);
  });

  it('turns the date at local midnight in Jakarta', () => {
    expect(todayIn('Asia/Jakarta', new Date('2026-01-01T16:59:59Z'))).toBe('2026-01-01');
    expect(todayIn('Asia/Jakarta', new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02');
  });

  it('dates a 07:00 visit in Papua on the local day while UTC is still on the previous one', () => {
    const now = new Date('2026-03-01T22:00:00Z');

    expect(todayIn('Asia/Jayapura', now)).toBe('2026-03-02');
    expect(todayIn('UTC', now)).toBe('2026-03-01');
  });

  it('uses the current time when no time is given', () => {
    // prepare
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-06-15T20:00:00Z'));

    // act
    const today = todayIn('Asia/Jayapura');

    // assess
    expect(today).toBe('2030-06-16');
  });
});

describe('addDays', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2025-01-01', 365, '2026-01-01'],
    ['2025-06-15', 0, '2025-06-15'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('rangesOverlap', () => {
  it.each([
    ['b starts on the day a ends', ['2025-01-01', '2025-01-10', '2025-01-10', '2025-01-20'], true],
    ['b ends on the day a starts', ['2025-01-10', '2025-01-20', '2025-01-01', '2025-01-10'], true],
    ['b starts the day after a ends', ['2025-01-01', '2025-01-10', '2025-01-11', '2025-01-20'], false],
    ['b ends the day before a starts', ['2025-01-11', '2025-01-20', '2025-01-01', '2025-01-10'], false],
    ['b inside a', ['2025-01-01', '2025-12-31', '2025-05-01', '2025-10-31'], true],
    ['a inside b', ['2025-05-01', '2025-10-31', '2025-01-01', '2025-12-31'], true],
    ['identical ranges', ['2025-01-01', '2025-12-31', '2025-01-01', '2025-12-31'], true],
    ['the same single day', ['2025-03-03', '2025-03-03', '2025-03-03', '2025-03-03'], true],
    ['neighbouring single days', ['2025-03-03', '2025-03-03', '2025-03-04', '2025-03-04'], false],
    ['ranges across a year end', ['2024-11-01', '2024-12-31', '2024-12-31', '2025-12-31'], true],
  ] as const)('%s -> %s', (_label, [aStart, aEnd, bStart, bEnd], expected) => {
    expect(rangesOverlap(aStart, aEnd, bStart, bEnd)).toBe(expected);
  });
});
