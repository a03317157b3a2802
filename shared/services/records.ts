import { validate } from '../api/issues';
import type { RouteInput, RouteOutput } from '../api/route';
import type {
  patchActivityRoute,
  patchAssessmentRoute,
  patchOutcomeRoute,
  voidActivityRoute,
  voidAssessmentRoute,
  voidOutcomeRoute,
} from '../api/routes/corrections';
import type {
  createActivityRoute,
  createAssessmentRoute,
  createGroupMeetingRoute,
  createOutcomeRoute,
} from '../api/routes/records';
import { createActivityBody, createAssessmentBody, createOutcomeBody } from '../api/schemas/records';
import {
  countActivity,
  type EnrollmentRecord,
  enrollmentFromItem,
  latestMeetings,
  nextEnrollment,
  putEnrollmentVersion,
} from '../data/entities/enrollment';
import {
  type GroupMeetingRecord,
  meetingsAttendedBy,
  putNewGroupMeeting,
} from '../data/entities/group-meeting';
import {
  type ActivityRecord,
  type AssessmentRecord,
  type EnrollmentRecordItem,
  enrollmentWithRecords,
  type OutcomeRecord,
  putNewActivity,
  putNewAssessment,
  putNewOutcome,
  replaceRecord,
  type VoidMark,
  voidRecord,
} from '../data/entities/records';
import { keys } from '../data/keys';
import { getItems } from '../data/read';
import { executeWrite, newId, type TxPart } from '../data/write';
import { canReadEnrollment } from '../domain/access';
import { replayProtocol } from '../domain/corrections';
import { assessmentsDoneFrom, withAssessmentDone } from '../domain/due';
import { activityLabel } from '../domain/labels';
import {
  applyActivity,
  isOpeningComplete,
  protocolMessage,
  protocolOrderRefusal,
  protocolRefusal,
} from '../domain/protocol';
import { checkRecordDate, recordDateRefusal } from '../domain/records';
import { Refusal, type RefusalDetail, refuse } from '../domain/refusal';
import { scoreUrica, scoreWhoqolBref } from '../domain/scoring';
import { canonicalJson } from '../http/json';
import type { RequestContext } from './context';
import { type LoadedEnrollment, loadEnrollment } from './enrollment-state';
import { readablePeriod } from './period-read';

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
    // (An ended enrollment takes back-dated entries too, but its item is written whole.)
    const enrollmentPart =
      enrollment.status === 'active' &&
      isOpeningComplete(protocol.opening, state) &&
      last !== undefined &&
      body.date <= last
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

// --- corrections (docs/api.md, "Corrections") -----------------------------------------------

type RecordKind = EnrollmentRecordItem['kind'];
type StoredRecord = ActivityRecord | AssessmentRecord | OutcomeRecord;

/** Fields that are bookkeeping, not what an officer entered. */
const META_FIELDS = new Set([
  'id',
  'enrollmentId',
  'periodId',
  'office',
  'recordedBy',
  'createdAt',
  'updatedAt',
  'voided',
  'positive',
  'scores',
]);

/** What an officer entered on a record: the body that would create it. */
export function enteredFields(record: StoredRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!META_FIELDS.has(k) && v !== undefined) out[k] = v;
  return out;
}

