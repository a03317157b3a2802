import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_TYPES,
  type ActivityType,
  applyActivity,
  dueDates,
  dueEntries,
  EMPTY_STATE,
  earliestDue,
  isOpeningComplete,
  nextExpected,
  type ProtocolRefusal,
  type ProtocolState,
  protocolRefusal,
  protocolView,
} from '../../shared/domain/protocol';

// docs/domain.md: the program used to open with a urine test and a group meeting; now it opens with
// a home visit first. Periods of both kinds run side by side.
const NEW_OPENING: readonly ActivityType[] = ['home_visit', 'urine_test', 'group_meeting'];
const OLD_OPENING: readonly ActivityType[] = ['urine_test', 'group_meeting'];

interface Step {
  type: ActivityType;
  date: string;
}

/**
 * Records `steps` one after the other as the service does: ask protocolRefusal, and apply the
 * activity only when it is accepted. Stops at the first refusal and says which step it was.
 */
function replay(
  opening: readonly ActivityType[],
  steps: readonly Step[],
  from: ProtocolState = EMPTY_STATE,
): { state: ProtocolState; refused?: { index: number; refusal: ProtocolRefusal } } {
  let state = from;
  for (const [index, step] of steps.entries()) {
    const refusal = protocolRefusal(opening, state, step.type, step.date);
    if (refusal) return { state, refused: { index, refusal } };
    state = applyActivity(opening, state, { ...step, id: `A${index + 1}` });
  }
  return { state };
}

