import { ulid } from 'ulid';
import {
  createEnrollmentBody,
  dueQuery,
  type Enrollment,
  idParams,
  officePageQuery,
  patchEnrollmentBody,
} from '../api/schemas';
import { config } from '../config';
import { keys, partitions } from '../data/keys';
import { forEachPage, getItem, getItems, type Item, queryIndex, queryWholePartition } from '../data/read';
import { conditionFailed, executeWrite, putNew, type TxItem } from '../data/write';
import {
  canWriteClient,
  ENROLLMENT_WRITERS,
  isProvinceWide,
  RECORD_WRITERS,
  requireRole,
} from '../domain/access';
import type { Actor } from '../domain/actor';
import { addDays, todayIn } from '../domain/dates';
import {
  checkEnrollment,
  defaultEnrolledOn,
  type ExistingEnrollment,
  isPeriodClosed,
} from '../domain/periods';
import { dueEntries, EMPTY_STATE, protocolView } from '../domain/protocol';
import { checkRecordDate, checkTransition } from '../domain/records';
import { errors } from '../errors';
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

export function toEnrollment(item: Item): Enrollment {
  return {
    id: item.id as string,
    periodId: item.periodId as string,
    clientId: item.clientId as string,
    office: item.office as string,
    status: item.status as Enrollment['status'],
    enrolledOn: item.enrolledOn as string,
    ...(item.statusDate ? { statusDate: item.statusDate as string } : {}),
    ...(item.statusReason ? { statusReason: item.statusReason as string } : {}),
    createdAt: item.createdAt as string,
  };
}

/** All enrollments of one client (a handful at most), for the overlap rule. */
async function enrollmentsOfClient(clientId: string): Promise<ExistingEnrollment[]> {
  const out: ExistingEnrollment[] = [];
  await forEachPage(
    (cursor) =>
      queryIndex({ index: 'gsi2', partition: partitions.enrollmentsOfClient(clientId), limit: 100, cursor }),
    (items) => {
      for (const i of items) {
        out.push({
          periodId: i.periodId as string,
          status: i.status as string,
          periodStart: i.periodStart as string,
          periodEnd: i.periodEnd as string,
        });
      }
    },
  );
  return out;
}

/**
 * POST /periods/{id}/enrollments. Capacity is enforced by the period item's conditional
 * counter inside the transaction (never count-then-write); one-enrollment-per-period by a
 * guard item; the overlap rule by a version check on the client item, so two concurrent
 * enrollments of one client into two overlapping periods cannot both land.
 */
