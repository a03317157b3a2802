import type { RouteOutput } from '../api/route';
import type { getEnrollmentRoute } from '../api/routes/enrollments';
import type { GroupMeetingRecord } from '../data/entities/group-meeting';
import type { EnrollmentRecordItem } from '../data/entities/records';
import type { Actor } from '../domain/actor';
import { redactForViewer } from './enrollments';

type TimelineEntry = RouteOutput<typeof getEnrollmentRoute>['timeline'][number];

function entryOf(r: EnrollmentRecordItem): TimelineEntry {
  switch (r.kind) {
    case 'activity': {
      const { periodId: _period, ...record } = r.record;
      return { kind: 'activity', ...record };
    }
    case 'assessment': {
      const { periodId: _period, ...record } = r.record;
      return { kind: 'assessment', ...record };
    }
    case 'outcome': {
      const { periodId: _period, ...record } = r.record;
      return { kind: 'outcome', ...record };
    }
  }
}

const KIND_ORDER: Record<TimelineEntry['kind'], number> = {
  activity: 0,
  group_meeting: 0,
  assessment: 1,
  outcome: 2,
};

/**
 * An enrollment's timeline: its records and the meetings it attended, ascending by date (then
 * activities before assessments before outcomes, then by id); free text left out for viewers.
 */
export function timelineOf(
  actor: Actor,
  records: readonly EnrollmentRecordItem[],
  meetings: readonly GroupMeetingRecord[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const r of records) entries.push(redactForViewer(actor, entryOf(r)));
  for (const m of meetings) {
    entries.push(
      redactForViewer(actor, {
        kind: 'group_meeting',
        type: 'group_meeting',
        id: m.id,
        date: m.date,
        topic: m.topic,
      }),
    );
  }
  return entries.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id),
  );
}
