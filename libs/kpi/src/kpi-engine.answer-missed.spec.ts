import { applyAll, ev, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { QueueCallRecord } from './queue-call-record';

describe(KpiEngine.name, () => {
  describe('a call-ended for a call still waiting (its answer was missed)', () => {
    const engine = new KpiEngine();
    const records: QueueCallRecord[] = [];
    engine.onCallFinished((r) => records.push(r));
    const outcomes = applyAll(engine, [
      ev.joined('c', T0 + 400),
      // Talked 50 s and ended at +62.4 s: answered at +12.4 s, so the wait is 12 s (rounded).
      ev.ended('c', T0 + 62_400, 'a1', 50),
    ]);

    it('counts it as answered, dating the answer from the PBX talk time', () => {
      expect(outcomes).toEqual(['applied', 'applied']);
      expect(engine.snapshot(T0 + 70 * SECOND).periods.queues.q1?.today).toMatchObject({
        answered: 1,
        answeredWithin10s: 0,
        asaSeconds: 12,
        ahtSeconds: 50,
      });
      expect(records[0]).toMatchObject({
        outcome: 'answered',
        answeredAt: T0 + 12_400,
        waitSeconds: 12,
        talkSeconds: 50,
        agent: 'a1',
        estimated: true,
      });
    });

    it('records an answer-inferred anomaly with the event as first example', () => {
      expect(engine.anomalies()).toEqual([
        expect.objectContaining({
          kind: 'answer-inferred',
          count: 1,
          first: expect.objectContaining({
            event: expect.objectContaining({ type: 'call-ended', callId: 'c' }),
          }),
        }),
      ]);
    });

    it('treats the same call-ended seen again as a duplicate', () => {
      expect(engine.apply(ev.ended('c', T0 + 62_400, 'a1', 50))).toBe('duplicate');
      expect(records).toHaveLength(1);
    });

    it('credits the agent and leaves it available', () => {
      const s = engine.snapshot(T0 + 70 * SECOND);
      expect(s.periods.agents.a1?.today.answered).toBe(1);
      expect(s.agents.find((a) => a.agent === 'a1')?.state).toBe('available');
    });
  });
});
