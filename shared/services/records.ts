import { ulid } from 'ulid';
import {
  createActivityBody,
  createAssessmentBody,
  createGroupMeetingBody,
  createOutcomeBody,
  idParams,
} from '../api/schemas';
import { config } from '../config';
import { keys } from '../data/keys';
import { getItems } from '../data/read';
import { conditionFailed, executeWrite, putNew, type TxItem } from '../data/write';
import { canReadEnrollment, RECORD_WRITERS, requireRole } from '../domain/access';
import { todayIn } from '../domain/dates';
import { applyActivity, type ProtocolRefusal, protocolRefusal } from '../domain/protocol';
import { checkRecordDate } from '../domain/records';
import { scoreUrica, scoreWhoqolBref } from '../domain/scoring';
import { ApiError, type ErrorDetail, errors } from '../errors';
import type { ApiRequest, ApiResponse } from '../http';
import { validate } from '../validation';
import {
  type EnrollmentItem,
  loadEnrollment,
  nextEnrollment,
  periodProtocol,
  protocolStateOf,
  putEnrollment,
} from './enrollment-state';
import { readablePeriod } from './periods';

function protocolMessage(refusal: ProtocolRefusal): string {
  switch (refusal.reason) {
    case 'wrong_type':
      return `Kegiatan berikutnya menurut protokol: ${refusal.expected}.`;
    case 'before_previous_step':
      return `Kegiatan ${refusal.expected} harus bertanggal ${refusal.notBefore} atau sesudahnya.`;
    case 'before_opening_complete':
      return `Kegiatan pembuka protokol selesai pada ${refusal.notBefore}; tanggal tidak boleh sebelumnya.`;
  }
}

function protocolError(details: ErrorDetail[]) {
  return errors.conflict('protocol_order', 'Kegiatan tidak sesuai urutan protokol program.', details);
}

/** Keys and common fields of a record stored on an enrollment (activity, assessment, outcome). */
function recordBase(
  kind: 'activity' | 'assessment' | 'outcome',
  enrollment: EnrollmentItem,
  date: string,
  req: ApiRequest,
) {
  const id = ulid();
  const key =
    kind === 'activity'
      ? keys.activity(enrollment.id, date, id)
      : kind === 'assessment'
        ? keys.assessment(enrollment.id, date, id)
        : keys.outcome(enrollment.id, date, id);
  return {
    ...key,
    ...keys.recordInPeriod(
      enrollment.periodId,
      kind.toUpperCase() as 'ACTIVITY' | 'ASSESSMENT' | 'OUTCOME',
      date,
      id,
    ),
    entityType: kind,
    id,
    enrollmentId: enrollment.id,
    periodId: enrollment.periodId,
    office: enrollment.office,
    recordedBy: { role: req.actor.role, office: req.actor.office },
    createdAt: req.now.toISOString(),
  };
}

/** Strip bookkeeping from a stored record for the API. */
function publicRecord(item: Record<string, unknown>) {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, entityType: _t, periodId: _p, ...rest } = item;
  return rest;
}

/** POST /enrollments/{id}/activities: home visit, urine test or counselling, in protocol order. */
export async function createActivity(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, RECORD_WRITERS.activity);
  const { id: enrollmentId } = validate(idParams, req.params);
  const body = validate(createActivityBody, req.body);
  return executeWrite(req, async () => {
    const { enrollment, period } = await loadEnrollment(req.actor, enrollmentId);
    const today = todayIn(config().timeZone, req.now);
    checkRecordDate('activity', body.date, enrollment, today);
    const { opening } = periodProtocol(period);
    const state = protocolStateOf(enrollment);
    const refusal = protocolRefusal(opening, state, body.type, body.date);
    if (refusal) {
      throw protocolError([
        { path: refusal.reason === 'wrong_type' ? 'type' : 'date', message: protocolMessage(refusal) },
      ]);
    }
    const at = req.now.toISOString();
    const record = {
      ...recordBase('activity', enrollment, body.date, req),
      ...body,
      ...(body.type === 'urine_test' ? { positive: Object.values(body.results).includes('positive') } : {}),
    };
    const id = record.id;
    const next = nextEnrollment(
      enrollment,
      period,
      { protocolState: applyActivity(opening, state, { type: body.type, date: body.date, id }) },
      at,
    );
    return {
      items: [putNew(record), putEnrollment(next, enrollment.version)],
      audit: [
        {
          entity: 'enrollment',
          entityId: enrollmentId,
          action: `activity.create:${body.type}`,
          changedFields: Object.keys(body),
        },
      ],
      response: { status: 201, body: publicRecord(record) },
      // Another record landed on this enrollment meanwhile: judge the protocol again.
      onCancelled: (reasons) => (conditionFailed(reasons, 1) ? 'retry' : undefined),
    };
  });
}

/**
 * POST /periods/{id}/group-meetings: one session, many attendees, all or nothing. Every
 * attendee is checked (scope, period, dates, protocol order); if any fails, nothing is
 * written and the error names each offending enrollment.
 */
