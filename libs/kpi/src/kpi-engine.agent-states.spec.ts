import { applyAll, ev, MINUTE, SECOND, shanghai } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { AgentStateInterval } from './agent-board';

describe(KpiEngine.name, () => {
  describe('agent states and pause with reason', () => {
    const t = shanghai('2026-03-10 08:00');
    const engine = new KpiEngine();
    const spans: AgentStateInterval[] = [];
    engine.onAgentStateInterval((span) => spans.push(span));
    applyAll(engine, [
      ev.agentState('a1', t, 'available', undefined, ['q1']),
      ev.agentState('a2', t, 'available', undefined, ['q2']),
      ev.agentState('a3', t, 'logged-out'),
      ev.agentState('a1', t + 10 * MINUTE, 'paused', '小休'),
    ]);
    const whilePaused = engine.snapshot(t + 15 * MINUTE);
    applyAll(engine, [
      ev.agentState('a1', t + 25 * MINUTE, 'available'),
      ev.joined('c', t + 30 * MINUTE),
      ev.ringing('c', t + 30 * MINUTE, 'a1'),
      ev.answered('c', t + 30 * MINUTE + 5 * SECOND, 'a1', 5),
      ev.ended('c', t + 35 * MINUTE + 5 * SECOND, 'a1', 300),
      ev.agentState('a1', t + 35 * MINUTE + 5 * SECOND, 'wrap-up'),
      ev.agentState('a1', t + 36 * MINUTE + 5 * SECOND, 'available'),
    ]);

    it('shows the pause reason while paused and the time in state', () => {
      const s = whilePaused;
      expect(s.agents.find((a) => a.agent === 'a1')).toMatchObject({
        state: 'paused',
        pauseReason: '小休',
        secondsInState: 300,
      });
    });

    it('accumulates per-state durations since midnight (occupancy)', () => {
      const s = engine.snapshot(t + 40 * MINUTE + 5 * SECOND);
      const a1 = s.agents.find((a) => a.agent === 'a1');
      expect(a1?.stateSecondsToday).toEqual({
        'logged-out': 0,
        available: (10 + 5 + 4) * 60,
        paused: 15 * 60,
        ringing: 5,
        'on-call': 300,
        'wrap-up': 60,
      });
      expect(a1?.occupancyToday).toBeCloseTo(365 / (365 + 19 * 60), 12);
      expect(a1).toMatchObject({ answeredToday: 1, ahtSecondsToday: 300, overFiveMinutesToday: 0 });
    });

    it('counts agents by state and on duty', () => {
      const s = whilePaused;
      expect(s.agentCounts).toMatchObject({ paused: 1, available: 1, 'logged-out': 1, onDuty: 2 });
    });

    it('emits each closed state span once', () => {
      expect(
        spans
          .filter((x) => x.agent === 'a1')
          .map((x) => [x.state, (x.endedAt - x.startedAt) / SECOND]),
      ).toEqual([
        ['available', 600],
        ['paused', 900],
        ['available', 300],
        ['ringing', 5],
        ['on-call', 300],
        ['wrap-up', 60],
      ]);
      expect(spans.find((x) => x.state === 'paused')?.pauseReason).toBe('小休');
    });

    it('filters agents by queue membership', () => {
      const s = engine.snapshot(t + 15 * MINUTE, { queues: ['q2'] });
      expect(s.agents.map((a) => a.agent).sort()).toEqual(['a2', 'a3']);
    });

    it('ignores a state change older than the current one as out of order', () => {
      expect(engine.apply(ev.agentState('a2', t - MINUTE, 'paused', '会议'))).toBe('anomaly');
      expect(engine.snapshot(t + 50 * MINUTE).agents.find((a) => a.agent === 'a2')?.state).toBe(
        'available',
      );
    });

    it('restarts the durations at local midnight', () => {
      const e = new KpiEngine();
      e.apply(ev.agentState('n', shanghai('2026-03-10 23:00'), 'available'));
      e.tick(shanghai('2026-03-11 00:30'));
      expect(e.snapshot(shanghai('2026-03-11 01:00')).agents[0]?.stateSecondsToday.available).toBe(
        3600,
      );
    });
  });
});
