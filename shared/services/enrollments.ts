import { ulid } from 'ulid';
import { createEnrollmentBody, type Enrollment, idParams, officePageQuery } from '../api/schemas';
import { config } from '../config';
import { keys, partitions } from '../data/keys';
import { getItem, type Item, queryIndex } from '../data/read';
import { conditionFailed, executeWrite } from '../data/write';
import {
  canReadEnrollment,
  canWriteClient,
  ENROLLMENT_WRITERS,
  isProvinceWide,
  requireRole,
} from '../domain/access';
import { todayIn } from '../domain/dates';
import {
  checkEnrollment,
  defaultEnrolledOn,
  type ExistingEnrollment,
  isPeriodClosed,
} from '../domain/periods';
import { errors } from '../errors';
import type { ApiRequest, ApiResponse } from '../http';
import { validate } from '../validation';
import { readablePeriod } from './periods';

export function toEnrollment(item: Item): Enrollment {
  return {
    id: item.id as string,
    periodId: item.periodId as string,
    clientId: item.clientId as string,
    office: item.office as string,
    status: item.status as Enrollment['status'],
    enrolledOn: item.enrolledOn as string,
    createdAt: item.createdAt as string,
  };
}

/** All enrollments of one client (a handful at most), for the overlap rule. */
async function enrollmentsOfClient(clientId: string): Promise<ExistingEnrollment[]> {
  const out: ExistingEnrollment[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryIndex({
      index: 'gsi2',
      partition: partitions.enrollmentsOfClient(clientId),
      limit: 100,
      cursor,
    });
    for (const i of page.items) {
      out.push({
        periodId: i.periodId as string,
        status: i.status as string,
        periodStart: i.periodStart as string,
        periodEnd: i.periodEnd as string,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
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
    const item = {
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
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
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
        { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
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

export async function getEnrollment(req: ApiRequest): Promise<ApiResponse> {
  const { id } = validate(idParams, req.params);
  const item = await getItem(keys.enrollment(id));
  if (!item || !canReadEnrollment(req.actor, item as { office: string })) throw errors.notFound();
  return { status: 200, body: toEnrollment(item) };
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
  return { status: 200, body: { items: page.items.map(toEnrollment), nextCursor: page.nextCursor } };
}
