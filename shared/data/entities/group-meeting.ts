import * as z from 'zod/mini';
import { ROLES } from '../../domain/vocabulary';
import { parseItem } from '../item';
import { keys } from '../keys';
import { forEachPage, getItems, type Item, queryPartition } from '../read';
import { putNew, type TxPart } from '../write';

/**
 * A group meeting session: one item in its period's partition, holding its attendees
 * (enrollment ids, at most 90). Each attendee's enrollment counts it in a bounded summary.
 */
const storedGroupMeeting = z.object({
  id: z.string(),
  periodId: z.string(),
  date: z.string(),
  topic: z.string(),
  facilitator: z.optional(z.string()),
  attendees: z.array(z.string()),
  recordedBy: z.object({ role: z.enum(ROLES), office: z.string() }),
  createdAt: z.string(),
});
export type GroupMeetingRecord = z.output<typeof storedGroupMeeting>;

export function groupMeetingFromItem(item: Item): GroupMeetingRecord {
  return parseItem(storedGroupMeeting, item, 'groupMeeting');
}

export const putNewGroupMeeting = (m: GroupMeetingRecord): TxPart =>
  putNew('meetingIsNew', {
    ...keys.groupMeeting(m.periodId, m.date, m.id),
    entityType: 'groupMeeting',
    ...m,
  });

/** Meetings by reference (period, date, id), in one batch. */
export async function getGroupMeetings(
  refs: ReadonlyArray<{ periodId: string; date: string; meetingId: string }>,
): Promise<GroupMeetingRecord[]> {
  const items = await getItems(refs.map((r) => keys.groupMeeting(r.periodId, r.date, r.meetingId)));
  return items.map(groupMeetingFromItem);
}

/**
 * The meetings of a period that one enrollment attended, read consistently (a correction
 * rebuilds the enrollment's protocol state and attendance summary from them).
 */
export async function meetingsAttendedBy(
  periodId: string,
  enrollmentId: string,
): Promise<GroupMeetingRecord[]> {
  const out: GroupMeetingRecord[] = [];
  await forEachPage(
    (cursor) =>
      queryPartition({
        pk: keys.period(periodId).pk,
        limit: 500,
        cursor,
        sortPrefix: keys.groupMeetingPrefix(),
        consistent: true,
      }),
    (items) => {
      for (const item of items) {
        const meeting = groupMeetingFromItem(item);
        if (meeting.attendees.includes(enrollmentId)) out.push(meeting);
      }
    },
  );
  return out;
}
