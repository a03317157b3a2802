import {
  type ActivityType,
  applyActivity,
  EMPTY_STATE,
  nextExpected,
  type ProtocolRefusal,
  type ProtocolState,
  protocolRefusal,
} from './protocol';

/** One thing done on an enrollment that the protocol judges: an activity or a meeting attended. */
export interface ProtocolEvent {
  type: ActivityType;
  date: string;
  /** The activity's id, or the group meeting's. */
  id: string;
}

export type Replay =
  | { ok: true; state: ProtocolState }
  | { ok: false; refusal: ProtocolRefusal; event: ProtocolEvent };

/**
 * The protocol state of an enrollment rebuilt from everything it holds (after a correction
 * changed or voided a record): the events are taken in date order, and on one date the step the
 * protocol expects first, so that a sequence accepted entry by entry (each judged by its date)
 * is always accepted again. The first event that breaks the protocol is returned with the
 * reason: a correction that leaves the remaining records out of order is refused, like a new
 * entry would be (docs/api.md, "Corrections").
 */
export function replayProtocol(opening: readonly ActivityType[], events: readonly ProtocolEvent[]): Replay {
  const pending = [...events].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  let state: ProtocolState = EMPTY_STATE;
  while (pending.length > 0) {
    const date = pending[0]?.date;
    const expected = nextExpected(opening, state);
    // On the earliest remaining date, the expected opening step goes first.
    let index = expected === null ? -1 : pending.findIndex((e) => e.date === date && e.type === expected);
    if (index < 0) index = 0;
    const [event] = pending.splice(index, 1);
    if (!event) break;
    const refusal = protocolRefusal(opening, state, event.type, event.date);
    if (refusal) return { ok: false, refusal, event };
    state = applyActivity(opening, state, event);
  }
  return { ok: true, state };
}
