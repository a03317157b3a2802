import { describe, expect, it } from 'vitest';
import { type ProtocolEvent, replayProtocol } from '../../shared/domain/corrections';
import { applyActivity, EMPTY_STATE, protocolRefusal } from '../../shared/domain/protocol';

const NEW = ['home_visit', 'urine_test', 'group_meeting'] as const;
const OLD = ['urine_test', 'group_meeting'] as const;

const ev = (type: ProtocolEvent['type'], date: string, id: string): ProtocolEvent => ({ type, date, id });

describe('replayProtocol', () => {
  it('rebuilds the state that entry one by one gave: opening steps, last dates, counts', () => {
    const events = [
      ev('urine_test', '2025-01-10', 'A2'),
      ev('home_visit', '2025-01-06', 'A1'),
      ev('group_meeting', '2025-01-14', 'M1'),
      ev('urine_test', '2025-02-10', 'A3'),
      ev('counseling', '2025-01-20', 'A4'),
    ];
    let expected = EMPTY_STATE;
    for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date))) {
      expect(protocolRefusal(NEW, expected, e.type, e.date)).toBeNull();
      expected = applyActivity(NEW, expected, e);
    }

    const replay = replayProtocol(NEW, events);

    expect(replay).toEqual({ ok: true, state: expected });
    if (replay.ok) {
      expect(replay.state.openingDone.map((s) => s.id)).toEqual(['A1', 'A2', 'M1']);
      expect(replay.state.lastDone).toEqual({
        home_visit: '2025-01-06',
        urine_test: '2025-02-10',
        group_meeting: '2025-01-14',
        counseling: '2025-01-20',
      });
      expect(replay.state.counts).toEqual({ home_visit: 1, urine_test: 2, group_meeting: 1, counseling: 1 });
    }
  });

  it('takes the expected step first among events of one date (the opening done in a day)', () => {
    // Ids deliberately in the wrong order: the meeting's id sorts before the urine test's.
    const replay = replayProtocol(OLD, [
      ev('group_meeting', '2024-05-14', 'A'),
      ev('urine_test', '2024-05-14', 'B'),
    ]);

    expect(replay.ok && replay.state.openingDone.map((s) => s.type)).toEqual(['urine_test', 'group_meeting']);
  });

  it('refuses when voiding an opening step leaves a later step out of order, naming the event', () => {
    // The home visit (first step) was voided: the urine test would now open the program.
    const replay = replayProtocol(NEW, [
      ev('urine_test', '2025-01-10', 'A2'),
      ev('group_meeting', '2025-01-14', 'M1'),
    ]);

    expect(replay).toEqual({
      ok: false,
      refusal: { reason: 'wrong_type', expected: 'home_visit' },
      event: ev('urine_test', '2025-01-10', 'A2'),
    });
  });

  it('refuses an activity moved before the end of the opening', () => {
    const replay = replayProtocol(OLD, [
      ev('urine_test', '2024-05-14', 'A1'),
      ev('group_meeting', '2024-05-20', 'M1'),
      ev('counseling', '2024-05-18', 'A2'),
    ]);

    expect(replay.ok).toBe(false);
    if (!replay.ok) expect(replay.refusal.reason).toBe('wrong_type');
  });

  it('gives the empty state for an enrollment with nothing left', () => {
    expect(replayProtocol(NEW, [])).toEqual({ ok: true, state: EMPTY_STATE });
  });
});
