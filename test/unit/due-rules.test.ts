import { describe, expect, it } from 'vitest';
import {
  assessmentsDue,
  type DueFacts,
  dueRows,
  earliestDueOf,
  POST_ASSESSMENT_LEAD_DAYS,
  withAssessmentDone,
} from '../../shared/domain/due';

/** An enrollment of a period ending 2025-06-30, enrolled 2025-01-10, with WHOQOL-BREF and URICA. */
const ACTIVE: DueFacts = {
  status: 'active',
  enrolledOn: '2025-01-10',
  periodEnd: '2025-06-30',
  due: { urine_test: '2025-02-01', counseling: '2025-03-01' },
  instruments: ['whoqol-bref', 'urica'],
  assessmentsDone: [],
};

describe('assessments due', () => {
  it('schedules each pre at the enrollment date and each post 14 days before the period ends', () => {
    expect(POST_ASSESSMENT_LEAD_DAYS).toBe(14);
    expect(assessmentsDue(ACTIVE)).toEqual([
      { instrument: 'whoqol-bref', phase: 'pre', dueDate: '2025-01-10' },
      { instrument: 'urica', phase: 'pre', dueDate: '2025-01-10' },
      { instrument: 'whoqol-bref', phase: 'post', dueDate: '2025-06-16' },
      { instrument: 'urica', phase: 'post', dueDate: '2025-06-16' },
    ]);
  });

  it('drops a pair once it is recorded, and never schedules mid', () => {
    const done = withAssessmentDone(ACTIVE.assessmentsDone ?? [], 'urica', 'pre');
    expect(done).toEqual([{ instrument: 'urica', phase: 'pre' }]);
    expect(withAssessmentDone(done ?? [], 'urica', 'pre')).toBeUndefined();
    expect(withAssessmentDone([], 'urica', 'mid')).toBeUndefined();
    const due = assessmentsDue({ ...ACTIVE, assessmentsDone: done });
    expect(due.map((a) => `${a.instrument}:${a.phase}`)).toEqual([
      'whoqol-bref:pre',
      'whoqol-bref:post',
      'urica:post',
    ]);
  });

  it('makes the post due at once for a client who joined within the last 14 days', () => {
    const late = { ...ACTIVE, enrolledOn: '2025-06-25', instruments: ['urica'] };
    expect(assessmentsDue(late)).toEqual([
      { instrument: 'urica', phase: 'pre', dueDate: '2025-06-25' },
      { instrument: 'urica', phase: 'post', dueDate: '2025-06-25' },
    ]);
  });

  it('schedules nothing for an ended enrollment or an item from before tracking', () => {
    expect(assessmentsDue({ ...ACTIVE, status: 'completed' })).toEqual([]);
    expect(assessmentsDue({ ...ACTIVE, assessmentsDone: undefined })).toEqual([]);
    expect(assessmentsDue({ ...ACTIVE, instruments: undefined })).toEqual([]);
  });
});

describe('earliestDueOf', () => {
  it('takes the earliest of activities and assessments (the due index key)', () => {
    expect(earliestDueOf(ACTIVE)).toBe('2025-01-10');
    expect(
      earliestDueOf({
        ...ACTIVE,
        assessmentsDone: [
          { instrument: 'whoqol-bref', phase: 'pre' },
          { instrument: 'urica', phase: 'pre' },
        ],
      }),
    ).toBe('2025-02-01');
    expect(earliestDueOf({ ...ACTIVE, status: 'dropped_out' })).toBeUndefined();
    expect(earliestDueOf({ ...ACTIVE, due: {}, assessmentsDone: undefined })).toBeUndefined();
  });
});

describe('dueRows', () => {
  it('lists activities and assessments before the date, by date, overdue before today', () => {
    const rows = dueRows(ACTIVE, '2025-03-01', '2025-02-01');
    expect(rows).toEqual([
      { type: 'assessment', instrument: 'whoqol-bref', phase: 'pre', dueDate: '2025-01-10', overdue: true },
      { type: 'assessment', instrument: 'urica', phase: 'pre', dueDate: '2025-01-10', overdue: true },
      { type: 'urine_test', dueDate: '2025-02-01', overdue: false },
    ]);
  });

  it('filters by one activity type, or by assessments', () => {
    expect(dueRows(ACTIVE, '2025-12-31', '2025-02-01', 'counseling')).toEqual([
      { type: 'counseling', dueDate: '2025-03-01', overdue: false },
    ]);
    expect(dueRows(ACTIVE, '2025-12-31', '2025-02-01', 'assessment').map((r) => r.dueDate)).toEqual([
      '2025-01-10',
      '2025-01-10',
      '2025-06-16',
      '2025-06-16',
    ]);
    expect(dueRows(ACTIVE, '2025-12-31', '2025-02-01', 'home_visit')).toEqual([]);
  });

  it('lists nothing for an enrollment that ended', () => {
    expect(dueRows({ ...ACTIVE, status: 'transferred' }, '2025-12-31', '2025-02-01')).toEqual([]);
  });
});
