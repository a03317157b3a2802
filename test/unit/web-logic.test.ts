import { describe, expect, it } from 'vitest';
import { attendeeDetails, describeError, placeDetails } from '../../web/src/lib/errors';
import {
  daysBetween,
  dueText,
  formatDate,
  formatNumber,
  formatShortDate,
  todayIso,
} from '../../web/src/lib/format';
import { decodeJwtPayload, roleFromClaims, sessionFromToken } from '../../web/src/lib/jwt';
import {
  activityPayload,
  clientPayload,
  groupMeetingPayload,
  homeVisitPayload,
  newIdempotencyKey,
  urineTestPayload,
} from '../../web/src/lib/payloads';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const jwt = (payload: object) => `${b64url('{"alg":"RS256"}')}.${b64url(JSON.stringify(payload))}.c2ln`;
const ULID = '01M8HQPYSBGW8K97HPQ2KP37D2';

describe('web/lib/jwt', () => {
  it('decodes the payload, including UTF-8 and base64url characters', () => {
    const token = jwt({ sub: 'ab?>', name: 'Budi Śantoso', 'cognito:groups': ['pk'] });
    expect(decodeJwtPayload(token)).toEqual({ sub: 'ab?>', name: 'Budi Śantoso', 'cognito:groups': ['pk'] });
  });

  it('returns null for anything that is not a JWT', () => {
    for (const t of ['', 'abc', 'a.b', 'a.!!!.c', `a.${b64url('[1]')}.c`, `a.${b64url('nope')}.c`, null]) {
      expect(decodeJwtPayload(t as string)).toBeNull();
    }
  });

  it('reads role and office; the role from an array or the "[a b]" string form', () => {
    const now = Date.UTC(2026, 10, 29);
    const s = sessionFromToken(
      jwt({ sub: 'u1', 'cognito:groups': ['pk'], 'custom:office': 'bapas-semarang', exp: now / 1000 + 60 }),
      now,
    );
    expect(s).toEqual({
      role: 'pk',
      office: 'bapas-semarang',
      sub: 'u1',
      expiresAt: now + 60_000,
      expired: false,
    });
    expect(roleFromClaims({ 'cognito:groups': '[viewer]' })).toBe('viewer');
    expect(roleFromClaims({ 'cognito:groups': ['nobody'] })).toBeNull();
  });

  it('marks an expired token and refuses one without role or office', () => {
    const now = Date.UTC(2026, 10, 29);
    const claims = {
      sub: 'u2',
      'cognito:groups': ['kasi'],
      'custom:office': 'bapas-pati',
      exp: now / 1000 - 1,
    };
    expect(sessionFromToken(jwt(claims), now)?.expired).toBe(true);
    // The server's rule (shared/domain/actor.ts): no subject, or two roles, is no session.
    expect(sessionFromToken(jwt({ ...claims, sub: undefined }), now)).toBeNull();
    expect(sessionFromToken(jwt({ ...claims, 'cognito:groups': ['kasi', 'pk'] }), now)).toBeNull();
    expect(sessionFromToken(jwt({ ...claims, 'custom:office': undefined }), now)).toBeNull();
    expect(sessionFromToken(jwt({ ...claims, 'cognito:groups': [] }), now)).toBeNull();
  });
});

describe('web/lib/format', () => {
  it('formats dates in Indonesian', () => {
    expect(formatDate('2026-11-29')).toBe('29 November 2026');
    expect(formatDate('2025-05-01')).toBe('1 Mei 2025');
    expect(formatShortDate('2025-08-17')).toBe('17 Agu 2025');
    expect(formatDate('bukan tanggal')).toBe('bukan tanggal');
    expect(formatDate('2025-13-01')).toBe('2025-13-01');
  });

  it('gives today in the province time zone, not UTC', () => {
    const lateUtc = new Date('2026-11-28T18:30:00Z'); // 01:30 on the 29th in WIB, 03:30 WIT
    expect(todayIso('Asia/Jakarta', lateUtc)).toBe('2026-11-29');
    expect(todayIso('Asia/Jayapura', lateUtc)).toBe('2026-11-29');
    expect(todayIso('UTC', lateUtc)).toBe('2026-11-28');
  });

  it('describes due dates against today', () => {
    expect(daysBetween('2026-11-02', '2026-11-29')).toBe(27);
    expect(dueText('2026-11-02', '2026-11-29')).toBe('terlambat 27 hari');
    expect(dueText('2026-11-29', '2026-11-29')).toBe('hari ini');
    expect(dueText('2026-11-30', '2026-11-29')).toBe('besok');
    expect(dueText('2026-12-04', '2026-11-29')).toBe('dalam 5 hari');
    expect(formatNumber(46.875)).toBe('46,9');
    expect(formatNumber(50, 0)).toBe('50');
  });
});

