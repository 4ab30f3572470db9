import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CallEvent } from '@hotline/call-events';
import type { AgentStateInterval } from '@hotline/kpi';
import { agentStateSpansOf } from '@hotline/kpi/agent-state-spans.factory';
import { AmiDecoder } from '../protocol';
import { transcriptEventPart } from '../testing/fake-ami-server';
import { AmiEventMapper } from './ami-event-mapper';
import { complete, connect, join as joinQueue, memberEvent } from './ami-event.factory';

const T0 = 1_795_918_750;

/** The mapper's events for a shared capture (queues.conf: `wrapuptime = 2`, members' 0). */
function eventsOf(run: 'run1' | 'run2'): CallEvent[] {
  const raw = gunzipSync(
    readFileSync(join(__dirname, `../../../../test/fixtures/asterisk/${run}/${run}.ami.raw.gz`)),
  );
  const mapper = new AmiEventMapper({});
  mapper.buildInFlightView([], [], 0);
  const events: CallEvent[] = [];
  for (const result of new AmiDecoder({ maxMessageBytes: 1_048_576 }).push(
    transcriptEventPart(raw),
  )) {
    if (result.ok && result.message.event !== undefined)
      events.push(...mapper.map(result.message, 0));
  }
  return events;
}

describe('Asterisk wrap-up (app_queue wrapuptime)', () => {
  it("gives the member's own Wrapuptime with the end of its call; 0 means the queue's, not said", () => {
    const caller = { uniqueid: '1795918700.1', linkedid: '1795918700.1' };
    for (const [wrapuptime, expected] of [
      [45, 45],
      [0, undefined],
    ] as const) {
      const mapper = new AmiEventMapper();
      mapper.buildInFlightView([], [], 0);
      mapper.map(
        memberEvent('QueueMemberAdded', T0 - 60, '12345', 'agent101', {
          wrapUpSeconds: wrapuptime,
        }),
        0,
      );
      mapper.map(joinQueue(T0 - 30, caller, '12345'), 0);
      mapper.map(connect(T0 - 20, caller, '12345', 'agent101', 10), 0);
      const [ended] = mapper.map(complete(T0, caller, '12345', 'agent101', 20, 'caller'), 0);
      expect(ended).toMatchObject({ type: 'call-ended', agent: 'agent101', talkSeconds: 20 });
      expect(ended?.type === 'call-ended' ? ended.wrapUpSeconds : 'none').toBe(expected);
    }
  });

  describe.each(['run1', 'run2'] as const)('the shared capture %s', (run) => {
    const events = eventsOf(run);
    const ended = events.filter((e) => e.type === 'call-ended');

    it("says no member wrap-up (every member's Wrapuptime is 0: the queue's 2 s applies)", () => {
      expect(ended.length).toBeGreaterThan(50);
      expect(ended.filter((e) => e.wrapUpSeconds !== undefined)).toEqual([]);
    });

    it('shows the PBX keeping each member from calls for the wrap-up: no ring within 1 s of its call’s end', () => {
      // app_queue compares whole seconds (time(NULL) - lastcall < wrapuptime): with 2 s a
      // member is offered the next call 1–2 s after the last one ended at the earliest.
      const lastEnd = new Map<string, number>();
      const gaps: number[] = [];
      for (const e of events) {
        if (e.type === 'call-ended') lastEnd.set(e.agent, e.at);
        const end = e.type === 'agent-ringing' ? lastEnd.get(e.agent) : undefined;
        if (e.type === 'agent-ringing' && end !== undefined) {
          gaps.push(e.at - end);
          lastEnd.delete(e.agent);
        }
      }
      expect(gaps.length).toBeGreaterThan(20);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    });

    it('with agents.wrapUpSeconds = 2 (the queue’s) the engine holds each member in wrap-up after its call until app_queue’s LastCall + 2 s, and the PBX offered no call before it', () => {
      const spans = agentStateSpansOf(events, events[events.length - 1].at + 10_000, {
        agents: { wrapUpSeconds: 2 },
      });
      const endOf = new Map(ended.map((e) => [e.callId, e.at]));
      const wrapUps = spans.filter((s) => s.state === 'wrap-up');
      expect(wrapUps.length).toBeGreaterThan(ended.length * 0.8);
      const next = (span: AgentStateInterval): AgentStateInterval | undefined =>
        spans.find((s) => s.agent === span.agent && s.startedAt === span.endedAt);
      const byTimer = wrapUps.filter((span) => next(span)?.state === 'available');
      for (const span of wrapUps) {
        const callEnd = endOf.get(span.callId ?? '');
        expect(callEnd).toBeDefined();
        // Over by app_queue's own second (LastCall, at most a second before the AgentComplete we
        // saw, + 2 s), or earlier by a pause or a logout — never cut short by a ring.
        expect(span.endedAt).toBeLessThanOrEqual((Math.floor(callEnd! / 1000) + 2) * 1000);
        expect(next(span)?.state).not.toBe('ringing');
        expect(next(span)?.state).not.toBe('on-call');
      }
      for (const span of byTimer) expect(span.endedAt % 1000).toBe(0);
      expect(byTimer.length).toBeGreaterThan(wrapUps.length * 0.8);
    });
  });
});
