import type { CallEvent } from '@hotline/call-events';
import { answeredCall, ev, MINUTE, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

/** Calls of one queue, one every 10 s from `from`: answered ones first, then the rest. */
function queueCalls(
  queue: string,
  from: number,
  answered: readonly { wait: number; talk: number | null }[],
  left: readonly { wait: number; exit?: 'timeout' }[],
): CallEvent[] {
  const events: CallEvent[] = [];
  let i = 0;
  for (const { wait, talk } of answered) {
    const callId = `${queue}-${i}`;
    const joinAt = from + i++ * 10 * SECOND;
    if (talk === null) {
      // Still talking at the snapshot: answered, its talk not final (out of AHT).
      events.push(ev.joined(callId, joinAt, { queue }));
      events.push(ev.answered(callId, joinAt + wait * SECOND, `${queue}-agent`, wait, queue));
    } else {
      const agent = `${queue}-agent`;
      events.push(
        ...answeredCall({ callId, joinAt, waitSeconds: wait, talkSeconds: talk, queue, agent }),
      );
    }
  }
  for (const { wait, exit } of left) {
    const callId = `${queue}-${i}`;
    const joinAt = from + i++ * 10 * SECOND;
    events.push(ev.joined(callId, joinAt, { queue }));
    const at = joinAt + wait * SECOND;
    events.push(
      exit ? ev.exited(callId, at, wait, exit, queue) : ev.abandoned(callId, at, wait, queue),
    );
  }
  return events;
}

const repeat = <T>(n: number, item: T): T[] => Array.from({ length: n }, () => item);

describe(`${KpiEngine.name}, a snapshot filtered by several queues`, () => {
  const engine = new KpiEngine();
  const a = queueCalls('qa', T0, repeat(9, { wait: 2, talk: 100 }), [{ wait: 30 }]);
  const b = queueCalls(
    'qb',
    T0 + 2 * MINUTE,
    [
      ...repeat(9, { wait: 4, talk: 200 }),
      ...repeat(35, { wait: 24, talk: 60 }),
      { wait: 24, talk: null },
    ],
    [{ wait: 80 }, { wait: 40, exit: 'timeout' }, ...repeat(43, { wait: 5 })],
  );
  const ratings = [
    ...[1, 2, 3, 4].map((n) => ev.rated(`ra${n}`, T0 + 20 * MINUTE + n, 5, { queue: 'qa' })),
    ev.rated('rb', T0 + 21 * MINUTE, 1, { queue: 'qb' }),
  ];
  for (const e of [...a, ...b, ...ratings].sort((x, y) => x.at - y.at)) engine.apply(e);
  const at = T0 + 30 * MINUTE;

  it('adds counts and re-divides rates (never averages them), counted per queue call', () => {
    const sum = engine.snapshot(at, { queues: ['qa', 'qb'] }).periods.selection?.today;
    expect(sum).toMatchObject({ offered: 100, answered: 54, longestWaitSeconds: 80 });
    expect(sum?.answerRate).toBeCloseTo(0.54);
    expect(sum?.answeredIn10sRate).toBeCloseTo(18 / 54);
    expect(sum?.asaSeconds).toBeCloseTo((2 * 9 + 20 * 45) / 54);
    expect(sum?.ratings).toEqual({ count: 5, satisfied: 4, rate: 0.8 });
  });

  it('gives AHT over the calls whose talk is known, and keeps the exit reasons', () => {
    const sum = engine.snapshot(at, { queues: ['qa', 'qb'] }).periods.selection?.today;
    expect(sum?.ahtSeconds).toBe((9 * 100 + 9 * 200 + 35 * 60) / 53);
    expect(sum?.exitedByReason).toEqual({ timeout: 1 });
    expect(sum?.inProgress).toBe(0);
  });

  it('passes one scope through unchanged and gives zero counts and null rates for none', () => {
    const one = engine.snapshot(at, { queues: ['qb'] }).periods;
    expect(one.selection).toEqual(one.queues.qb);
    const none = engine.snapshot(at, { queues: ['q9'] }).periods.selection?.today;
    expect(none).toMatchObject({ offered: 0, answerRate: null, asaSeconds: null });
  });

  it('sums the lines, the finer cut, when the filter names lines', () => {
    const lined = new KpiEngine();
    lined.apply(ev.joined('x', T0, { queue: 'qa', line: 'L1' }));
    lined.apply(ev.joined('y', T0 + SECOND, { queue: 'qb', line: 'L2' }));
    lined.apply(ev.joined('z', T0 + 2 * SECOND, { queue: 'qa', line: 'L3' }));
    const s = lined.snapshot(T0 + MINUTE, { queues: ['qa'], lines: ['L1', 'L2'] });
    expect(s.periods.selection?.today).toMatchObject({ offered: 2, inProgress: 2 });
  });

  it('is absent from an unfiltered snapshot', () => {
    expect(engine.snapshot(at).periods.selection).toBeUndefined();
  });
});