describe('web/lib/payloads', () => {
  it('builds a home visit: trims text, integer family support, leaves an empty follow-up out', () => {
    const { payload, errors } = homeVisitPayload({
      date: '2026-11-29',
      present: ['client', 'parents', 'client'],
      livingSituation: '  Bersama orang tua ',
      familySupport: '4',
      riskFactors: ['idle'],
      findings: 'Rumah rapi.',
      followUp: '   ',
    });
    expect(errors).toEqual([]);
    expect(payload).toEqual({
      type: 'home_visit',
      date: '2026-11-29',
      present: ['client', 'parents'],
      livingSituation: 'Bersama orang tua',
      familySupport: 4,
      riskFactors: ['idle'],
      findings: 'Rumah rapi.',
    });
  });

  it('reports missing home visit fields in the API details shape', () => {
    const { errors } = homeVisitPayload({ date: '', present: [], familySupport: '9', riskFactors: [] });
    expect(errors.map((e: { path: string }) => e.path)).toEqual([
      'date',
      'present',
      'livingSituation',
      'familySupport',
      'findings',
    ]);
    expect(errors[0]?.message).toBe('Wajib diisi.');
    expect(errors[1]?.message).toBe('Pilih minimal satu orang yang hadir.');
  });

  it("refuses what the API's schema refuses (an unknown choice), naming the field", () => {
    const { errors } = homeVisitPayload({
      date: '2026-11-29',
      present: ['client', 'bogus'],
      livingSituation: 'x',
      familySupport: '3',
      riskFactors: [],
      findings: 'y',
    });
    expect(errors.map((e: { path: string }) => e.path)).toEqual(['present.1']);
  });

  it('sends only the substances tested', () => {
    const { payload, errors } = urineTestPayload({
      date: '2026-11-29',
      specimenId: ' U-17 ',
      results: { methamphetamine: 'negative', thc: 'positive', mdma: '' },
    });
    expect(errors).toEqual([]);
    expect(payload).toEqual({
      type: 'urine_test',
      date: '2026-11-29',
      results: { methamphetamine: 'negative', thc: 'positive' },
      specimenId: 'U-17',
    });
    // The server's own message (shared/api/schemas.ts).
    expect(urineTestPayload({ date: '2026-11-29', results: {} }).errors).toEqual([
      { path: 'results', message: 'Isi minimal satu hasil zat.' },
    ]);
    expect(
      urineTestPayload({ date: '2026-11-29', results: { cocaine: 'maybe' } }).errors.map((e) => e.path),
    ).toEqual(['results.cocaine']);
  });

  it('builds counselling with a whole-minute duration and refuses 0 or decimals', () => {
    const ok = activityPayload('counseling', {
      date: '2026-11-29',
      counselor: 'Konselor BNNP',
      topic: 'Motivasi',
      durationMinutes: '45',
    });
    expect(ok).toEqual({
      payload: {
        type: 'counseling',
        date: '2026-11-29',
        counselor: 'Konselor BNNP',
        topic: 'Motivasi',
        durationMinutes: 45,
      },
      errors: [],
    });
    for (const d of ['0', '1.5', '', '601']) {
      const r = activityPayload('counseling', {
        date: '2026-11-29',
        counselor: 'K',
        topic: 'T',
        durationMinutes: d,
      });
      expect(r.errors.map((e: { path: string }) => e.path)).toEqual(['durationMinutes']);
    }
    expect(() => activityPayload('group_meeting', {})).toThrow();
  });

  it('builds a group meeting from unique valid enrollment ids', () => {
    const { payload, errors } = groupMeetingPayload({
      date: '2026-11-29',
      topic: 'Pencegahan kekambuhan',
      facilitator: '',
      attendees: [ULID, ULID],
    });
    expect(errors).toEqual([]);
    expect(payload).toEqual({ date: '2026-11-29', topic: 'Pencegahan kekambuhan', attendees: [ULID] });
    expect(
      groupMeetingPayload({ date: '2026-11-29', topic: 'x', attendees: [ULID, 'not-an-id'] }).errors,
    ).toEqual([{ path: 'attendees.1', message: 'ID tidak valid.' }]);
    expect(groupMeetingPayload({ date: '2026-11-29', topic: 'x', attendees: [] }).errors[0]?.path).toBe(
      'attendees',
    );
  });

  it('builds a client: NIK without spaces, address only when filled, optional fields left out', () => {
    const { payload, errors } = clientPayload({
      office: 'bapas-semarang',
      registrationNumber: ' PAS-001/2025 ',
      fullName: 'Budi Santoso',
      sex: 'male',
      birthDate: '1990-05-17',
      nik: '3374 0117 0590 0003',
      phone: '',
      address: { street: '', city: 'Semarang' },
      legalStatus: 'parole',
      caseArticle: '',
    });
    expect(errors).toEqual([]);
    expect(payload).toEqual({
      office: 'bapas-semarang',
      registrationNumber: 'PAS-001/2025',
      fullName: 'Budi Santoso',
      sex: 'male',
      birthDate: '1990-05-17',
      nik: '3374011705900003',
      address: { city: 'Semarang' },
      legalStatus: 'parole',
    });
    const bad = clientPayload({
      office: 'bapas-semarang',
      nik: '123',
      supervisionStart: '2025-02-01',
      supervisionEnd: '2025-01-01',
    });
    expect(bad.errors.map((e: { path: string }) => e.path)).toEqual([
      'registrationNumber',
      'fullName',
      'sex',
      'birthDate',
      'nik',
    ]);
    // As on the server, the order of the supervision dates is judged once the fields are valid.
    const order = clientPayload({
      office: 'bapas-semarang',
      registrationNumber: 'PAS-1',
      fullName: 'Budi',
      sex: 'male',
      birthDate: '1990-05-17',
      supervisionStart: '2025-02-01',
      supervisionEnd: '2025-01-01',
    });
    expect(order.errors).toEqual([
      { path: 'supervisionEnd', message: 'Akhir masa pembimbingan tidak boleh sebelum awalnya.' },
    ]);
  });

  it('makes idempotency keys the API accepts, also without randomUUID', () => {
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9._:-]{1,255}$/);
    const fallback = newIdempotencyKey({ getRandomValues: (a: Uint8Array) => a.fill(171) });
    expect(fallback).toBe('ab'.repeat(16));
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});

