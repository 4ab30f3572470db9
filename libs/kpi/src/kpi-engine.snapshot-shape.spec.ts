import { answeredCall, applyAll, ev, MINUTE, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('snapshot shape', () => {
    const engine = new KpiEngine();
    applyAll(engine, [
      ...answeredCall({ callId: 'a', joinAt: T0, waitSeconds: 4, talkSeconds: 60, line: 'L1' }),
      ev.joined('b', T0 + SECOND, { queue: 'q2', line: 'L2' }),
      ev.joined('c', T0 + 2 * SECOND, { queue: 'q1', line: 'L2' }),
      ev.agentState('a9', T0, 'available', undefined, ['q2']),
    ]);

    it('is plain JSON: it survives a round trip unchanged', () => {
      const s = engine.snapshot(T0 + 5 * MINUTE);
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    });

    it('has every period for every scope, with a shift period per active shift', () => {
      const s = engine.snapshot(T0 + 5 * MINUTE);
      const keys = [
        'last15m',
        'last60m',
        'today',
        'week',
        'month',
        ...s.activeShifts.map((x) => `shift:${x.name}`),
      ];
      expect(Object.keys(s.periods.centre).sort()).toEqual(keys.sort());
      expect(Object.keys(s.periods.queues)).toEqual(['q1', 'q2']);
      expect(Object.keys(s.periods.lines)).toEqual(['L1', 'L2']);
      expect(Object.keys(s.periods.queues.q2 ?? {}).sort()).toEqual(keys.sort());
    });

    it('restricts queues, lines and live lists to the filter but keeps the whole centre', () => {
      const s = engine.snapshot(T0 + 5 * MINUTE, { queues: ['q1'], lines: ['L2'] });
      expect(Object.keys(s.periods.queues)).toEqual(['q1']);
      expect(Object.keys(s.periods.lines)).toEqual(['L2']);
      expect(s.live.waiting.map((w) => w.callId)).toEqual(['c']);
      expect(s.periods.centre.today.offered).toBe(3);
      expect(Object.keys(s.intervals.lines)).toEqual(['L2']);
      expect(s.agents.map((a) => a.agent)).toEqual(['agent-1']);
    });
  });
});
