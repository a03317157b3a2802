import type { RouteInput, RouteOutput } from '../api/route';
import type {
  createActivityRoute,
  createAssessmentRoute,
  createGroupMeetingRoute,
  createOutcomeRoute,
} from '../api/routes/records';
import {
  countActivity,
  type EnrollmentRecord,
  enrollmentFromItem,
  latestMeetings,
  nextEnrollment,
  putEnrollmentVersion,
} from '../data/entities/enrollment';
import { type GroupMeetingRecord, putNewGroupMeeting } from '../data/entities/group-meeting';
import {
  type ActivityRecord,
  type AssessmentRecord,
  type OutcomeRecord,
  putNewActivity,
  putNewAssessment,
  putNewOutcome,
} from '../data/entities/records';
import { keys } from '../data/keys';
import { getItems } from '../data/read';
import { executeWrite, newId, type TxPart } from '../data/write';
import { canReadEnrollment } from '../domain/access';
import { withAssessmentDone } from '../domain/due';
import {
  applyActivity,
  isOpeningComplete,
  protocolMessage,
  protocolOrderRefusal,
  protocolRefusal,
} from '../domain/protocol';
import { checkRecordDate, recordDateRefusal } from '../domain/records';
import { Refusal, type RefusalDetail } from '../domain/refusal';
import { scoreUrica, scoreWhoqolBref } from '../domain/scoring';
import type { RequestContext } from './context';
import { loadEnrollment } from './enrollment-state';
import { readablePeriod } from './periods';

/** Common fields of a record on an enrollment. */
function recordMeta(enrollment: EnrollmentRecord, date: string, ctx: RequestContext) {
  return {
    id: newId(),
    enrollmentId: enrollment.id,
    periodId: enrollment.periodId,
    office: enrollment.office,
    recordedBy: { role: ctx.actor.role, office: ctx.actor.office },
    date,
    createdAt: ctx.now.toISOString(),
  };
}

/** A stored activity in the API's shape (the period id is bookkeeping). */
function publicActivity(record: ActivityRecord) {
  const { periodId: _period, ...rest } = record;
  return rest;
}
function publicAssessment(record: AssessmentRecord) {
  const { periodId: _period, ...rest } = record;
  return rest;
}
function publicOutcome(record: OutcomeRecord) {
  const { periodId: _period, ...rest } = record;
  return rest;
}

/**
 * POST /enrollments/{id}/activities: home visit, urine test or counselling, in protocol order.
 * Activities on one enrollment commute once they fit the protocol: a lost race with another
 * officer's write is planned again from a fresh read, never shown to them: no refusal.
 */
