import type { RouteInput, RouteOutput } from '../api/route';
import type {
  createEnrollmentRoute,
  getEnrollmentRoute,
  listPeriodEnrollmentsRoute,
  patchEnrollmentRoute,
} from '../api/routes/enrollments';
import type { Enrollment } from '../api/schemas/enrollments';
import { getClientRecord, markClientEnrolled } from '../data/entities/client';
import { getClientSummaries } from '../data/entities/client-summary';
import {
  type EnrollmentRecord,
  enrollmentsOfClient,
  listEnrollmentsOfPeriod,
  nextEnrollment,
  putEnrollmentVersion,
  putNewEnrollment,
  putPeriodMember,
} from '../data/entities/enrollment';
import { getGroupMeetings } from '../data/entities/group-meeting';
import { freePlace, takePlace } from '../data/entities/period';
import { enrollmentWithRecords } from '../data/entities/records';
import { executeWrite, newId, type TxPart } from '../data/write';
import { canReadEnrollment, canWriteClient, listableOffice } from '../domain/access';
import type { Actor } from '../domain/actor';
import { assessmentsDue } from '../domain/due';
import { checkEnrollment, defaultEnrolledOn, isPeriodClosed } from '../domain/periods';
import { EMPTY_STATE, protocolView } from '../domain/protocol';
import { checkRecordDate, checkTransition } from '../domain/records';
import { Refusal, refuse } from '../domain/refusal';
import type { RequestContext } from './context';
import { loadEnrollment } from './enrollment-state';
import { readablePeriod } from './period-read';
import { timelineOf } from './timeline';

export function toEnrollment(e: EnrollmentRecord): Enrollment {
  return {
    id: e.id,
    periodId: e.periodId,
    clientId: e.clientId,
    office: e.office,
    status: e.status,
    enrolledOn: e.enrolledOn,
    ...(e.statusDate ? { statusDate: e.statusDate } : {}),
    ...(e.statusReason ? { statusReason: e.statusReason } : {}),
    createdAt: e.createdAt,
  };
}

/**
 * Fields officers fill in with free text. They may name people (a client, a relative, an
 * address), so a viewer, who never sees client identities, gets every record without them.
 */
const FREE_TEXT_FIELDS = [
  'livingSituation',
  'findings',
  'followUp',
  'note',
  'specimenId',
  'counselor',
  'topic',
  'facilitator',
  'statusReason',
] as const;

export function redactForViewer<T extends object>(actor: Actor, value: T): T {
  if (actor.role !== 'viewer') return value;
  const out = { ...value };
  for (const field of FREE_TEXT_FIELDS) {
    if (field in out) Reflect.deleteProperty(out, field);
  }
  return out;
}

/**
 * POST /periods/{id}/enrollments. Capacity is enforced by the period item's conditional
 * counter inside the transaction (never count-then-write); one-enrollment-per-period by a
 * guard item; the overlap rule by a version check on the client item, so two concurrent
 * enrollments of one client into two overlapping periods cannot both land.
 */
