import { answeredCall, ev, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(`${KpiEngine.name}, the longest current wait of each queue and line`, () => {
  const engine = new KpiEngine();
  for (const e of [
    ev.joined('a1', T0, { queue: 'qa', line: '12345' }),
    ev.joined('b1', T0 + 10 * SECOND, { queue: 'qb', line: '12315' }),
    ev.joined('a2', T0 + 20 * SECOND, { queue: 'qa', line: '12315' }),
    ev.joined('b2', T0 + 25 * SECOND, { queue: 'qb' }),
    // qc's caller was answered: qc has nobody waiting.
    ...answeredCall({ callId: 'c1', joinAt: T0, waitSeconds: 5, talkSeconds: 30, queue: 'qc' }),
  ].sort((x, y) => x.at - y.at))
    engine.apply(e);

  it('names, per queue with callers waiting, the caller waiting longest and for how long', () => {
    const live = engine.snapshot(T0 + 60 * SECOND).live;
    expect(live.longestWaitByQueue).toEqual({
      qa: { callId: 'a1', joinedAt: T0, waitSeconds: 60 },
      qb: { callId: 'b1', joinedAt: T0 + 10 * SECOND, waitSeconds: 50 },
    });
    expect(live.longestWaitByLine).toEqual({
      '12345': { callId: 'a1', joinedAt: T0, waitSeconds: 60 },
      '12315': { callId: 'b1', joinedAt: T0 + 10 * SECOND, waitSeconds: 50 },
    });
    expect(live.longestCurrentWaitSeconds).toBe(60);
  });

  it('moves to the next caller when the longest one leaves, and drops a queue nobody waits in', () => {
    engine.apply(ev.abandoned('a1', T0 + 61 * SECOND, 61, 'qa'));
    engine.apply(ev.abandoned('b1', T0 + 62 * SECOND, 52, 'qb'));
    engine.apply(ev.abandoned('b2', T0 + 63 * SECOND, 38, 'qb'));
    const live = engine.snapshot(T0 + 70 * SECOND).live;
    expect(live.longestWaitByQueue).toEqual({
      qa: { callId: 'a2', joinedAt: T0 + 20 * SECOND, waitSeconds: 50 },
    });
    expect(live.longestWaitByLine).toEqual({
      '12315': { callId: 'a2', joinedAt: T0 + 20 * SECOND, waitSeconds: 50 },
    });
  });
});
