// The protocol as the officer's phone knows it: the server's progress plus what waits in the
// outbox (recorded offline, not yet sent). A home visit queued with no signal makes the urine
// test the next step at once, as the server will see it once both are sent in order. Pure.
import type { ActivityType } from '../../../shared/domain/protocol';
import type { OutboxRecord } from '../store';
import type { EnrollmentDetail } from '../types';

type ProtocolView = EnrollmentDetail['protocol'];

/** Activity types waiting in the outbox for this enrollment, in the order they will be sent. */
export function queuedActivities(enrollmentId: string, records: readonly OutboxRecord[]): ActivityType[] {
  const out: ActivityType[] = [];
  for (const r of [...records].sort((a, b) => (a.id ?? 0) - (b.id ?? 0))) {
    if (r.status !== 'pending' || !r.body || typeof r.body !== 'object') continue;
    const body = r.body as { type?: unknown; attendees?: unknown };
    if (r.path === `/enrollments/${enrollmentId}/activities` && typeof body.type === 'string') {
      out.push(body.type as ActivityType);
    } else if (
      /^\/periods\/[^/]+\/group-meetings$/.test(r.path) &&
      Array.isArray(body.attendees) &&
      body.attendees.includes(enrollmentId)
    ) {
      out.push('group_meeting');
    }
  }
  return out;
}

/** The progress after the queued activities (those that continue the opening in order). */
export function withQueued(p: ProtocolView, queued: readonly ActivityType[]): ProtocolView {
  const done = [...p.done];
  for (const type of queued) {
    if (done.length < p.opening.length && p.opening[done.length] === type) done.push(type);
  }
  const complete = done.length >= p.opening.length;
  return {
    opening: p.opening,
    done,
    nextExpected: complete ? null : (p.opening[done.length] ?? null),
    complete,
  };
}
