import { describe, expect, it } from 'vitest';
import {
  assessmentPayload,
  enrollmentEndPayload,
  enrollmentPayload,
  outcomePayload,
} from '../../web/src/lib/payloads';
import {
  canManageEnrollment,
  canManageOfficers,
  canRecordAssessment,
  canRecordOutcome,
  canRegisterClient,
} from '../../web/src/lib/roles';

const ULID = '01M8HQPYSBGW8K97HPQ2KP37D2';
const paths = (errors: { path: string }[]) => errors.map((e) => e.path);
/** responses.{1..n} form values from an array ('' = tidak dijawab). */
const answers = (values: (number | '')[]) =>
  Object.fromEntries(values.map((v, i) => [String(i + 1), String(v)]));

describe('enrollmentPayload', () => {
  it('sends the client and leaves an empty date to the API default', () => {
    expect(enrollmentPayload({ clientId: ` ${ULID} `, enrolledOn: '' })).toEqual({
      payload: { clientId: ULID },
      errors: [],
    });
    expect(enrollmentPayload({ clientId: ULID, enrolledOn: '2026-11-02' }).payload).toEqual({
      clientId: ULID,
      enrolledOn: '2026-11-02',
    });
  });

  it('asks for a client and a valid date', () => {
    expect(paths(enrollmentPayload({}).errors)).toEqual(['clientId']);
    expect(paths(enrollmentPayload({ clientId: 'abc', enrolledOn: '2/11/2026' }).errors)).toEqual([
      'clientId',
      'enrolledOn',
    ]);
  });
});

describe('enrollmentEndPayload', () => {
  it('builds status, date and an optional reason', () => {
    expect(
      enrollmentEndPayload({ status: 'dropped_out', date: '2026-11-20', reason: ' pindah kota ' }),
    ).toEqual({
      payload: { status: 'dropped_out', date: '2026-11-20', reason: 'pindah kota' },
      errors: [],
    });
    expect(enrollmentEndPayload({ status: 'completed', date: '2026-11-20', reason: '' }).payload).toEqual({
      status: 'completed',
      date: '2026-11-20',
    });
  });

  it('refuses an unknown status, a missing date and a date before enrolment', () => {
    expect(paths(enrollmentEndPayload({ status: 'active', date: '' }).errors)).toEqual(['status', 'date']);
    expect(
      paths(enrollmentEndPayload({ status: 'transferred', date: '2026-10-01' }, '2026-10-02').errors),
    ).toEqual(['date']);
    expect(enrollmentEndPayload({ status: 'transferred', date: '2026-10-02' }, '2026-10-02').errors).toEqual(
      [],
    );
    expect(
      paths(
        enrollmentEndPayload({ status: 'completed', date: '2026-10-02', reason: 'x'.repeat(1001) }).errors,
      ),
    ).toEqual(['reason']);
  });
});

describe('outcomePayload', () => {
  it('accepts the four types with an optional note', () => {
    for (const type of ['relapse', 'reoffense', 'rearrest', 'parole_revoked']) {
      expect(outcomePayload({ type, date: '2026-11-01', note: '' })).toEqual({
        payload: { type, date: '2026-11-01' },
        errors: [],
      });
    }
    expect(outcomePayload({ type: 'relapse', date: '2026-11-01', note: 'tes positif' }).payload.note).toBe(
      'tes positif',
    );
  });

  it('refuses other types, a bad date and a long note', () => {
    expect(
      paths(outcomePayload({ type: 'death', date: '01-11-2026', note: 'x'.repeat(2001) }).errors),
    ).toEqual(['type', 'date', 'note']);
  });
});