export async function createGroupMeeting(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, RECORD_WRITERS.activity);
  const { id: periodId } = validate(idParams, req.params);
  const body = validate(createGroupMeetingBody, req.body);
  return executeWrite(req, async () => {
    const period = await readablePeriod(req, periodId, true);
    const today = todayIn(config().timeZone, req.now);
    const { opening } = periodProtocol(period);
    const found = new Map(
      (
        await getItems(
          body.attendees.map((id) => keys.enrollment(id)),
          true,
        )
      ).map((e) => [e.id as string, e as EnrollmentItem]),
    );
    const missing: ErrorDetail[] = [];
    const refused: Array<{ detail: ErrorDetail; error: ApiError }> = [];
    const order: ErrorDetail[] = [];
    body.attendees.forEach((enrollmentId, i) => {
      const path = `attendees.${i}`;
      const e = found.get(enrollmentId);
      if (!e || e.periodId !== periodId || !canReadEnrollment(req.actor, e)) {
        missing.push({ path, message: `Pendaftaran ${enrollmentId} tidak ditemukan di periode ini.` });
        return;
      }
      try {
        checkRecordDate('activity', body.date, e, today);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        refused.push({
          detail: { path, message: `${enrollmentId}: ${err.details[0]?.message ?? err.message}` },
          error: err,
        });
        return;
      }
      const refusal = protocolRefusal(opening, protocolStateOf(e), 'group_meeting', body.date);
      if (refusal) order.push({ path, message: `${enrollmentId}: ${protocolMessage(refusal)}` });
    });
    const all = [...missing, ...refused.map((r) => r.detail), ...order];
    if (missing.length > 0) {
      throw new ApiError(404, 'not_found', 'Sebagian peserta tidak ditemukan; tidak ada yang disimpan.', all);
    }
    if (refused.length > 0) {
      const first = refused[0]!.error;
      throw new ApiError(first.status, first.code, `${first.message} Tidak ada yang disimpan.`, all);
    }
    if (order.length > 0) throw protocolError(all);

    const id = ulid();
    const at = req.now.toISOString();
    const session = {
      ...keys.groupMeeting(periodId, body.date, id),
      entityType: 'groupMeeting',
      id,
      periodId,
      date: body.date,
      topic: body.topic,
      ...(body.facilitator ? { facilitator: body.facilitator } : {}),
      attendees: body.attendees,
      recordedBy: { role: req.actor.role, office: req.actor.office },
      createdAt: at,
    };
    const updates: TxItem[] = body.attendees.map((enrollmentId) => {
      const e = found.get(enrollmentId)!;
      const next = nextEnrollment(
        e,
        period,
        {
          protocolState: applyActivity(opening, protocolStateOf(e), {
            type: 'group_meeting',
            date: body.date,
            id,
          }),
          groupMeetings: [...(e.groupMeetings ?? []), { meetingId: id, date: body.date, topic: body.topic }],
        },
        at,
      );
      return putEnrollment(next, e.version);
    });
    const { pk: _pk, sk: _sk, entityType: _t, ...response } = session;
    return {
      items: [putNew(session), ...updates],
      // One audit entry for the session (a transaction holds at most 100 items: 90
      // attendees + session + audit + idempotency fit; one entry per attendee would not).
      audit: [
        {
          entity: 'period',
          entityId: periodId,
          action: 'group_meeting.create',
          changedFields: Object.keys(body),
          recordId: id,
        },
      ],
      response: { status: 201, body: response },
      onCancelled: (reasons) =>
        reasons.slice(1).some((r) => r.Code === 'ConditionalCheckFailed') ? 'retry' : undefined,
    };
  });
}

/** POST /enrollments/{id}/assessments: scored by the server (INSTRUMENTS.md). */
export async function createAssessment(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, RECORD_WRITERS.assessment);
  const { id: enrollmentId } = validate(idParams, req.params);
  const body = validate(createAssessmentBody, req.body);
  const result =
    body.instrument === 'whoqol-bref' ? scoreWhoqolBref(body.responses) : scoreUrica(body.responses);
  if (!result.ok) {
    throw errors.unprocessable(
      'too_many_missing',
      'Terlalu banyak jawaban kosong; penilaian tidak dapat dihitung dan tidak disimpan.',
      result.missing.map((m) => ({
        path: m.scope === 'form' ? 'responses' : `responses.${m.scope}`,
        message: `${m.scope}: ${m.answered} terjawab, minimal ${m.required}.`,
      })),
    );
  }
  return executeWrite(req, async () => {
    const { enrollment, period } = await loadEnrollment(req.actor, enrollmentId);
    if (!((period.instruments as string[] | undefined) ?? []).includes(body.instrument)) {
      throw errors.conflict(
        'instrument_not_in_period',
        'Instrumen ini tidak dipakai dalam periode program.',
        [
          {
            path: 'instrument',
            message: `Instrumen periode: ${((period.instruments as string[]) ?? []).join(', ') || '-'}.`,
          },
        ],
      );
    }
    checkRecordDate('assessment', body.date, enrollment, todayIn(config().timeZone, req.now));
    const record = {
      ...recordBase('assessment', enrollment, body.date, req),
      ...body,
      scores: result.scores,
    };
    return {
      items: [putNew(record)],
      audit: [
        {
          entity: 'enrollment',
          entityId: enrollmentId,
          action: `assessment.create:${body.instrument}:${body.phase}`,
          changedFields: Object.keys(body),
        },
      ],
      response: { status: 201, body: publicRecord(record) },
    };
  });
}

/** POST /enrollments/{id}/outcomes: relapse and recidivism events. */
export async function createOutcome(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, RECORD_WRITERS.outcome);
  const { id: enrollmentId } = validate(idParams, req.params);
  const body = validate(createOutcomeBody, req.body);
  return executeWrite(req, async () => {
    const { enrollment } = await loadEnrollment(req.actor, enrollmentId);
    checkRecordDate('outcome', body.date, enrollment, todayIn(config().timeZone, req.now));
    const record = { ...recordBase('outcome', enrollment, body.date, req), ...body };
    return {
      items: [putNew(record)],
      audit: [
        {
          entity: 'enrollment',
          entityId: enrollmentId,
          action: `outcome.create:${body.type}`,
          changedFields: Object.keys(body),
        },
      ],
      response: { status: 201, body: publicRecord(record) },
    };
  });
}
