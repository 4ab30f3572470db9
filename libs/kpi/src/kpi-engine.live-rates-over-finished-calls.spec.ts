import { applyAll, ev, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

/**
 * kpi-spec.md "Live rates over finished calls": a caller still waiting is shown as waiting,
 * not counted in the rates over offered until the call has an outcome. Once every call has
 * ended the figures are the PBX's (answered / offered).
 */
describe(KpiEngine.name, () => {
  describe('live rates over finished calls', () => {
    const finished = [
      ...Array.from({ length: 19 }, (_, i) => [
        ev.joined(`a${i}`, T0 + i * SECOND),
        ev.answered(`a${i}`, T0 + (i + 5) * SECOND, 'agent1', 5),
        ev.ended(`a${i}`, T0 + (i + 65) * SECOND, 'agent1', 60),
      ]).flat(),
      ev.joined('lost', T0 + 20 * SECOND),
      ev.abandoned('lost', T0 + 50 * SECOND, 30),
    ];

    it('leaves the answer rate, service level and abandon rate alone while a new caller waits', () => {
      const engine = new KpiEngine();
      applyAll(engine, finished);
      const before = engine.snapshot(T0 + 200 * SECOND).periods.centre.today;
      applyAll(engine, [ev.joined('new', T0 + 201 * SECOND)]);
      const waiting = engine.snapshot(T0 + 204 * SECOND);
      const during = waiting.periods.centre.today;
      expect(waiting.live.waiting.map((w) => w.callId)).toEqual(['new']);
      expect(during.offered).toBe(21);
      expect(during.inProgress).toBe(1);
      expect(during.answerRate).toBe(before.answerRate);
      expect(during.answerRate).toBeCloseTo(19 / 20, 12);
      expect(during.serviceLevel).toBe(before.serviceLevel);
      expect(during.abandonRate).toBeCloseTo(1 / 20, 12);
      expect(during.answeredIn10sRate).toBe(before.answeredIn10sRate);
      const interval = waiting.intervals.centre.find((p) => p.inProgress > 0);
      expect(interval).toMatchObject({ offered: 21, inProgress: 1, answered: 19 });
    });

    it('counts the caller once the call has its outcome: answered or lost', () => {
      const answered = new KpiEngine();
      applyAll(answered, [
        ...finished,
        ev.joined('new', T0 + 201 * SECOND),
        ev.answered('new', T0 + 215 * SECOND, 'agent1', 14),
      ]);
      const a = answered.snapshot(T0 + 216 * SECOND).periods.centre.today;
      expect(a.inProgress).toBe(0);
      expect(a.answerRate).toBeCloseTo(20 / 21, 12);
      expect(a.serviceLevel).toBeCloseTo(19 / 21, 12);

      const lost = new KpiEngine();
      applyAll(lost, [
        ...finished,
        ev.joined('new', T0 + 201 * SECOND),
        ev.abandoned('new', T0 + 240 * SECOND, 39),
      ]);
      const l = lost.snapshot(T0 + 241 * SECOND).periods.centre.today;
      expect(l.inProgress).toBe(0);
      expect(l.answerRate).toBeCloseTo(19 / 21, 12);
      expect(l.abandonRate).toBeCloseTo(2 / 21, 12);
    });
  });
});
