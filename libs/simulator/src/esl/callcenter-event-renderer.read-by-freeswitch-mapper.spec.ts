import type { CallEvent } from '@hotline/call-events';
import { EslDecoder, FreeswitchEventMapper } from '@hotline/freeswitch';
import { loadScenario } from '../model/load-scenario';
import { TrafficModel } from '../model/traffic-model';
import { TruthLedger } from '../truth/truth-ledger';
import { CallcenterEventRenderer } from './callcenter-event-renderer';
import { EslIdentities, eslQueueName } from './esl-identities';
import { eventPlain } from './esl-wire';

/**
 * The simulator's mod_callcenter events, encoded as text/event-plain and read back by the
 * project's own ESL decoder and mapper, give the simulator's truth call for call (refusals
 * excepted: mod_callcenter has none).
 */
describe(`${CallcenterEventRenderer.name} read by FreeswitchEventMapper`, () => {
  const startAt = Date.parse('2021-01-04T09:00:00+08:00');
  const scenario = { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.15 } };
  const seed = 8;
  const ids = new EslIdentities(seed);
  const ledger = new TruthLedger();
  const renderer = new CallcenterEventRenderer(ids);
  const decoder = new EslDecoder();
  const mapper = new FreeswitchEventMapper();
  const events: CallEvent[] = [];
  let frames = 0;
  new TrafficModel(scenario, { seed, startAt, endAt: startAt + 2 * 3600_000 }, (e) => {
    ledger.record(e);
    for (const frame of renderer.render(e)) {
      frames++;
      for (const message of decoder.push(eventPlain(frame.headers)))
        if (message.event) events.push(...mapper.map(message.event, frame.at));
    }
  }).runToEnd();
  const calls = ledger.calls();
  const byCallId = new Map(calls.map((c) => [ids.memberUuid(c.uniqueid, c.visit), c]));

  it('decodes every frame and leaves nothing buffered', () => {
    expect(frames).toBeGreaterThan(calls.length * 5);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('joins every queue call the model let in, with its queue as `<name>@default` and its line', () => {
    const joins = events.filter((e) => e.type === 'caller-joined-queue');
    const admitted = calls.filter((c) => c.outcome !== 'blocked');
    expect(joins).toHaveLength(admitted.length);
    for (const join of joins) {
      const truth = byCallId.get(join.callId);
      expect({ queue: join.queue, line: join.line, contact: join.contactId }).toEqual({
        queue: eslQueueName(truth?.queue ?? '?'),
        line: truth?.line,
        contact: ids.sessionUuid(truth?.linkedid ?? '?'),
      });
    }
  });

  it('gives every answered call the truth wait and talk', () => {
    const answered = events.filter((e) => e.type === 'agent-answered');
    const ended = events.filter((e) => e.type === 'call-ended');
    expect(answered).toHaveLength(calls.filter((c) => c.outcome === 'answered').length);
    expect(ended).toHaveLength(answered.length);
    for (const e of answered) expect(e.waitSeconds).toBe(byCallId.get(e.callId)?.waitSeconds);
    for (const e of ended) expect(e.talkSeconds).toBe(byCallId.get(e.callId)?.talkSeconds);
  });

  it('tells abandons (BREAK_OUT) from timeouts, no-agent and key exits as the truth does', () => {
    const left = events.filter((e) => e.type === 'caller-abandoned' || e.type === 'caller-exited');
    const seen = left.map((e) => ({
      callId: e.callId,
      wait: e.waitSeconds,
      reason: e.type === 'caller-exited' ? e.reason : 'abandoned',
    }));
    const reasons: Record<string, string> = {
      ABANDON: 'abandoned',
      TIMEOUT: 'timeout',
      LEAVEEMPTY: 'leave-empty',
      KEY: 'exit-key',
    };
    const expected = calls
      .filter((c) => c.outcome === 'abandoned' || c.outcome === 'exited')
      .map((c) => ({
        callId: ids.memberUuid(c.uniqueid, c.visit),
        wait: c.waitSeconds,
        reason: reasons[c.reason],
      }));
    const order = (a: { callId: string }, b: { callId: string }): number =>
      a.callId.localeCompare(b.callId);
    expect(seen.sort(order)).toEqual(expected.sort(order));
    expect(new Set(expected.map((e) => e.reason)).size).toBeGreaterThanOrEqual(3);
  });

  it('produces no refusal, though the model refused callers', () => {
    expect(calls.filter((c) => c.outcome === 'blocked').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'caller-refused')).toEqual([]);
  });

  it('ends with no member followed and agents that are not ringing or talking', () => {
    expect(mapper.openQueueCalls).toBe(0);
    expect(renderer.memberRows()).toEqual([]);
    const last = new Map<string, string>();
    for (const e of events) if (e.type === 'agent-state-changed') last.set(e.agent, e.state);
    expect([...last.values()].filter((s) => s === 'ringing' || s === 'on-call')).toEqual([]);
  });
});
