import { answeredCall, applyAll, ev, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('over-5-minute talk', () => {
    it('does not count a talk of exactly 300 s and counts 301 s', () => {
      const engine = new KpiEngine();
      applyAll(engine, [
        ...answeredCall({ callId: 't300', joinAt: T0, waitSeconds: 3, talkSeconds: 300 }),
        ...answeredCall({ callId: 't301', joinAt: T0 + SECOND, waitSeconds: 3, talkSeconds: 301 }),
      ]);
      const today = engine.snapshot(T0 + 20 * 60 * SECOND).periods.centre.today;
      expect(today.overFiveMinutes).toBe(1);
      expect(today.overFiveMinuteRate).toBe(0.5);
    });

    it('counts a talk live the moment it passes 300 s, and only once when it ends', () => {
      const engine = new KpiEngine();
      const answerAt = T0 + 5 * SECOND;
      applyAll(engine, [ev.joined('c', T0), ev.answered('c', answerAt, 'a1', 5)]);

      engine.tick(answerAt + 300 * SECOND);
      expect(
        engine.snapshot(answerAt + 300 * SECOND).periods.queues.q1?.today.overFiveMinutes,
      ).toBe(0);

      engine.tick(answerAt + 300 * SECOND + 1);
      const live = engine.snapshot(answerAt + 300 * SECOND + 1);
      expect(live.periods.queues.q1?.today.overFiveMinutes).toBe(1);
      expect(live.periods.centre.today.overFiveMinutes).toBe(1);
      expect(live.periods.agents.a1?.today.overFiveMinutes).toBe(1);
      expect(live.live.talkingOverFiveMinutes).toBe(1);
      expect(live.agents.find((a) => a.agent === 'a1')?.overFiveMinutesToday).toBe(1);

      engine.apply(ev.ended('c', answerAt + 420 * SECOND, 'a1', 420));
      const after = engine.snapshot(answerAt + 500 * SECOND);
      expect(after.periods.queues.q1?.today.overFiveMinutes).toBe(1);
      expect(after.periods.centre.today.overFiveMinutes).toBe(1);
      expect(after.live.talking).toHaveLength(0);
    });

    it('takes back a live count when the PBX logs the finished talk as exactly 300 s', () => {
      const engine = new KpiEngine();
      // On the event clock the talk ran 300.4 s; the PBX's whole-second TalkTime is 300.
      applyAll(engine, [ev.joined('c', T0), ev.answered('c', T0, 'a1', 0)]);
      engine.tick(T0 + 300_400);
      expect(engine.snapshot(T0 + 300_400).periods.centre.today.overFiveMinutes).toBe(1);
      engine.apply(ev.ended('c', T0 + 300_400, 'a1', 300));
      expect(engine.snapshot(T0 + 300_500).periods.centre.today.overFiveMinutes).toBe(0);
    });

    it('shows the talk so far of talking calls', () => {
      const engine = new KpiEngine();
      applyAll(engine, [
        ev.joined('c', T0, { line: '12345' }),
        ev.answered('c', T0 + 4 * SECOND, 'a1', 4),
      ]);
      const talking = engine.snapshot(T0 + 64 * SECOND + 500).live.talking;
      expect(talking).toEqual([
        expect.objectContaining({
          callId: 'c',
          agent: 'a1',
          line: '12345',
          waitSeconds: 4,
          talkSeconds: 60,
          overFiveMinutes: false,
        }),
      ]);
    });
  });
});