export async function createEnrollment(
  { params, body }: RouteInput<typeof createEnrollmentRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof createEnrollmentRoute>> {
  return executeWrite(ctx, async () => {
    // One round of reads, in parallel: the period, the client and the client's enrollments.
    const [period, client, existing] = await Promise.all([
      readablePeriod(ctx.actor, params.id, true),
      getClientRecord(body.clientId, true),
      enrollmentsOfClient(body.clientId),
    ]);
    if (!client || !canWriteClient(ctx.actor, client)) throw refuse.notFound();
    const enrolledOn = body.enrolledOn ?? defaultEnrolledOn(period, ctx.today);
    if (enrolledOn === undefined) {
      if (isPeriodClosed(period, ctx.today)) throw new Refusal('period_closed');
      throw refuse.validation([
        { path: 'enrolledOn', message: 'Wajib diisi untuk periode yang sudah berakhir.' },
      ]);
    }
    checkEnrollment({ period, clientOffice: client.office, enrolledOn, today: ctx.today, existing });
    const at = ctx.now.toISOString();
    const draft: EnrollmentRecord = {
      id: newId(),
      periodId: period.id,
      clientId: client.id,
      office: client.office,
      status: 'active',
      enrolledOn,
      // Copied so the overlap rule can be judged from the client's enrollments alone.
      periodStart: period.startDate,
      periodEnd: period.endDate,
      version: 0,
      protocolState: EMPTY_STATE,
      due: {},
      groupMeetings: { attended: 0, recent: [] },
      // Copied so a write on the enrollment is judged from one read (a period's protocol and
      // instruments never change), and lists show who it is without reading the client.
      protocol: period.protocol,
      instruments: period.instruments,
      // Which pre/post assessments were recorded: the due lists schedule the others.
      assessmentsDone: [],
      client: { fullName: client.fullName, registrationNumber: client.registrationNumber },
      createdAt: at,
      updatedAt: at,
    };
    // Version 1 with its due dates (every cadence type is due from the enrollment date).
    const enrollment = nextEnrollment(draft, period.protocol, {}, at);
    return {
      parts: [
        takePlace(period.id),
        markClientEnrolled(client),
        putNewEnrollment(enrollment),
        putPeriodMember(period.id, client.id, enrollment.id),
      ],
      audit: [
        {
          entity: 'enrollment',
          entityId: enrollment.id,
          action: 'create',
          changedFields: ['periodId', 'clientId', 'status', 'enrolledOn'],
        },
      ],
      result: toEnrollment(enrollment),
      onCancelled: (failed) => {
        if (failed.has('clientNotYetInPeriod')) return new Refusal('already_enrolled');
        if (failed.has('periodHasRoom')) {
          // Full or closed since we read it: a closed period refuses; a full one is judged
          // again from a fresh read (which answers capacity_reached).
          return isPeriodClosed(period, ctx.today) || period.closedAt
            ? new Refusal('period_closed')
            : 'retry';
        }
        // The client was enrolled elsewhere meanwhile: judge the overlap again.
        if (failed.has('clientEnrollmentsUnchanged')) return 'retry';
        return undefined;
      },
    };
  });
}

/**
 * GET /enrollments/{id}: the enrollment with its timeline (activities, assessments with
 * scores, outcomes, and the most recent group meetings attended; ascending by date) and
 * protocol progress. One Query on the enrollment's partition, and one batch read of the
 * recent meetings; the period only for an enrollment without a copy of its protocol.
 */
export async function getEnrollment(
  { params }: RouteInput<typeof getEnrollmentRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof getEnrollmentRoute>> {
  const { enrollment, records } = await enrollmentWithRecords(params.id);
  if (!enrollment || !canReadEnrollment(ctx.actor, enrollment)) throw refuse.notFound();
  const { protocol } = enrollment.protocol
    ? { protocol: enrollment.protocol }
    : await loadEnrollment(ctx.actor, enrollment.id, false);
  const meetings = await getGroupMeetings(
    enrollment.groupMeetings.recent.map((r) => ({
      periodId: enrollment.periodId,
      date: r.date,
      meetingId: r.meetingId,
    })),
  );
  return {
    ...redactForViewer(ctx.actor, toEnrollment(enrollment)),
    protocol: protocolView(protocol.opening, enrollment.protocolState),
    due: enrollment.status === 'active' ? enrollment.due : {},
    assessmentsDue: assessmentsDue(enrollment),
    groupMeetings: { attended: enrollment.groupMeetings.attended, listed: meetings.length },
    timeline: timelineOf(ctx.actor, records, meetings),
  };
}

/** PATCH /enrollments/{id}: end an active enrollment; dropout and transfer free the place. */
export async function patchEnrollment(
  { params, body }: RouteInput<typeof patchEnrollmentRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof patchEnrollmentRoute>> {
  return executeWrite(ctx, async () => {
    const { enrollment, protocol } = await loadEnrollment(ctx.actor, params.id);
    const { freesPlace } = checkTransition(enrollment.status, body.status);
    checkRecordDate('status', body.date, enrollment, ctx.today);
    const at = ctx.now.toISOString();
    const next = nextEnrollment(
      enrollment,
      protocol,
      { status: body.status, statusDate: body.date, ...(body.reason ? { statusReason: body.reason } : {}) },
      at,
    );
    const parts: TxPart[] = [putEnrollmentVersion(next, enrollment.version)];
    if (freesPlace) parts.push(freePlace(enrollment.periodId));
    return {
      parts,
      audit: [
        {
          entity: 'enrollment',
          entityId: enrollment.id,
          action: `status:${body.status}`,
          changedFields: ['status', 'statusDate', ...(body.reason ? ['statusReason'] : [])],
        },
      ],
      result: toEnrollment(next),
      onCancelled: (failed) => (failed.has('enrollmentUnchangedSinceRead') ? 'retry' : undefined),
    };
  });
}

/** GET /periods/{id}/enrollments: pk/kasi see their office's part of the period. */
export async function listPeriodEnrollments(
  { params, query }: RouteInput<typeof listPeriodEnrollmentsRoute>,
  ctx: RequestContext,
): Promise<RouteOutput<typeof listPeriodEnrollmentsRoute>> {
  const period = await readablePeriod(ctx.actor, params.id);
  const office = listableOffice(ctx.actor, query.office);
  const page = await listEnrollmentsOfPeriod({
    periodId: params.id,
    office,
    limit: query.limit,
    cursor: query.cursor,
  });
  const summaries = await getClientSummaries(
    ctx.actor,
    page.items.filter((e) => !e.client).map((e) => e.clientId),
  );
  return {
    items: page.items.map((e) => {
      const client = ctx.actor.role === 'viewer' ? undefined : (e.client ?? summaries.get(e.clientId));
      const { nextExpected, complete } = protocolView(
        (e.protocol ?? period.protocol).opening,
        e.protocolState,
      );
      return {
        ...redactForViewer(ctx.actor, toEnrollment(e)),
        ...(client ? { client } : {}),
        protocol: { nextExpected, complete },
      };
    }),
    nextCursor: page.nextCursor,
  };
}