export async function createEnrollment(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, ENROLLMENT_WRITERS);
  const { id: periodId } = validate(idParams, req.params);
  const body = validate(createEnrollmentBody, req.body ?? {});
  return executeWrite(req, async () => {
    const period = await readablePeriod(req, periodId, true);
    const client = await getItem(keys.client(body.clientId), true);
    if (!client || !canWriteClient(req.actor, client as { office: string })) throw errors.notFound();
    const today = todayIn(config().timeZone, req.now);
    const enrolledOn = body.enrolledOn ?? defaultEnrolledOn(period, today);
    const clientOffice = client.office as string;
    checkEnrollment({
      period,
      clientOffice,
      enrolledOn,
      today,
      existing: await enrollmentsOfClient(body.clientId),
    });

    const id = ulid();
    const at = req.now.toISOString();
    const table = config().tableName;
    const enrollmentVersion = (client.enrollmentVersion as number | undefined) ?? 0;
    const draft: EnrollmentItem = {
      ...keys.enrollment(id),
      ...keys.enrollmentInPeriod(periodId, clientOffice, id),
      ...keys.enrollmentOfClient(body.clientId, enrolledOn, id),
      entityType: 'enrollment',
      id,
      periodId,
      clientId: body.clientId,
      office: clientOffice,
      status: 'active',
      enrolledOn,
      // Copied so the overlap rule can be judged from the client's enrollments alone.
      periodStart: period.startDate,
      periodEnd: period.endDate,
      protocolState: EMPTY_STATE,
      groupMeetings: [],
      version: 0,
      createdAt: at,
      updatedAt: at,
    };
    // Version 1 with its due dates (every cadence type is due from the enrollment date).
    const item = nextEnrollment(draft, period, {}, at);
    return {
      items: [
        {
          Update: {
            TableName: table,
            Key: keys.period(periodId),
            UpdateExpression: 'SET enrolledCount = enrolledCount + :one',
            ConditionExpression:
              'attribute_exists(pk) AND enrolledCount < #capacity AND attribute_not_exists(closedAt)',
            ExpressionAttributeNames: { '#capacity': 'capacity' },
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
        {
          Update: {
            TableName: table,
            Key: keys.client(body.clientId),
            UpdateExpression:
              'SET enrollmentVersion = :next, enrolled = :true, gsi2pk = :g2pk, gsi2sk = :g2sk',
            ConditionExpression: 'enrollmentVersion = :current',
            ExpressionAttributeValues: {
              ':next': enrollmentVersion + 1,
              ':current': enrollmentVersion,
              ':true': true,
              ...prefixed(keys.enrolledClientByOffice(clientOffice, body.clientId)),
            },
          },
        },
        putNew(item),
        {
          Put: {
            TableName: table,
            Item: {
              ...keys.periodMember(periodId, body.clientId),
              entityType: 'periodMember',
              enrollmentId: id,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      audit: [
        {
          entity: 'enrollment',
          entityId: id,
          action: 'create',
          changedFields: ['periodId', 'clientId', 'status', 'enrolledOn'],
        },
      ],
      response: { status: 201, body: toEnrollment(item) },
      onCancelled: (reasons) => {
        if (conditionFailed(reasons, 3)) {
          return errors.conflict('already_enrolled', 'Klien sudah terdaftar di periode ini.');
        }
        if (conditionFailed(reasons, 0)) {
          // Full or closed since we read it: say which.
          return isPeriodClosed(period, today) || period.closedAt
            ? errors.conflict('period_closed', 'Periode program sudah berakhir atau ditutup.')
            : 'retry';
        }
        // The client was enrolled elsewhere meanwhile: re-read and judge the overlap again.
        if (conditionFailed(reasons, 1)) return 'retry';
        return undefined;
      },
    };
  });
}

function prefixed(gsi2: { gsi2pk: string; gsi2sk: string }) {
  return { ':g2pk': gsi2.gsi2pk, ':g2sk': gsi2.gsi2sk };
}

/**
 * Fields officers fill in as free text. They may name people (a client, a relative, an
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

export function redactForViewer<T extends Record<string, unknown>>(actor: Actor, value: T): T {
  if (actor.role !== 'viewer') return value;
  const out: Record<string, unknown> = { ...value };
  for (const field of FREE_TEXT_FIELDS) delete out[field];
  return out as T;
}

/**
 * GET /enrollments/{id}: the enrollment with its timeline (activities, group meeting
 * attendance, assessments with scores, outcomes; ascending by date) and protocol progress.
 * One Query on the enrollment's partition plus the period (for the protocol).
 */
export async function getEnrollment(req: ApiRequest): Promise<ApiResponse> {
  const { id } = validate(idParams, req.params);
  const { enrollment, period } = await loadEnrollment(req.actor, id, false);
  const records = await queryWholePartition(keys.enrollmentPartition(id));
  const timeline: Array<Record<string, unknown>> = [];
  for (const r of records) {
    if (r.entityType === 'enrollment') continue;
    const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, entityType, periodId: _p, office: _o, ...rest } = r;
    timeline.push(redactForViewer(req.actor, { kind: entityType, ...rest }));
  }
  for (const g of enrollment.groupMeetings ?? []) {
    timeline.push(
      redactForViewer(req.actor, {
        kind: 'group_meeting',
        type: 'group_meeting',
        id: g.meetingId,
        date: g.date,
        topic: g.topic,
      }),
    );
  }
  const kindOrder: Record<string, number> = { activity: 0, group_meeting: 0, assessment: 1, outcome: 2 };
  timeline.sort(
    (a, b) =>
      String(a.date).localeCompare(String(b.date)) ||
      (kindOrder[String(a.kind)] ?? 9) - (kindOrder[String(b.kind)] ?? 9) ||
      String(a.id).localeCompare(String(b.id)),
  );
  return {
    status: 200,
    body: {
      ...redactForViewer(req.actor, toEnrollment(enrollment)),
      protocol: protocolView(periodProtocol(period).opening, protocolStateOf(enrollment)),
      due: enrollment.status === 'active' ? (enrollment.due ?? {}) : {},
      timeline,
    },
  };
}

/** PATCH /enrollments/{id}: end an active enrollment; dropout and transfer free the place. */
export async function patchEnrollment(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, RECORD_WRITERS.status);
  const { id } = validate(idParams, req.params);
  const body = validate(patchEnrollmentBody, req.body);
  return executeWrite(req, async () => {
    const { enrollment, period } = await loadEnrollment(req.actor, id);
    const { freesPlace } = checkTransition(enrollment.status, body.status);
    const today = todayIn(config().timeZone, req.now);
    checkRecordDate('status', body.date, enrollment, today);
    const at = req.now.toISOString();
    const next = nextEnrollment(
      enrollment,
      period,
      { status: body.status, statusDate: body.date, ...(body.reason ? { statusReason: body.reason } : {}) },
      at,
    );
    const items: TxItem[] = [putEnrollment(next, enrollment.version)];
    if (freesPlace) {
      items.push({
        Update: {
          TableName: config().tableName,
          Key: keys.period(enrollment.periodId),
          UpdateExpression: 'SET enrolledCount = enrolledCount - :one',
          ConditionExpression: 'attribute_exists(pk) AND enrolledCount > :zero',
          ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
        },
      });
    }
    return {
      items,
      audit: [
        {
          entity: 'enrollment',
          entityId: id,
          action: `status:${body.status}`,
          changedFields: ['status', 'statusDate', ...(body.reason ? ['statusReason'] : [])],
        },
      ],
      response: { status: 200, body: toEnrollment(next) },
      onCancelled: (reasons) => (conditionFailed(reasons, 0) ? 'retry' : undefined),
    };
  });
}

/**
 * GET /periods/{id}/due?before=: the worklist. One range Query per office of the caller's
 * scope on the due index (gsi3, sorted by each enrollment's earliest due date); the per-type
 * dates come from the same items.
 */
export async function listDue(req: ApiRequest): Promise<ApiResponse> {
  const { id: periodId } = validate(idParams, req.params);
  const query = validate(dueQuery, req.query);
  const period = await readablePeriod(req, periodId);
  const today = todayIn(config().timeZone, req.now);
  const before = query.before ?? addDays(today, 1);
  if (!isProvinceWide(req.actor) && query.office !== undefined && query.office !== req.actor.office) {
    throw errors.forbidden('Anda hanya dapat melihat daftar kantor Anda sendiri.');
  }
  const offices = isProvinceWide(req.actor)
    ? period.offices.filter((o) => query.office === undefined || o === query.office)
    : [req.actor.office];
  const items: Array<Record<string, unknown>> = [];
  for (const office of offices) {
    await forEachPage(
      (cursor) =>
        queryIndex({
          index: 'gsi3',
          partition: partitions.dueOfPeriodOffice(periodId, office),
          sortBefore: before,
          limit: 500,
          cursor,
        }),
      (page) => {
        for (const e of page as EnrollmentItem[]) {
          for (const entry of dueEntries(e.due ?? {}, before, today)) {
            items.push({ enrollmentId: e.id, clientId: e.clientId, office: e.office, ...entry });
          }
        }
      },
    );
  }
  items.sort(
    (a, b) =>
      String(a.dueDate).localeCompare(String(b.dueDate)) ||
      String(a.enrollmentId).localeCompare(String(b.enrollmentId)),
  );
  const clients = await clientSummaries(
    req.actor,
    items.map((i) => i.clientId as string),
  );
  for (const item of items) {
    const client = clients.get(item.clientId as string);
    if (client) item.client = client;
  }
  return { status: 200, body: { periodId, before, today, items } };
}

/**
 * Who the client is, for the people allowed to know (not viewers): the name and registration
 * number a form shows in a list, read in one batch per page instead of one request per row.
 */
async function clientSummaries(actor: Actor, clientIds: string[]): Promise<Map<string, ClientSummary>> {
  const out = new Map<string, ClientSummary>();
  if (actor.role === 'viewer' || clientIds.length === 0) return out;
  for (const c of await getItems([...new Set(clientIds)].map((id) => keys.client(id)))) {
    out.set(c.id as string, {
      fullName: c.fullName as string,
      registrationNumber: c.registrationNumber as string,
    });
  }
  return out;
}

interface ClientSummary {
  fullName: string;
  registrationNumber: string;
}

/** GET /periods/{id}/enrollments: pk/kasi see their office's part of the period. */
export async function listPeriodEnrollments(req: ApiRequest): Promise<ApiResponse> {
  const { id: periodId } = validate(idParams, req.params);
  const query = validate(officePageQuery, req.query);
  await readablePeriod(req, periodId);
  if (!isProvinceWide(req.actor) && query.office !== undefined && query.office !== req.actor.office) {
    throw errors.forbidden('Anda hanya dapat melihat pendaftaran kantor Anda sendiri.');
  }
  const office = isProvinceWide(req.actor) ? query.office : req.actor.office;
  const page = await queryIndex({
    index: 'gsi1',
    partition: partitions.enrollmentsOfPeriod(periodId),
    ...(office ? { sortPrefix: keys.enrollmentInPeriodOfficePrefix(office) } : {}),
    limit: query.limit,
    cursor: query.cursor,
  });
  const clients = await clientSummaries(
    req.actor,
    page.items.map((i) => i.clientId as string),
  );
  return {
    status: 200,
    body: {
      items: page.items.map((i) => {
        const client = clients.get(i.clientId as string);
        return { ...redactForViewer(req.actor, toEnrollment(i)), ...(client ? { client } : {}) };
      }),
      nextCursor: page.nextCursor,
    },
  };
}