describe('assessmentPayload', () => {
  // The public worked example in docs/instruments.md.
  const whoqol = [4, 3, 2, 1, 4, 4, 3, 4, 3, 4, 3, 2, 4, 3, 5, 3, 4, 4, 4, 4, 3, 4, 4, 3, 3, 2];
  const urica = [
    2, 4, 4, 4, 1, 3, 4, 5, 3, 4, 1, 4, 2, 3, 5, 3, 4, 2, 4, 4, 4, 3, 2, 5, 4, 1, 3, 3, 2, 4, 2, 3,
  ];

  it('turns the radio answers into 26 or 32 numbers in item order', () => {
    const w = assessmentPayload('whoqol-bref', {
      phase: 'pre',
      date: '2026-11-03',
      responses: answers(whoqol),
    });
    expect(w).toEqual({
      payload: { instrument: 'whoqol-bref', phase: 'pre', date: '2026-11-03', responses: whoqol },
      errors: [],
    });
    const u = assessmentPayload('urica', { phase: 'post', date: '2026-11-03', responses: answers(urica) });
    expect(u.payload.responses).toEqual(urica);
    expect(u.errors).toEqual([]);
  });

  it('sends "tidak dijawab", missing and out-of-range answers as null', () => {
    const values: (number | '')[] = [...whoqol];
    values[0] = '';
    values[25] = '';
    const r = assessmentPayload('whoqol-bref', {
      phase: 'mid',
      date: '2026-11-03',
      responses: { ...answers(values), '3': '7', '4': undefined },
    });
    expect(r.payload.responses).toHaveLength(26);
    expect(r.payload.responses.filter((x: number | null) => x === null)).toHaveLength(4);
    expect([
      r.payload.responses[0],
      r.payload.responses[2],
      r.payload.responses[3],
      r.payload.responses[25],
    ]).toEqual([null, null, null, null]);
    expect(r.errors).toEqual([]);
  });

  it('stops a WHOQOL-BREF with 6 or more unanswered items (21 answered is fine)', () => {
    const five = whoqol.map((v, i) => (i < 5 ? '' : v));
    expect(
      assessmentPayload('whoqol-bref', { phase: 'pre', date: '2026-11-03', responses: answers(five) }).errors,
    ).toEqual([]);
    const six = whoqol.map((v, i) => (i < 6 ? '' : v));
    expect(
      paths(
        assessmentPayload('whoqol-bref', { phase: 'pre', date: '2026-11-03', responses: answers(six) })
          .errors,
      ),
    ).toEqual(['responses']);
  });

  it('stops a URICA with a subscale missing two items, naming the items', () => {
    const one = urica.map((v, i) => (i === 0 ? '' : v)); // precontemplation 6 of 7
    expect(
      assessmentPayload('urica', { phase: 'pre', date: '2026-11-03', responses: answers(one) }).errors,
    ).toEqual([]);
    const two = urica.map((v, i) => (i === 0 || i === 4 ? '' : v));
    const errors = assessmentPayload('urica', {
      phase: 'pre',
      date: '2026-11-03',
      responses: answers(two),
    }).errors;
    expect(paths(errors)).toEqual(['responses']);
    expect(errors[0]?.message).toContain('butir 1, 5');
    // Unscored items (4, 9, 20, 31) may all be empty.
    const unscored = urica.map((v, i) => ([3, 8, 19, 30].includes(i) ? '' : v));
    expect(
      assessmentPayload('urica', { phase: 'pre', date: '2026-11-03', responses: answers(unscored) }).errors,
    ).toEqual([]);
  });

  it('asks for the phase and date, and knows only the two instruments', () => {
    expect(
      paths(assessmentPayload('urica', { phase: 'later', date: '', responses: answers(urica) }).errors),
    ).toEqual(['phase', 'date']);
    expect(() => assessmentPayload('phq-9', {})).toThrow();
  });
});

const ROLES_IN_ORDER = ['pk', 'kasi', 'admin', 'konselor', 'viewer'] as const;

describe('roles for enrolment forms', () => {
  it('lets pk, kasi and admin manage enrolments; konselor only assessments', () => {
    expect(ROLES_IN_ORDER.map(canManageEnrollment)).toEqual([true, true, true, false, false]);
    expect(ROLES_IN_ORDER.map(canRecordAssessment)).toEqual([true, true, true, true, false]);
    expect(ROLES_IN_ORDER.map(canRecordOutcome)).toEqual([true, true, true, false, false]);
  });

  it('offers client registration to everyone the API lets register (admin too)', () => {
    expect(ROLES_IN_ORDER.map(canRegisterClient)).toEqual([true, true, true, false, false]);
  });

  it('offers the Petugas screen to admin and kasi only', () => {
    expect(ROLES_IN_ORDER.map(canManageOfficers)).toEqual([false, true, true, false, false]);
  });
});