/** The state after `steps`, failing the test if any of them is refused (setup, not subject). */
function stateAfter(opening: readonly ActivityType[], steps: readonly Step[]): ProtocolState {
  const { state, refused } = replay(opening, steps);
  if (refused) throw new Error(`setup step ${refused.index} refused: ${JSON.stringify(refused.refusal)}`);
  return state;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// A client enrolled in the 2025 Semarang period opens the new protocol in January.
const NEW_OPENING_DONE: Step[] = [
  { type: 'home_visit', date: '2025-01-10' },
  { type: 'urine_test', date: '2025-01-12' },
  { type: 'group_meeting', date: '2025-01-15' },
];

describe('protocol order: old and new protocols side by side', () => {
  const oldOrder: Step[] = [
    { type: 'urine_test', date: '2025-01-10' },
    { type: 'group_meeting', date: '2025-01-12' },
  ];

  it('accepts the old opening (urine test, group meeting) in an old-protocol period', () => {
    const { state, refused } = replay(OLD_OPENING, oldOrder);

    expect(refused).toBeUndefined();
    expect(isOpeningComplete(OLD_OPENING, state)).toBe(true);
  });

  it('refuses the same old opening in a new-protocol period, expecting a home visit first', () => {
    const { refused } = replay(NEW_OPENING, oldOrder);

    expect(refused).toEqual({ index: 0, refusal: { reason: 'wrong_type', expected: 'home_visit' } });
  });

  it('accepts the new opening (home visit, urine test, group meeting) in a new-protocol period', () => {
    const { state, refused } = replay(NEW_OPENING, NEW_OPENING_DONE);

    expect(refused).toBeUndefined();
    expect(isOpeningComplete(NEW_OPENING, state)).toBe(true);
  });

  it('refuses the same new opening in an old-protocol period, expecting a urine test first', () => {
    const { refused } = replay(OLD_OPENING, NEW_OPENING_DONE);

    expect(refused).toEqual({ index: 0, refusal: { reason: 'wrong_type', expected: 'urine_test' } });
  });
});

describe('protocolRefusal during the opening', () => {
  it('refuses a group meeting right after the home visit and names the urine test as expected', () => {
    const state = stateAfter(NEW_OPENING, [{ type: 'home_visit', date: '2025-01-10' }]);

    const refusal = protocolRefusal(NEW_OPENING, state, 'group_meeting', '2025-01-12');

    expect(refusal).toEqual({ reason: 'wrong_type', expected: 'urine_test' });
  });

  it('refuses counselling before the opening is done, naming the next opening type', () => {
    const state = stateAfter(NEW_OPENING, NEW_OPENING_DONE.slice(0, 2));

    const refusal = protocolRefusal(NEW_OPENING, state, 'counseling', '2025-01-20');

    expect(refusal).toEqual({ reason: 'wrong_type', expected: 'group_meeting' });
  });

  it('refuses an opening step dated before the previous step', () => {
    const state = stateAfter(NEW_OPENING, [{ type: 'home_visit', date: '2025-01-10' }]);

    const refusal = protocolRefusal(NEW_OPENING, state, 'urine_test', '2025-01-09');

    expect(refusal).toEqual({
      reason: 'before_previous_step',
      expected: 'urine_test',
      notBefore: '2025-01-10',
    });
  });

  it('accepts an opening step dated the same day as the previous step', () => {
    const state = stateAfter(NEW_OPENING, [{ type: 'home_visit', date: '2025-01-10' }]);

    const refusal = protocolRefusal(NEW_OPENING, state, 'urine_test', '2025-01-10');

    expect(refusal).toBeNull();
  });

  it('accepts any first opening step date (nothing precedes it)', () => {
    const refusal = protocolRefusal(NEW_OPENING, EMPTY_STATE, 'home_visit', '2025-01-01');

    expect(refusal).toBeNull();
  });
});

describe('protocolRefusal after the opening', () => {
  const complete = stateAfter(NEW_OPENING, NEW_OPENING_DONE);

  it.each(ACTIVITY_TYPES)('accepts a %s once the opening is done', (type) => {
    const refusal = protocolRefusal(NEW_OPENING, complete, type, '2025-02-01');

    expect(refusal).toBeNull();
  });

  it('accepts activities in any order, each dated on or after the last opening step', () => {
    const { refused } = replay(
      NEW_OPENING,
      [
        { type: 'counseling', date: '2025-01-15' },
        { type: 'group_meeting', date: '2025-02-20' },
        { type: 'home_visit', date: '2025-02-01' },
        { type: 'urine_test', date: '2025-01-16' },
        { type: 'counseling', date: '2025-01-20' },
      ],
      complete,
    );

    expect(refused).toBeUndefined();
  });

  it('refuses an activity dated before the last opening step, naming that date', () => {
    const refusal = protocolRefusal(NEW_OPENING, complete, 'counseling', '2025-01-14');

    expect(refusal).toEqual({ reason: 'before_opening_complete', notBefore: '2025-01-15' });
  });

  it('refuses an activity dated between two opening steps (the opening was not yet done then)', () => {
    const refusal = protocolRefusal(NEW_OPENING, complete, 'home_visit', '2025-01-13');

    expect(refusal).toEqual({ reason: 'before_opening_complete', notBefore: '2025-01-15' });
  });
});

describe('protocolRefusal with an empty opening', () => {
  it.each(ACTIVITY_TYPES)('accepts a %s as the first activity', (type) => {
    expect(protocolRefusal([], EMPTY_STATE, type, '2025-01-10')).toBeNull();
  });

  it('accepts activities in any order and on any date', () => {
    const { state, refused } = replay(
      [],
      [
        { type: 'counseling', date: '2025-03-01' },
        { type: 'urine_test', date: '2025-01-05' },
        { type: 'home_visit', date: '2025-02-10' },
      ],
    );

    expect(refused).toBeUndefined();
    expect(state.openingDone).toEqual([]);
    expect(protocolView([], state)).toEqual({ opening: [], done: [], nextExpected: null, complete: true });
  });
});

describe('protocol order with a repeated type in the opening', () => {
  const TWO_VISITS: readonly ActivityType[] = ['home_visit', 'home_visit'];

  it('expects the second home visit before anything else', () => {
    const state = stateAfter(TWO_VISITS, [{ type: 'home_visit', date: '2025-01-10' }]);

    const refusal = protocolRefusal(TWO_VISITS, state, 'urine_test', '2025-01-12');

    expect(refusal).toEqual({ reason: 'wrong_type', expected: 'home_visit' });
    expect(isOpeningComplete(TWO_VISITS, state)).toBe(false);
  });

  it('completes the opening after two home visits and then accepts any type', () => {
    const state = stateAfter(TWO_VISITS, [
      { type: 'home_visit', date: '2025-01-10' },
      { type: 'home_visit', date: '2025-01-17' },
    ]);

    expect(protocolView(TWO_VISITS, state)).toEqual({
      opening: ['home_visit', 'home_visit'],
      done: ['home_visit', 'home_visit'],
      nextExpected: null,
      complete: true,
    });
    expect(protocolRefusal(TWO_VISITS, state, 'urine_test', '2025-01-17')).toBeNull();
  });

  it('refuses the second home visit dated before the first', () => {
    const state = stateAfter(TWO_VISITS, [{ type: 'home_visit', date: '2025-01-10' }]);

    const refusal = protocolRefusal(TWO_VISITS, state, 'home_visit', '2025-01-08');

    expect(refusal).toEqual({
      reason: 'before_previous_step',
      expected: 'home_visit',
      notBefore: '2025-01-10',
    });
  });
});

describe('applyActivity', () => {
  it('appends the activity to openingDone during the opening', () => {
    const state = stateAfter(NEW_OPENING, [{ type: 'home_visit', date: '2025-01-10' }]);

    const next = applyActivity(NEW_OPENING, state, { type: 'urine_test', date: '2025-01-12', id: 'U1' });

    expect(next.openingDone).toEqual([
      { type: 'home_visit', date: '2025-01-10', id: 'A1' },
      { type: 'urine_test', date: '2025-01-12', id: 'U1' },
    ]);
  });

  it('leaves openingDone unchanged once the opening is complete', () => {
    const complete = stateAfter(NEW_OPENING, NEW_OPENING_DONE);

    const next = applyActivity(NEW_OPENING, complete, { type: 'counseling', date: '2025-02-01', id: 'C1' });

    expect(next.openingDone).toEqual(complete.openingDone);
    expect(next.openingDone.map((s) => s.id)).toEqual(['A1', 'A2', 'A3']);
  });

  it('keeps the latest date in lastDone when a back-dated entry arrives', () => {
    const complete = stateAfter(NEW_OPENING, NEW_OPENING_DONE);
    const march = applyActivity(NEW_OPENING, complete, { type: 'urine_test', date: '2025-03-01', id: 'U2' });

    const backDated = applyActivity(NEW_OPENING, march, { type: 'urine_test', date: '2025-02-01', id: 'U3' });

    expect(backDated.lastDone.urine_test).toBe('2025-03-01');
  });

  it('moves lastDone forward when a later entry arrives', () => {
    const complete = stateAfter(NEW_OPENING, NEW_OPENING_DONE);

    const next = applyActivity(NEW_OPENING, complete, { type: 'urine_test', date: '2025-02-01', id: 'U2' });

    expect(next.lastDone).toEqual({
      home_visit: '2025-01-10',
      urine_test: '2025-02-01',
      group_meeting: '2025-01-15',
    });
  });

  it('counts activities per type, back-dated ones included', () => {
    const state = stateAfter(NEW_OPENING, [
      ...NEW_OPENING_DONE,
      { type: 'urine_test', date: '2025-02-01' },
      { type: 'urine_test', date: '2025-01-20' },
      { type: 'counseling', date: '2025-01-25' },
    ]);

    expect(state.counts).toEqual({ home_visit: 1, urine_test: 3, group_meeting: 1, counseling: 1 });
  });

  it('does not mutate the state it is given', () => {
    const state = deepFreeze(stateAfter(NEW_OPENING, [{ type: 'home_visit', date: '2025-01-10' }]));
    const before = structuredClone(state);

    const next = applyActivity(NEW_OPENING, state, { type: 'urine_test', date: '2025-01-12', id: 'U1' });

    expect(state).toEqual(before);
    expect(next).not.toBe(state);
    expect(next.openingDone).toHaveLength(2);
  });

  it('leaves EMPTY_STATE empty for the next enrollment', () => {
    applyActivity(NEW_OPENING, EMPTY_STATE, { type: 'home_visit', date: '2025-01-10', id: 'H1' });

    expect(EMPTY_STATE).toEqual({ openingDone: [], lastDone: {}, counts: {} });
  });
});

describe('nextExpected, isOpeningComplete and protocolView', () => {
  it('expects the first opening type of a fresh enrollment', () => {
    expect(nextExpected(NEW_OPENING, EMPTY_STATE)).toBe('home_visit');
    expect(nextExpected(OLD_OPENING, EMPTY_STATE)).toBe('urine_test');
    expect(isOpeningComplete(NEW_OPENING, EMPTY_STATE)).toBe(false);
  });

  it('shows the opening, the steps done and the next expected type midway', () => {
    const state = stateAfter(NEW_OPENING, [{ type: 'home_visit', date: '2025-01-10' }]);

    expect(protocolView(NEW_OPENING, state)).toEqual({
      opening: ['home_visit', 'urine_test', 'group_meeting'],
      done: ['home_visit'],
      nextExpected: 'urine_test',
      complete: false,
    });
  });

  it('shows no next expected type and complete once the opening is done', () => {
    const state = stateAfter(NEW_OPENING, [...NEW_OPENING_DONE, { type: 'counseling', date: '2025-01-20' }]);

    expect(protocolView(NEW_OPENING, state)).toEqual({
      opening: ['home_visit', 'urine_test', 'group_meeting'],
      done: ['home_visit', 'urine_test', 'group_meeting'],
      nextExpected: null,
      complete: true,
    });
  });

  it('returns a copy of the opening, not the period protocol itself', () => {
    const view = protocolView(NEW_OPENING, EMPTY_STATE);

    view.opening.push('counseling');

    expect(NEW_OPENING).toEqual(['home_visit', 'urine_test', 'group_meeting']);
  });
});

describe('dueDates', () => {
  const ENROLLED_ON = '2025-01-06';
  const NONE: readonly ActivityType[] = [];

  it('during the opening, lists only the next expected step, due from the enrollment date', () => {
    const dues = dueDates(NEW_OPENING, { home_visit: 30, urine_test: 14 }, EMPTY_STATE, ENROLLED_ON);

    expect(dues).toStrictEqual({ home_visit: ENROLLED_ON });
  });

  it('during the opening, makes the next step due from the previous step, even without a cadence', () => {
    const state = stateAfter(NEW_OPENING, NEW_OPENING_DONE.slice(0, 1));

    const dues = dueDates(NEW_OPENING, {}, state, ENROLLED_ON);

    expect(dues).toStrictEqual({ urine_test: NEW_OPENING_DONE[0]!.date });
  });

  it("after the opening, makes a cadence type never done due from the opening's completion", () => {
    const state = stateAfter(NEW_OPENING, NEW_OPENING_DONE);

    const dues = dueDates(NEW_OPENING, { counseling: 7 }, state, ENROLLED_ON);

    expect(dues).toStrictEqual({ counseling: NEW_OPENING_DONE.at(-1)!.date });
  });

  it('with an empty opening, makes a type never done due on the enrollment date', () => {
    const dues = dueDates(NONE, { home_visit: 30, urine_test: 14 }, EMPTY_STATE, ENROLLED_ON);

    expect(dues).toStrictEqual({ home_visit: ENROLLED_ON, urine_test: ENROLLED_ON });
  });

  it('makes a type done due its cadence after the last one done', () => {
    const state: ProtocolState = {
      openingDone: [],
      lastDone: { urine_test: '2025-01-10' },
      counts: { urine_test: 1 },
    };

    const dues = dueDates(NONE, { urine_test: 14 }, state, ENROLLED_ON);

    expect(dues).toStrictEqual({ urine_test: '2025-01-24' });
  });

  it.each([
    { last: '2025-01-25', days: 14, due: '2025-02-08', boundary: 'a month' },
    { last: '2024-12-20', days: 14, due: '2025-01-03', boundary: 'a year' },
    { last: '2024-02-20', days: 14, due: '2024-03-05', boundary: 'February of a leap year' },
    { last: '2025-02-20', days: 14, due: '2025-03-06', boundary: 'February of a common year' },
  ])('adds the cadence across $boundary ($last + $days = $due)', ({ last, days, due }) => {
    const state: ProtocolState = {
      openingDone: [],
      lastDone: { home_visit: last },
      counts: { home_visit: 1 },
    };

    const dues = dueDates(NONE, { home_visit: days }, state, '2024-01-01');

    expect(dues.home_visit).toBe(due);
  });

  it('lists only types with a cadence, even when others were done', () => {
    const state = stateAfter(NEW_OPENING, [...NEW_OPENING_DONE, { type: 'counseling', date: '2025-01-20' }]);

    const dues = dueDates(NEW_OPENING, { urine_test: 14, group_meeting: 7 }, state, ENROLLED_ON);

    expect(dues).toStrictEqual({ urine_test: '2025-01-26', group_meeting: '2025-01-22' });
  });

  it('lists nothing for a completed opening without cadences', () => {
    const state = stateAfter(NEW_OPENING, NEW_OPENING_DONE);

    expect(dueDates(NEW_OPENING, {}, state, ENROLLED_ON)).toStrictEqual({});
  });
});

describe('earliestDue', () => {
  it('is undefined when nothing is due', () => {
    expect(earliestDue({})).toBeUndefined();
  });

  it('picks the earliest of the due dates whatever the type', () => {
    const earliest = earliestDue({
      home_visit: '2025-03-01',
      urine_test: '2025-02-20',
      group_meeting: '2025-02-10',
      counseling: '2025-02-15',
    });

    expect(earliest).toBe('2025-02-10');
  });
});

describe('dueEntries', () => {
  const DUES = {
    home_visit: '2025-03-01',
    urine_test: '2025-02-10',
    group_meeting: '2025-02-20',
    counseling: '2025-02-15',
  } as const;

  it('lists entries due before `before`, leaving out one due on that date', () => {
    const entries = dueEntries(DUES, '2025-03-01', '2025-02-01');

    expect(entries.map((e) => e.type)).toEqual(['urine_test', 'group_meeting', 'counseling']);
  });

  it('marks overdue only what was due before today; due today is not overdue', () => {
    const entries = dueEntries(DUES, '2025-03-01', '2025-02-15');

    expect(entries).toEqual([
      { type: 'urine_test', dueDate: '2025-02-10', overdue: true },
      { type: 'group_meeting', dueDate: '2025-02-20', overdue: false },
      { type: 'counseling', dueDate: '2025-02-15', overdue: false },
    ]);
  });

  it('orders entries by ACTIVITY_TYPES, not by the order of the due dates', () => {
    const dues = {
      counseling: '2025-01-01',
      group_meeting: '2025-01-02',
      urine_test: '2025-01-03',
      home_visit: '2025-01-04',
    };

    const entries = dueEntries(dues, '2025-12-31', '2025-01-01');

    expect(entries.map((e) => e.type)).toEqual([...ACTIVITY_TYPES]);
  });

  it('lists nothing when nothing is due before `before`', () => {
    expect(dueEntries(DUES, '2025-02-10', '2025-02-01')).toEqual([]);
    expect(dueEntries({}, '2025-12-31', '2025-02-01')).toEqual([]);
  });
});
