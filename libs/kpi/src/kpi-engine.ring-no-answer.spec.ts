import { applyAll, ev, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('an agent lets it ring, another agent answers', () => {
    const engine = new KpiEngine();
    applyAll(engine, [
      ev.agentState('a1', T0 - 60 * SECOND, 'available'),
      ev.agentState('a2', T0 - 60 * SECOND, 'available'),
      ev.joined('c', T0),
      ev.ringing('c', T0 + SECOND, 'a1'),
    ]);
    const ringing = engine.snapshot(T0 + 5 * SECOND);
    applyAll(engine, [
      ev.ringNoAnswer('c', T0 + 16 * SECOND, 'a1', 15),
      ev.ringing('c', T0 + 17 * SECOND, 'a2'),
      ev.answered('c', T0 + 20 * SECOND, 'a2', 20),
    ]);
    const answered = engine.snapshot(T0 + 25 * SECOND);

    it('shows the first agent ringing for the call', () => {
      expect(ringing.agents.find((a) => a.agent === 'a1')).toMatchObject({
        state: 'ringing',
        callId: 'c',
      });
      expect(ringing.agentCounts.ringing).toBe(1);
    });

    it('puts the first agent back to available and counts its ring-no-answer', () => {
      expect(answered.agents.find((a) => a.agent === 'a1')).toMatchObject({
        state: 'available',
        ringNoAnswerToday: 1,
      });
    });

    it('credits the answer to the second agent only, with the full wait', () => {
      expect(answered.agents.find((a) => a.agent === 'a2')).toMatchObject({
        state: 'on-call',
        callId: 'c',
      });
      expect(answered.periods.agents.a2?.today).toMatchObject({
        answered: 1,
        answeredWithin10s: 0,
      });
      expect(answered.periods.agents.a1?.today.answered).toBe(0);
      expect(answered.periods.queues.q1?.today).toMatchObject({
        offered: 1,
        answered: 1,
        asaSeconds: 20,
      });
    });
  });
});