export async function createActivity(
  { params, body }: RouteInput<typeof createActivityRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createActivityRoute>> {
  return executeWrite(ctx, async () => {
    const { enrollment, protocol } = await loadEnrollment(ctx.actor, params.id);
    checkRecordDate('activity', body.date, enrollment, ctx.today);
    const refusal = protocolRefusal(protocol.opening, enrollment.protocolState, body.type, body.date);
    if (refusal) throw protocolOrderRefusal(refusal, refusal.reason === 'wrong_type' ? 'type' : 'date');
    const meta = recordMeta(enrollment, body.date, ctx);
    const record: ActivityRecord =
      body.type === 'urine_test'
        ? { ...meta, ...body, positive: Object.values(body.results).includes('positive') }
        : { ...meta, ...body };
    const state = enrollment.protocolState;
    const last = state.lastDone[body.type];
    // The common case (the opening done, an entry not newer than the last of its type) only
    // counts; anything that moves the protocol state or the due dates is a versioned write.
    const enrollmentPart =
      isOpeningComplete(protocol.opening, state) && last !== undefined && body.date <= last
        ? countActivity(enrollment, body.type, body.date, protocol.opening.length, meta.createdAt)
        : putEnrollmentVersion(
            nextEnrollment(
              enrollment,
              protocol,
              {
                protocolState: applyActivity(protocol.opening, state, {
                  type: body.type,
                  date: body.date,
                  id: record.id,
                }),
              },
              meta.createdAt,
            ),
            enrollment.version,
          );
    return {
      parts: [putNewActivity(record), enrollmentPart],
      audit: [
        {
          entity: 'enrollment',
          entityId: enrollment.id,
          action: `activity.create:${body.type}`,
          changedFields: Object.keys(body),
        },
      ],
      result: publicActivity(record),
      // Another record landed on this enrollment meanwhile: judge the protocol again.
      onCancelled: (failed) =>
        failed.has('enrollmentUnchangedSinceRead') || failed.has('activityCounted') ? 'retry' : undefined,
    };
  });
}

/**
 * POST /periods/{id}/group-meetings: one session, many attendees, all or nothing. Every
 * attendee is checked (scope, period, dates, protocol order); if any fails, nothing is
 * written and the error names each offending enrollment. The period and the attendees are
 * read in parallel; each attendee's enrollment counts the meeting in a bounded summary.
 */
export async function createGroupMeeting(
  { params, body }: RouteInput<typeof createGroupMeetingRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createGroupMeetingRoute>> {
  return executeWrite(ctx, async () => {
    const [period, items] = await Promise.all([
      readablePeriod(ctx.actor, params.id, true),
      getItems(
        body.attendees.map((id) => keys.enrollment(id)),
        true,
      ),
    ]);
    const found = new Map(items.map((i) => enrollmentFromItem(i)).map((e) => [e.id, e]));
    const missing: RefusalDetail[] = [];
    const refused: Array<{ detail: RefusalDetail; refusal: Refusal }> = [];
    const order: RefusalDetail[] = [];
    body.attendees.forEach((enrollmentId, i) => {
      const path = `attendees.${i}`;
      const e = found.get(enrollmentId);
      if (!e || e.periodId !== period.id || !canReadEnrollment(ctx.actor, e)) {
        missing.push({ path, message: `Pendaftaran ${enrollmentId} tidak ditemukan di periode ini.` });
        return;
      }
      const dateRefusal = recordDateRefusal('activity', body.date, e, ctx.today);
      if (dateRefusal) {
        refused.push({
          detail: {
            path,
            message: `${enrollmentId}: ${dateRefusal.details[0]?.message ?? dateRefusal.message}`,
          },
          refusal: dateRefusal,
        });
        return;
      }
      const refusal = protocolRefusal(period.protocol.opening, e.protocolState, 'group_meeting', body.date);
      if (refusal) order.push({ path, message: `${enrollmentId}: ${protocolMessage(refusal)}` });
    });
    const all = [...missing, ...refused.map((r) => r.detail), ...order];
    if (missing.length > 0) {
      throw new Refusal('not_found', all, 'Sebagian peserta tidak ditemukan; tidak ada yang disimpan.');
    }
    const firstRefused = refused[0];
    if (firstRefused) {
      const specific = firstRefused.refusal.specificMessage;
      throw new Refusal(
        firstRefused.refusal.code,
        all,
        `${specific ?? 'Tanggal tidak dapat dipakai untuk semua peserta.'} Tidak ada yang disimpan.`,
      );
    }
    if (order.length > 0) throw new Refusal('protocol_order', all);

    const meeting: GroupMeetingRecord = {
      id: newId(),
      periodId: period.id,
      date: body.date,
      topic: body.topic,
      ...(body.facilitator ? { facilitator: body.facilitator } : {}),
      attendees: body.attendees,
      recordedBy: { role: ctx.actor.role, office: ctx.actor.office },
      createdAt: ctx.now.toISOString(),
    };
    const updates: TxPart[] = body.attendees.map((enrollmentId) => {
      const e = found.get(enrollmentId);
      if (!e) throw new Error('attendee vanished after the check');
      const next = nextEnrollment(
        e,
        period.protocol,
        {
          protocolState: applyActivity(period.protocol.opening, e.protocolState, {
            type: 'group_meeting',
            date: body.date,
            id: meeting.id,
          }),
          groupMeetings: {
            attended: e.groupMeetings.attended + 1,
            recent: latestMeetings([...e.groupMeetings.recent, { meetingId: meeting.id, date: body.date }]),
          },
        },
        meeting.createdAt,
      );
      return putEnrollmentVersion(next, e.version, `attendee:${enrollmentId}`);
    });
    return {
      parts: [putNewGroupMeeting(meeting), ...updates],
      // One audit entry for the session (a transaction holds at most 100 items: 90
      // attendees + session + audit + idempotency fit; one entry per attendee would not).
      audit: [
        {
          entity: 'period',
          entityId: period.id,
          action: 'group_meeting.create',
          changedFields: Object.keys(body),
          recordId: meeting.id,
        },
      ],
      result: meeting,
      onCancelled: (failed) =>
        [...failed].some((name) => name.startsWith('attendee:')) ? 'retry' : undefined,
    };
  });
}

/** POST /enrollments/{id}/assessments: scored by the server (docs/instruments.md). */
export async function createAssessment(
  { params, body }: RouteInput<typeof createAssessmentRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createAssessmentRoute>> {
  const scored =
    body.instrument === 'whoqol-bref'
      ? { instrument: body.instrument, result: scoreWhoqolBref(body.responses) }
      : { instrument: body.instrument, result: scoreUrica(body.responses) };
  if (!scored.result.ok) {
    throw new Refusal(
      'too_many_missing',
      scored.result.missing.map((m) => ({
        path: m.scope === 'form' ? 'responses' : `responses.${m.scope}`,
        message: `${m.scope}: ${m.answered} terjawab, minimal ${m.required}.`,
      })),
    );
  }
  return executeWrite(ctx, async () => {
    const { enrollment, protocol, instruments } = await loadEnrollment(ctx.actor, params.id);
    if (!instruments.includes(body.instrument)) {
      throw new Refusal('instrument_not_in_period', [
        { path: 'instrument', message: `Instrumen periode: ${instruments.join(', ') || '-'}.` },
      ]);
    }
    checkRecordDate('assessment', body.date, enrollment, ctx.today);
    const meta = { ...recordMeta(enrollment, body.date, ctx), phase: body.phase, responses: body.responses };
    const record: AssessmentRecord =
      scored.instrument === 'whoqol-bref' && scored.result.ok
        ? { ...meta, instrument: 'whoqol-bref', scores: scored.result.scores }
        : scored.instrument === 'urica' && scored.result.ok
          ? { ...meta, instrument: 'urica', scores: scored.result.scores }
          : unreachable();
    // The first pre (or post) of an instrument takes it off the due lists (shared/domain/due.ts).
    const done = enrollment.assessmentsDone
      ? withAssessmentDone(enrollment.assessmentsDone, body.instrument, body.phase)
      : undefined;
    const parts: TxPart[] = [putNewAssessment(record)];
    if (done) {
      parts.push(
        putEnrollmentVersion(
          nextEnrollment(enrollment, protocol, { assessmentsDone: done }, meta.createdAt),
          enrollment.version,
        ),
      );
    }
    return {
      parts,
      audit: [
        {
          entity: 'enrollment',
          entityId: enrollment.id,
          action: `assessment.create:${body.instrument}:${body.phase}`,
          changedFields: Object.keys(body),
        },
      ],
      result: publicAssessment(record),
      onCancelled: (failed) => (failed.has('enrollmentUnchangedSinceRead') ? 'retry' : undefined),
    };
  });
}

function unreachable(): never {
  throw new Error('unreachable');
}

/** POST /enrollments/{id}/outcomes: relapse and recidivism events. */
export async function createOutcome(
  { params, body }: RouteInput<typeof createOutcomeRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createOutcomeRoute>> {
  return executeWrite(ctx, async () => {
    const { enrollment } = await loadEnrollment(ctx.actor, params.id);
    checkRecordDate('outcome', body.date, enrollment, ctx.today);
    const record: OutcomeRecord = { ...recordMeta(enrollment, body.date, ctx), ...body };
    return {
      parts: [putNewOutcome(record)],
      audit: [
        {
          entity: 'enrollment',
          entityId: enrollment.id,
          action: `outcome.create:${body.type}`,
          changedFields: Object.keys(body),
        },
      ],
      result: publicOutcome(record),
    };
  });
}
