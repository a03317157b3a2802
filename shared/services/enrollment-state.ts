import { config } from '../config';
import { keys } from '../data/keys';
import { getItem, type Item } from '../data/read';
import type { TxItem } from '../data/write';
import { canReadEnrollment } from '../domain/access';
import type { Actor } from '../domain/actor';
import {
  type ActivityType,
  dueDates,
  EMPTY_STATE,
  earliestDue,
  type ProtocolState,
} from '../domain/protocol';
import { errors } from '../errors';
import type { PeriodItem } from './periods';

/**
 * The enrollment item carries the state its rules need, so that every write is decided from
 * one consistent read and lands with one version check: the protocol progress, the last date
 * of each activity type, the group meetings attended, and the due dates (projected to gsi3).
 */
export interface EnrollmentItem extends Item {
  id: string;
  periodId: string;
  clientId: string;
  office: string;
  status: string;
  enrolledOn: string;
  periodStart: string;
  periodEnd: string;
  statusDate?: string;
  version: number;
  protocolState?: ProtocolState;
  groupMeetings?: Array<{ meetingId: string; date: string; topic: string }>;
  due?: Partial<Record<ActivityType, string>>;
}

export interface PeriodProtocol {
  opening: ActivityType[];
  cadenceDays: Partial<Record<ActivityType, number>>;
}

export function periodProtocol(period: Item): PeriodProtocol {
  const p = (period.protocol ?? {}) as Partial<PeriodProtocol>;
  return { opening: p.opening ?? [], cadenceDays: p.cadenceDays ?? {} };
}

export function protocolStateOf(item: EnrollmentItem): ProtocolState {
  return item.protocolState ?? EMPTY_STATE;
}

/** Loads an enrollment the actor may see (404 otherwise) with its period. */
export async function loadEnrollment(
  actor: Actor,
  enrollmentId: string,
  consistent = true,
): Promise<{ enrollment: EnrollmentItem; period: PeriodItem }> {
  const item = await getItem(keys.enrollment(enrollmentId), consistent);
  if (!item || !canReadEnrollment(actor, item as { office: string })) throw errors.notFound();
  const period = await getItem(keys.period(item.periodId as string), consistent);
  if (!period) throw errors.notFound();
  return { enrollment: item as EnrollmentItem, period: period as PeriodItem };
}

/**
 * The next version of an enrollment item with `state` applied: due dates recomputed, and the
 * due index entry set for an active enrollment with cadence types, removed otherwise.
 */
export function nextEnrollment(
  item: EnrollmentItem,
  period: Item,
  changes: Partial<EnrollmentItem>,
  at: string,
): EnrollmentItem {
  const next: EnrollmentItem = { ...item, ...changes, version: item.version + 1, updatedAt: at };
  const state = protocolStateOf(next);
  delete next.gsi3pk;
  delete next.gsi3sk;
  if (next.status === 'active') {
    const { opening, cadenceDays } = periodProtocol(period);
    const due = dueDates(opening, cadenceDays, state, next.enrolledOn);
    next.due = due;
    const earliest = earliestDue(due);
    if (earliest) Object.assign(next, keys.enrollmentDue(next.periodId, next.office, earliest, next.id));
  } else {
    next.due = {};
  }
  return next;
}

/** Optimistic write of an enrollment: lands only on the version that was read. */
export function putEnrollment(next: EnrollmentItem, readVersion: number): TxItem {
  return {
    Put: {
      TableName: config().tableName,
      Item: next,
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': readVersion },
    },
  };
}
