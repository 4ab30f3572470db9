import { answeredCall, applyAll, ev, MINUTE, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('survey ratings (满意率)', () => {
    const engine = new KpiEngine();
    applyAll(engine, [
      ...answeredCall({
        callId: 'c1',
        joinAt: T0,
        waitSeconds: 2,
        talkSeconds: 60,
        agent: 'a1',
        line: '12315',
      }),
      ...answeredCall({
        callId: 'c2',
        joinAt: T0,
        waitSeconds: 2,
        talkSeconds: 60,
        agent: 'a2',
        queue: 'q2',
      }),
      ev.rated('r1', T0 + 2 * MINUTE, 5, { callId: 'c1' }),
      ev.rated('r2', T0 + 2 * MINUTE, 3, { contactId: 'contact-c1', queue: 'q1' }),
      ev.rated('r3', T0 + 2 * MINUTE, 2, { agent: 'a2', queue: 'q2' }),
      ev.rated('r4', T0 + 2 * MINUTE, 1, { queue: 'q2' }),
    ]);
    const s = engine.snapshot(T0 + 5 * MINUTE);

    it('counts a score of 3 or more as satisfied at the centre', () => {
      expect(s.periods.centre.today.ratings).toEqual({ count: 4, satisfied: 2, rate: 0.5 });
      expect(s.periods.centre.last15m.ratings.count).toBe(4);
    });

    it('attributes ratings to queue, agent (from the call) and line (through call or contact)', () => {
      expect(s.periods.queues.q1?.today.ratings).toEqual({ count: 2, satisfied: 2, rate: 1 });
      expect(s.periods.queues.q2?.today.ratings).toEqual({ count: 2, satisfied: 0, rate: 0 });
      expect(s.periods.agents.a1?.today.ratings.count).toBe(2);
      expect(s.periods.agents.a2?.today.ratings).toEqual({ count: 1, satisfied: 0, rate: 0 });
      expect(s.periods.lines['12315']?.today.ratings.count).toBe(2);
      expect(s.agents.find((a) => a.agent === 'a1')?.ratingsToday.rate).toBe(1);
    });

    it('ignores a replayed rating with the same ratingId', () => {
      expect(engine.apply(ev.rated('r4', T0 + 2 * MINUTE, 1, { queue: 'q2' }))).toBe('duplicate');
      expect(engine.snapshot(T0 + 5 * MINUTE).periods.centre.today.ratings.count).toBe(4);
    });

    it('follows a configured satisfied threshold', () => {
      const strict = new KpiEngine({ satisfiedMinScore: 4 });
      applyAll(strict, [ev.rated('x', T0, 3), ev.rated('y', T0, 4)]);
      expect(strict.snapshot(T0).periods.centre.today.ratings).toEqual({
        count: 2,
        satisfied: 1,
        rate: 0.5,
      });
    });
  });
});
