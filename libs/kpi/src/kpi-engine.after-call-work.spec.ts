import type { AgentStateInterval } from './agent-board';
import { applyAll, ev, SECOND, shanghai } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { KpiEngineConfig } from './kpi-config';

const T = shanghai('2026-03-10 09:00');

function engineWith(agents: KpiEngineConfig['agents']): {
  engine: KpiEngine;
  spans: AgentStateInterval[];
} {
  const engine = new KpiEngine({ agents });
  const spans: AgentStateInterval[] = [];
  engine.onAgentStateInterval((span) => spans.push(span));
  return { engine, spans };
}

/** One answered call c1 for a1: rings at T, answered T+5 s, ends T+65 s. */
function oneCall(engine: KpiEngine, extra: { wrapUpSeconds?: number; queue?: string } = {}): void {
  const queue = extra.queue ?? 'q1';
  applyAll(engine, [
    ev.agentState('a1', T - 60 * SECOND, 'available', undefined, [queue]),
    ev.joined('c1', T, { queue }),
    ev.ringing('c1', T, 'a1', queue),
    ev.answered('c1', T + 5 * SECOND, 'a1', 5, queue),
    {
      ...ev.ended('c1', T + 65 * SECOND, 'a1', 60, 'caller-hangup', queue),
      ...(extra.wrapUpSeconds !== undefined ? { wrapUpSeconds: extra.wrapUpSeconds } : {}),
    },
  ]);
}

const stateOf = (engine: KpiEngine, at: number): string | undefined =>
  engine.snapshot(at).agents.find((a) => a.agent === 'a1')?.state;