describe('web/lib/errors', () => {
  it('takes the API envelope message and details', () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: 'Data yang dikirim tidak valid.',
        details: [{ path: 'topic', message: 'Wajib.' }],
      },
    };
    expect(describeError(400, body)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'Data yang dikirim tidak valid.',
      details: [{ path: 'topic', message: 'Wajib.' }],
    });
  });

  it("never shows API Gateway's English 401 or a proxy's HTML", () => {
    const e401 = describeError(401, { message: 'Unauthorized' });
    expect(e401.code).toBe('unauthorized');
    expect(e401.message).toMatch(/masuk lagi/);
    expect(describeError(502, null).message).toMatch(/server/);
  });

  it('places details on the nearest named field and keeps the rest', () => {
    const placed = placeDetails(
      [
        { path: 'results.thc', message: 'a' },
        { path: 'address.city', message: 'b' },
        { path: 'date', message: 'c' },
        { path: 'mystery', message: 'd' },
      ],
      ['results', 'address.city', 'date'],
    );
    expect(placed).toEqual({
      byField: { results: ['a'], 'address.city': ['b'], date: ['c'] },
      other: ['d'],
    });
  });

  it('names refused group meeting attendees by client', () => {
    const out = attendeeDetails(
      [
        { path: 'attendees.1', message: 'B: Urutan salah.' },
        { path: 'date', message: 'x' },
      ],
      ['A', 'B'],
      (id: string) => `Klien ${id}`,
    );
    expect(out).toEqual([
      { path: 'attendees', message: 'Klien B: Urutan salah.' },
      { path: 'date', message: 'x' },
    ]);
  });
});
