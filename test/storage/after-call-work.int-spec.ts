import {
  AgentStateIntervalRepository,
  CallStore,
  DEFAULT_AGGREGATION_RULES,
  Sql,
} from '@hotline/storage';
import { type AgentStateInterval, KpiEngine } from '@hotline/kpi';
import { type Dialect, freshDatabaseForEachTest, testDialects } from './storage-test-databases';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0); // 2026-11-02 10:00 Asia/Shanghai
const S = 1000;

/** Two calls of agent a1 through the engine: a 30 s wrap-up after c1, a 话后 pause after c2. */
function spansOfTwoCalls(): AgentStateInterval[] {
  const engine = new KpiEngine({
    agents: { wrapUpSeconds: 30, pauseReasons: { 话后: 'after-call-work' } },
  });
  const spans: AgentStateInterval[] = [];
  engine.onAgentStateInterval((span) => spans.push(span));
  const q = 'q1';
  for (const event of [
    { type: 'agent-state-changed', at: T0, agent: 'a1', state: 'available', queues: [q] },
    { type: 'caller-joined-queue', at: T0, callId: 'c1', contactId: 'k1', queue: q },
    { type: 'agent-ringing', at: T0 + S, callId: 'c1', queue: q, agent: 'a1' },
    { type: 'agent-answered', at: T0 + 3 * S, callId: 'c1', queue: q, agent: 'a1', waitSeconds: 3 },
    {
      type: 'call-ended',
      at: T0 + 63 * S,
      callId: 'c1',
      queue: q,
      agent: 'a1',
      talkSeconds: 60,
      reason: 'caller-hangup',
    },
    { type: 'caller-joined-queue', at: T0 + 100 * S, callId: 'c2', contactId: 'k2', queue: q },
    { type: 'agent-ringing', at: T0 + 100 * S, callId: 'c2', queue: q, agent: 'a1' },
    {
      type: 'agent-answered',
      at: T0 + 102 * S,
      callId: 'c2',
      queue: q,
      agent: 'a1',
      waitSeconds: 2,
    },
    {
      type: 'call-ended',
      at: T0 + 202 * S,
      callId: 'c2',
      queue: q,
      agent: 'a1',
      talkSeconds: 100,
      reason: 'agent-hangup',
      wrapUpSeconds: 0,
    },
    {
      type: 'agent-state-changed',
      at: T0 + 205 * S,
      agent: 'a1',
      state: 'paused',
      pauseReason: '话后',
    },
    { type: 'agent-state-changed', at: T0 + 385 * S, agent: 'a1', state: 'available' },
  ] as const) {
    engine.apply(event);
  }
  return spans;
}

describe.each(testDialects())('after-call work stored on %s', (dialect: Dialect) => {
  const database = freshDatabaseForEachTest(dialect);

  it('keeps the call of each wrap-up span and sums after-call seconds per call and per interval', async () => {
    const spans = spansOfTwoCalls();
    const store = new CallStore(database(), DEFAULT_AGGREGATION_RULES);
    await store.writeBatch(spans.map((record) => ({ kind: 'agent-state', record })));
    // Written twice (a retry): still one row per span.
    await store.writeBatch(spans.map((record) => ({ kind: 'agent-state', record })));
    const repo = new AgentStateIntervalRepository(Sql.of(database()));
    expect(await repo.afterCallSeconds(['c1', 'c2', 'c3'])).toEqual(
      new Map([
        ['c1', 30],
        ['c2', 180],
      ]),
    );
    // Both spans began in the 10:00 interval: c1's 30 s wrap-up at 10:01:03, c2's 180 s 话后 at 10:03:25.
    expect(await repo.wrapUpSecondsByInterval(T0, T0 + 3600 * S)).toEqual(new Map([[T0, 210]]));
    expect(await repo.wrapUpSecondsByInterval(T0 + 100 * S, T0 + 3600 * S)).toEqual(
      new Map([[T0, 180]]),
    );
    expect(await repo.wrapUpSecondsByInterval(T0 + 900 * S, T0 + 3600 * S)).toEqual(new Map());
    const stored = await repo.findOverlapping(T0, T0 + 3600 * S);
    expect(stored.filter((s) => s.state === 'on-call').map((s) => s.callId)).toEqual(['c1', 'c2']);
    expect(stored.find((s) => s.state === 'wrap-up' && s.callId === 'c2')?.pauseReason).toBe(
      '话后',
    );
  });
});