/** A correction's changes over the entered fields: a value replaces, null clears. */
function merged(before: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const out = { ...before };
  for (const [k, v] of Object.entries(changes)) {
    if (k === 'reason' || v === undefined) continue;
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter((f) => canonicalJson(before[f] ?? null) !== canonicalJson(after[f] ?? null))
    .sort();
}

/**
 * What a correction reads, in this order: the enrollment (consistent), then its records and
 * (for activities) the meetings it attended, consistently. A write that lands after the
 * enrollment was read moves its version, so the correction's versioned write fails and is
 * planned again; one that landed before is seen whole.
 */
/** The path parameter that names a record of each kind (refusal details point at it). */
const RECORD_PARAM = { activity: 'activityId', assessment: 'assessmentId', outcome: 'outcomeId' } as const;

async function correctionTarget(
  ctx: RequestContext,
  enrollmentId: string,
  kind: RecordKind,
  recordId: string,
) {
  const loaded = await loadEnrollment(ctx.actor, enrollmentId);
  const { records } = await enrollmentWithRecords(enrollmentId, { consistent: true, includeVoided: true });
  const item = records.find((r) => r.kind === kind && r.record.id === recordId);
  if (!item) throw refuse.notFound();
  if (item.record.voided) {
    throw new Refusal('record_voided', [
      { path: RECORD_PARAM[kind], message: `Dibatalkan ${item.record.voided.at}.` },
    ]);
  }
  return { ...loaded, records, item, target: item.record };
}

/** The record of an item when it is of the kind asked for (the routes name the kind). */
function activityOf(item: EnrollmentRecordItem): ActivityRecord {
  if (item.kind !== 'activity') throw refuse.notFound();
  return item.record;
}
function assessmentOf(item: EnrollmentRecordItem): AssessmentRecord {
  if (item.kind !== 'assessment') throw refuse.notFound();
  return item.record;
}
function outcomeOf(item: EnrollmentRecordItem): OutcomeRecord {
  if (item.kind !== 'outcome') throw refuse.notFound();
  return item.record;
}

/**
 * The enrollment after a change to its activities: protocol state rebuilt from every live
 * activity and every meeting attended (the meeting items are the truth; the enrollment keeps a
 * bounded summary), due dates recomputed. A change that leaves the records out of protocol
 * order is refused with the record that breaks it.
 */
async function rebuiltEnrollment(
  loaded: LoadedEnrollment,
  activities: readonly ActivityRecord[],
  at: string,
): Promise<EnrollmentRecord> {
  const { enrollment, protocol } = loaded;
  const meetings = await meetingsAttendedBy(enrollment.periodId, enrollment.id);
  const replay = replayProtocol(protocol.opening, [
    ...activities.map((a) => ({ type: a.type, date: a.date, id: a.id })),
    ...meetings.map((m) => ({ type: 'group_meeting' as const, date: m.date, id: m.id })),
  ]);
  if (!replay.ok) {
    const { event, refusal } = replay;
    throw new Refusal(
      'protocol_order',
      [
        {
          path: RECORD_PARAM.activity,
          message: `${activityLabel(event.type)} ${event.date} (${event.id}): ${protocolMessage(refusal)}`,
        },
      ],
      'Setelah koreksi ini, catatan lain tidak lagi sesuai urutan protokol. Koreksi catatan itu lebih dulu.',
    );
  }
  return nextEnrollment(
    enrollment,
    protocol,
    {
      protocolState: replay.state,
      groupMeetings: {
        attended: meetings.length,
        recent: latestMeetings(meetings.map((m) => ({ meetingId: m.id, date: m.date }))),
      },
    },
    at,
  );
}

function liveActivities(records: readonly EnrollmentRecordItem[], without: string): ActivityRecord[] {
  return records.flatMap((r) =>
    r.kind === 'activity' && !r.record.voided && r.record.id !== without ? [r.record] : [],
  );
}

/**
 * The enrollment's record of the assessments done (what takes pre and post off the due lists),
 * counted again after an assessment is changed or voided; nothing when it did not change (or
 * the enrollment predates the record).
 */
function assessmentsDoneParts(
  loaded: LoadedEnrollment,
  records: readonly EnrollmentRecordItem[],
  change: { replace?: AssessmentRecord; drop?: string },
  at: string,
): TxPart[] {
  const { enrollment, protocol } = loaded;
  if (!enrollment.assessmentsDone) return [];
  const live = records.flatMap((r) =>
    r.kind === 'assessment' && !r.record.voided && r.record.id !== change.drop
      ? [r.record.id === change.replace?.id ? change.replace : r.record]
      : [],
  );
  const done = assessmentsDoneFrom(live);
  const key = (list: ReadonlyArray<{ instrument: string; phase: string }>) =>
    list
      .map((a) => `${a.instrument}:${a.phase}`)
      .sort()
      .join(',');
  if (key(done) === key(enrollment.assessmentsDone)) return [];
  return [
    putEnrollmentVersion(
      nextEnrollment(enrollment, protocol, { assessmentsDone: done }, at),
      enrollment.version,
    ),
  ];
}

const retryOnRace = (failed: ReadonlySet<string>) =>
  failed.has('enrollmentUnchangedSinceRead') || failed.has('recordUnchangedSinceRead') ? 'retry' : undefined;

/** PATCH /enrollments/{id}/activities/{activityId}. */
export async function patchActivity(
  { params, body }: RouteInput<typeof patchActivityRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof patchActivityRoute>> {
  return executeWrite(ctx, async () => {
    const loaded = await correctionTarget(ctx, params.id, 'activity', params.activityId);
    const record = activityOf(loaded.item);
    const before = enteredFields(record);
    const entry = validate(createActivityBody, merged(before, body));
    checkRecordDate('activity', entry.date, loaded.enrollment, ctx.today);
    const changed = changedFields(before, entry);
    if (changed.length === 0) return { parts: [], audit: [], result: publicActivity(record) };
    const at = ctx.now.toISOString();
    const after: ActivityRecord =
      entry.type === 'urine_test'
        ? {
            ...metaOf(record),
            ...entry,
            positive: Object.values(entry.results).includes('positive'),
            updatedAt: at,
          }
        : { ...metaOf(record), ...entry, updatedAt: at };
    const next = await rebuiltEnrollment(loaded, [...liveActivities(loaded.records, record.id), after], at);
    return {
      parts: [
        ...replaceRecord('activity', record, after),
        putEnrollmentVersion(next, loaded.enrollment.version),
      ],
      audit: [
        {
          entity: 'enrollment',
          entityId: record.enrollmentId,
          action: `activity.update:${record.type}`,
          changedFields: changed,
          recordId: record.id,
          reason: body.reason,
          before,
          after: enteredFields(after),
        },
      ],
      result: publicActivity(after),
      onCancelled: retryOnRace,
    };
  });
}

/** The bookkeeping of a record that a correction keeps. */
function metaOf(r: StoredRecord) {
  return {
    id: r.id,
    enrollmentId: r.enrollmentId,
    periodId: r.periodId,
    office: r.office,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt,
  };
}

function voidMark(ctx: RequestContext, reason: string): VoidMark {
  return { at: ctx.now.toISOString(), reason, by: { role: ctx.actor.role, office: ctx.actor.office } };
}

/** DELETE /enrollments/{id}/activities/{activityId}: voids it; the protocol state is rebuilt without it. */
export async function voidActivity(
  { params, body }: RouteInput<typeof voidActivityRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof voidActivityRoute>> {
  return executeWrite(ctx, async () => {
    const loaded = await correctionTarget(ctx, params.id, 'activity', params.activityId);
    const record = activityOf(loaded.item);
    const mark = voidMark(ctx, body.reason);
    const next = await rebuiltEnrollment(loaded, liveActivities(loaded.records, record.id), mark.at);
    return {
      parts: [voidRecord('activity', record, mark), putEnrollmentVersion(next, loaded.enrollment.version)],
      audit: [
        {
          entity: 'enrollment',
          entityId: record.enrollmentId,
          action: `activity.void:${record.type}`,
          changedFields: ['voided'],
          recordId: record.id,
          reason: body.reason,
          before: enteredFields(record),
        },
      ],
      result: { id: record.id, enrollmentId: record.enrollmentId, kind: 'activity' as const, voided: mark },
      onCancelled: retryOnRace,
    };
  });
}

/** PATCH /enrollments/{id}/assessments/{assessmentId}: merged, judged like a new entry, scored again. */
export async function patchAssessment(
  { params, body }: RouteInput<typeof patchAssessmentRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof patchAssessmentRoute>> {
  return executeWrite(ctx, async () => {
    const loaded = await correctionTarget(ctx, params.id, 'assessment', params.assessmentId);
    const record = assessmentOf(loaded.item);
    const before = enteredFields(record);
    const entry = validate(createAssessmentBody, merged(before, body));
    checkRecordDate('assessment', entry.date, loaded.enrollment, ctx.today);
    const changed = changedFields(before, entry);
    if (changed.length === 0) return { parts: [], audit: [], result: publicAssessment(record) };
    const at = ctx.now.toISOString();
    const base = {
      ...metaOf(record),
      phase: entry.phase,
      date: entry.date,
      responses: entry.responses,
      updatedAt: at,
    };
    const after: AssessmentRecord = scoredAssessment(base, entry);
    return {
      parts: [
        ...replaceRecord('assessment', record, after),
        ...assessmentsDoneParts(loaded, loaded.records, { replace: after }, at),
      ],
      audit: [
        {
          entity: 'enrollment',
          entityId: record.enrollmentId,
          action: `assessment.update:${record.instrument}:${entry.phase}`,
          changedFields: changed,
          recordId: record.id,
          reason: body.reason,
          before,
          after: enteredFields(after),
        },
      ],
      result: publicAssessment(after),
      onCancelled: retryOnRace,
    };
  });
}

/** Scores a WHOQOL-BREF or URICA entry (422 too_many_missing when it cannot be scored). */
function scoredAssessment(
  base: Omit<AssessmentRecord, 'instrument' | 'scores'>,
  entry: { instrument: AssessmentRecord['instrument']; responses: Array<number | null> },
): AssessmentRecord {
  if (entry.instrument === 'whoqol-bref') {
    const result = scoreWhoqolBref(entry.responses);
    if (result.ok) return { ...base, instrument: 'whoqol-bref', scores: result.scores };
    throw tooManyMissing(result.missing);
  }
  const result = scoreUrica(entry.responses);
  if (result.ok) return { ...base, instrument: 'urica', scores: result.scores };
  throw tooManyMissing(result.missing);
}

function tooManyMissing(
  missing: ReadonlyArray<{ scope: string; answered: number; required: number }>,
): Refusal {
  return new Refusal(
    'too_many_missing',
    missing.map((m) => ({
      path: m.scope === 'form' ? 'responses' : `responses.${m.scope}`,
      message: `${m.scope}: ${m.answered} terjawab, minimal ${m.required}.`,
    })),
  );
}

/** DELETE /enrollments/{id}/assessments/{assessmentId}: voided, out of the reports' pairs. */
export async function voidAssessment(
  { params, body }: RouteInput<typeof voidAssessmentRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof voidAssessmentRoute>> {
  return voidPlain(ctx, params.id, params.assessmentId, body.reason, 'assessment');
}

/** PATCH /enrollments/{id}/outcomes/{outcomeId}. */
export async function patchOutcome(
  { params, body }: RouteInput<typeof patchOutcomeRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof patchOutcomeRoute>> {
  return executeWrite(ctx, async () => {
    const loaded = await correctionTarget(ctx, params.id, 'outcome', params.outcomeId);
    const record = outcomeOf(loaded.item);
    const before = enteredFields(record);
    const entry = validate(createOutcomeBody, merged(before, body));
    checkRecordDate('outcome', entry.date, loaded.enrollment, ctx.today);
    const changed = changedFields(before, entry);
    if (changed.length === 0) return { parts: [], audit: [], result: publicOutcome(record) };
    const after: OutcomeRecord = { ...metaOf(record), ...entry, updatedAt: ctx.now.toISOString() };
    return {
      parts: replaceRecord('outcome', record, after),
      audit: [
        {
          entity: 'enrollment',
          entityId: record.enrollmentId,
          action: `outcome.update:${entry.type}`,
          changedFields: changed,
          recordId: record.id,
          reason: body.reason,
          before,
          after: enteredFields(after),
        },
      ],
      result: publicOutcome(after),
      onCancelled: retryOnRace,
    };
  });
}

/** DELETE /enrollments/{id}/outcomes/{outcomeId}. */
export async function voidOutcome(
  { params, body }: RouteInput<typeof voidOutcomeRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof voidOutcomeRoute>> {
  return voidPlain(ctx, params.id, params.outcomeId, body.reason, 'outcome');
}

/** Voids an assessment or outcome: nothing on the enrollment depends on them. */
function voidPlain(
  ctx: RequestContext,
  enrollmentId: string,
  recordId: string,
  reason: string,
  kind: 'assessment' | 'outcome',
) {
  return executeWrite(ctx, async () => {
    const loaded = await correctionTarget(ctx, enrollmentId, kind, recordId);
    const { target } = loaded;
    const mark = voidMark(ctx, reason);
    return {
      parts: [
        voidRecord(kind, target, mark),
        ...(kind === 'assessment'
          ? assessmentsDoneParts(loaded, loaded.records, { drop: target.id }, ctx.now.toISOString())
          : []),
      ],
      audit: [
        {
          entity: 'enrollment' as const,
          entityId: target.enrollmentId,
          action: `${kind}.void`,
          changedFields: ['voided'],
          recordId: target.id,
          reason,
          before: enteredFields(target),
        },
      ],
      result: { id: target.id, enrollmentId: target.enrollmentId, kind, voided: mark },
      onCancelled: retryOnRace,
    };
  });
}
