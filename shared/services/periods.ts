import { ulid } from 'ulid';
import { createPeriodBody, idParams, officePageQuery, type Period } from '../api/schemas';
import { config } from '../config';
import { keys, partitions } from '../data/keys';
import { getItem, getItems, type Item, queryIndex } from '../data/read';
import { conditionFailed, executeWrite, putNew, type TxItem } from '../data/write';
import {
  canManagePeriod,
  canReadPeriod,
  isProvinceWide,
  PERIOD_MANAGERS,
  requireRole,
} from '../domain/access';
import { todayIn } from '../domain/dates';
import { isPeriodClosed, periodStatus } from '../domain/periods';
import { errors } from '../errors';
import type { ApiRequest, ApiResponse } from '../http';
import { validate } from '../validation';

export function toPeriod(item: Item, today: string): Period {
  return {
    id: item.id as string,
    name: item.name as string,
    startDate: item.startDate as string,
    endDate: item.endDate as string,
    capacity: item.capacity as number,
    enrolledCount: item.enrolledCount as number,
    offices: item.offices as string[],
    protocol: item.protocol as Period['protocol'],
    instruments: item.instruments as Period['instruments'],
    status: periodStatus(item as { endDate: string; closedAt?: string }, today),
    ...(item.closedAt ? { closedAt: item.closedAt as string } : {}),
    createdAt: item.createdAt as string,
  };
}

export interface PeriodItem extends Item {
  id: string;
  startDate: string;
  endDate: string;
  capacity: number;
  enrolledCount: number;
  offices: string[];
  closedAt?: string;
}

/** Loads a period the actor may see; absent and out of scope look the same (404). */
export async function readablePeriod(req: ApiRequest, id: string, consistent = false): Promise<PeriodItem> {
  const item = await getItem(keys.period(id), consistent);
  if (!item || !canReadPeriod(req.actor, item as { offices: string[] })) throw errors.notFound();
  return item as PeriodItem;
}

export async function createPeriod(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, PERIOD_MANAGERS);
  const body = validate(createPeriodBody, req.body);
  if (!canManagePeriod(req.actor, body)) {
    throw errors.forbidden('Kasi hanya dapat membuat periode untuk kantornya sendiri.');
  }
  const today = todayIn(config().timeZone, req.now);
  if (body.endDate < today) {
    throw errors.unprocessable('period_in_past', 'Periode yang sudah berakhir tidak dapat dibuat.', [
      { path: 'endDate', message: 'Tanggal selesai sudah lewat.' },
    ]);
  }
  return executeWrite(req, async () => {
    const id = ulid();
    const table = config().tableName;
    const item = {
      ...keys.period(id),
      ...keys.periodInProvince(body.startDate, id),
      entityType: 'period',
      id,
      ...body,
      protocol: { opening: body.protocol.opening, cadenceDays: body.protocol.cadenceDays ?? {} },
      enrolledCount: 0,
      version: 1,
      createdAt: req.now.toISOString(),
    };
    const memberships: TxItem[] = body.offices.map((office) => ({
      Put: {
        TableName: table,
        Item: {
          ...keys.periodOffice(id, office),
          ...keys.periodByOffice(office, body.startDate, id),
          entityType: 'periodOffice',
          periodId: id,
          office,
        },
      },
    }));
    return {
      items: [putNew(item), ...memberships],
      audit: [{ entity: 'period', entityId: id, action: 'create', changedFields: Object.keys(body) }],
      response: { status: 201, body: toPeriod(item, today) },
    };
  });
}

export async function getPeriod(req: ApiRequest): Promise<ApiResponse> {
  const { id } = validate(idParams, req.params);
  const item = await readablePeriod(req, id);
  return { status: 200, body: toPeriod(item, todayIn(config().timeZone, req.now)) };
}

/** Newest first. pk/kasi: their office's periods; others: all, or one office's with ?office=. */
export async function listPeriods(req: ApiRequest): Promise<ApiResponse> {
  const query = validate(officePageQuery, req.query);
  const today = todayIn(config().timeZone, req.now);
  const office = isProvinceWide(req.actor) ? query.office : req.actor.office;
  if (!isProvinceWide(req.actor) && query.office !== undefined && query.office !== req.actor.office) {
    throw errors.forbidden('Anda hanya dapat melihat periode kantor Anda sendiri.');
  }
  if (office === undefined) {
    const page = await queryIndex({
      index: 'gsi1',
      partition: partitions.periodsOfProvince(),
      limit: query.limit,
      cursor: query.cursor,
      newestFirst: true,
    });
    return {
      status: 200,
      body: { items: page.items.map((i) => toPeriod(i, today)), nextCursor: page.nextCursor },
    };
  }
  // Membership items carry only keys; the periods come in one batch read (<= limit items).
  const page = await queryIndex({
    index: 'gsi1',
    partition: partitions.periodsOfOffice(office),
    limit: query.limit,
    cursor: query.cursor,
    newestFirst: true,
  });
  const periods = await getItems(page.items.map((m) => keys.period(m.periodId as string)));
  return {
    status: 200,
    body: { items: periods.map((i) => toPeriod(i, today)), nextCursor: page.nextCursor },
  };
}

/** POST /periods/{id}/close: ends enrollment into the period before its end date. */
export async function closePeriod(req: ApiRequest): Promise<ApiResponse> {
  requireRole(req.actor, PERIOD_MANAGERS);
  const { id } = validate(idParams, req.params);
  return executeWrite(req, async () => {
    const current = await readablePeriod(req, id, true);
    if (!canManagePeriod(req.actor, current))
      throw errors.forbidden('Kasi hanya dapat menutup periode kantornya sendiri.');
    const today = todayIn(config().timeZone, req.now);
    if (isPeriodClosed(current, today)) {
      throw errors.conflict('period_closed', 'Periode program sudah berakhir atau ditutup.');
    }
    const closedAt = req.now.toISOString();
    const next = { ...current, closedAt, version: (current.version as number) + 1 };
    return {
      items: [
        {
          Update: {
            TableName: config().tableName,
            Key: keys.period(id),
            UpdateExpression: 'SET closedAt = :at, version = version + :one',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedAt)',
            ExpressionAttributeValues: { ':at': closedAt, ':one': 1 },
          },
        },
      ],
      audit: [{ entity: 'period', entityId: id, action: 'close', changedFields: ['closedAt'] }],
      response: { status: 200, body: toPeriod(next, today) },
      onCancelled: (reasons) =>
        conditionFailed(reasons, 0)
          ? errors.conflict('period_closed', 'Periode program sudah ditutup.')
          : undefined,
    };
  });
}