describe('after-call work (话后)', () => {
  it('holds the agent in wrap-up for the configured seconds after a call, then available at its own instant', () => {
    const { engine, spans } = engineWith({ wrapUpSeconds: 30 });
    oneCall(engine);
    // app_queue reports the member free (QueueMemberStatus Status 1) as the call ends: not yet.
    engine.apply(ev.agentState('a1', T + 66 * SECOND, 'available'));
    expect(stateOf(engine, T + 80 * SECOND)).toBe('wrap-up');
    engine.tick(T + 97 * SECOND);
    expect(stateOf(engine, T + 97 * SECOND)).toBe('available');
    const wrapUp = spans.find((s) => s.state === 'wrap-up');
    expect(wrapUp).toEqual({
      agent: 'a1',
      state: 'wrap-up',
      pauseReason: null,
      startedAt: T + 65 * SECOND,
      endedAt: T + 95 * SECOND,
      callId: 'c1',
    });
    expect(engine.snapshot(T + 97 * SECOND).agents[0]?.stateSecondsToday['wrap-up']).toBe(30);
  });

  it("counts the wrap-up from the PBX's own end of the call when it says it (app_queue LastCall), before or after the end event", () => {
    for (const lastCallFirst of [false, true]) {
      const { engine, spans } = engineWith({ wrapUpSeconds: 30 });
      const free = {
        ...ev.agentState('a1', T + 65 * SECOND + 400, 'available'),
        lastCallEndedAt: T + 64 * SECOND,
      };
      applyAll(engine, [
        ev.agentState('a1', T - 60 * SECOND, 'available', undefined, ['q1']),
        ev.joined('c1', T),
        ev.ringing('c1', T, 'a1'),
        ev.answered('c1', T + 5 * SECOND, 'a1', 5),
        ...(lastCallFirst ? [free] : []),
        ev.ended('c1', T + 65 * SECOND + 300, 'a1', 60),
        ...(lastCallFirst ? [] : [free]),
      ]);
      engine.tick(T + 120 * SECOND);
      expect(spans.find((s) => s.state === 'wrap-up')?.endedAt).toBe(T + 94 * SECOND);
    }
  });

  it("takes the PBX's own wrap-up of the agent over the config", () => {
    const { engine, spans } = engineWith({ wrapUpSeconds: 30, wrapUpSecondsByQueue: { q1: 20 } });
    oneCall(engine, { wrapUpSeconds: 5 });
    engine.tick(T + 90 * SECOND);
    expect(spans.find((s) => s.state === 'wrap-up')?.endedAt).toBe(T + 70 * SECOND);
  });

  it('uses the queue’s configured wrap-up when the PBX does not say the agent’s', () => {
    const { engine, spans } = engineWith({ wrapUpSeconds: 30, wrapUpSecondsByQueue: { q2: 20 } });
    oneCall(engine, { queue: 'q2' });
    engine.tick(T + 120 * SECOND);
    expect(spans.find((s) => s.state === 'wrap-up')?.endedAt).toBe(T + 85 * SECOND);
  });

  it('ends the wrap-up early when the agent rings for the next call', () => {
    const { engine, spans } = engineWith({ wrapUpSeconds: 30 });
    oneCall(engine);
    applyAll(engine, [ev.joined('c2', T + 70 * SECOND), ev.ringing('c2', T + 75 * SECOND, 'a1')]);
    engine.tick(T + 120 * SECOND);
    expect(stateOf(engine, T + 120 * SECOND)).toBe('ringing');
    const wrapUp = spans.filter((s) => s.state === 'wrap-up');
    expect(wrapUp.map((s) => [s.startedAt, s.endedAt, s.callId])).toEqual([
      [T + 65 * SECOND, T + 75 * SECOND, 'c1'],
    ]);
  });

  it('a pause during the wrap-up replaces it and outlasts the timer', () => {
    const { engine } = engineWith({ wrapUpSeconds: 30 });
    oneCall(engine);
    engine.apply(ev.agentState('a1', T + 70 * SECOND, 'paused', '小休'));
    engine.tick(T + 200 * SECOND);
    expect(engine.snapshot(T + 200 * SECOND).agents[0]).toMatchObject({
      state: 'paused',
      pauseReason: '小休',
    });
  });

  it('shows a pause whose reason means after-call work as wrap-up, counted to the call before it', () => {
    const { engine, spans } = engineWith({
      pauseReasons: { 话后: 'after-call-work', 小休: 'break' },
    });
    oneCall(engine);
    expect(stateOf(engine, T + 66 * SECOND)).toBe('available');
    applyAll(engine, [
      ev.agentState('a1', T + 68 * SECOND, 'paused', '话后'),
      ev.agentState('a1', T + 248 * SECOND, 'available'),
    ]);
    expect(spans.find((s) => s.state === 'wrap-up')).toEqual({
      agent: 'a1',
      state: 'wrap-up',
      pauseReason: '话后',
      startedAt: T + 68 * SECOND,
      endedAt: T + 248 * SECOND,
      callId: 'c1',
    });
    engine.apply(ev.agentState('a1', T + 300 * SECOND, 'paused', '小休'));
    expect(engine.snapshot(T + 301 * SECOND).agents[0]).toMatchObject({
      state: 'paused',
      pauseReason: '小休',
    });
  });

  it('a wrap-up timer followed by a 话后 pause are both the call’s after-call work', () => {
    const { engine, spans } = engineWith({
      wrapUpSeconds: 10,
      pauseReasons: { 话后: 'after-call-work' },
    });
    oneCall(engine);
    applyAll(engine, [
      ev.agentState('a1', T + 70 * SECOND, 'paused', '话后'),
      ev.agentState('a1', T + 190 * SECOND, 'available'),
    ]);
    const afterCall = spans.filter((s) => s.state === 'wrap-up' && s.callId === 'c1');
    expect(afterCall.map((s) => (s.endedAt - s.startedAt) / SECOND)).toEqual([5, 120]);
  });

  it('without after-call work configured the agent is available as the call ends (as before)', () => {
    const { engine, spans } = engineWith(undefined);
    oneCall(engine);
    expect(stateOf(engine, T + 66 * SECOND)).toBe('available');
    expect(spans.some((s) => s.state === 'wrap-up')).toBe(false);
  });

  it('an unmapped pause reason stays a pause', () => {
    const { engine } = engineWith({ pauseReasons: { 话后: 'after-call-work' } });
    engine.apply(ev.agentState('a1', T, 'paused', 'lunch'));
    expect(stateOf(engine, T + SECOND)).toBe('paused');
  });
});
