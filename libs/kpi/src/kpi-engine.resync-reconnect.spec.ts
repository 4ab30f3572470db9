import type { PbxInFlightView, TalkingCaller } from '@hotline/call-events';
import { applyAll, ev, MINUTE, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { QueueCallRecord } from './queue-call-record';

const RETENTION = 30 * MINUTE;

function view(at: number, over: Partial<PbxInFlightView> = {}): PbxInFlightView {
  return { at, waiting: [], talking: [], agents: [], ...over };
}

const STILL_WAITING = {
  callId: 'still-waiting',
  contactId: 'contact-still-waiting',
  queue: 'q1',
  joinedAt: T0 + SECOND,
};

/** A talking caller as a view with ledger times lists it (wait = the whole seconds between). */
function talkingFrom(
  callId: string,
  joinedAt: number,
  answeredAt: number,
  agent: string,
): TalkingCaller {
  return {
    callId,
    contactId: `contact-${callId}`,
    queue: 'q1',
    agent,
    joinedAt,
    answeredAt,
    waitSeconds: (answeredAt - joinedAt) / SECOND,
    times: 'ledger',
  };
}

describe(KpiEngine.name, () => {
  describe('reconnect in the middle of calls (resync)', () => {
    function setUp(): { engine: KpiEngine; records: QueueCallRecord[] } {
      const engine = new KpiEngine({ contactRetentionMs: RETENTION });
      const records: QueueCallRecord[] = [];
      engine.onCallFinished((r) => records.push(r));
      applyAll(engine, [
        ev.joined('gone-waiting', T0),
        ev.joined('still-waiting', T0 + SECOND),
        ev.joined('talking', T0 + 2 * SECOND),
        ev.answered('talking', T0 + 5 * SECOND, 'a1', 3),
        ev.joined('gone-talking', T0 + 3 * SECOND),
        ev.answered('gone-talking', T0 + 6 * SECOND, 'a2', 3),
      ]);
      return { engine, records };
    }

    it('adds unknown waiting callers, closes the calls that vanished without inventing their end and updates agents', () => {
      const { engine, records } = setUp();
      const report = engine.resync(
        view(T0 + 60 * SECOND, {
          waiting: [
            {
              callId: 'still-waiting',
              contactId: 'contact-still-waiting',
              queue: 'q1',
              joinedAt: T0 + SECOND,
            },
            {
              callId: 'new',
              contactId: 'k-new',
              queue: 'q2',
              line: 'L',
              callerNumber: '139',
              joinedAt: T0 + 40 * SECOND,
            },
          ],
          talking: [talkingFrom('talking', T0 + 2 * SECOND, T0 + 5 * SECOND, 'a1')],
          agents: [
            { agent: 'a1', state: 'on-call', queues: ['q1'] },
            { agent: 'a2', state: 'on-call', queues: ['q1'] },
            { agent: 'a3', state: 'paused', pauseReason: '培训', queues: ['q1'] },
          ],
        }),
      );
      expect(report).toEqual({ added: 1, talkingAdded: 0, closed: 2, agentsUpdated: 1 });
      const s = engine.snapshot(T0 + 61 * SECOND);
      expect(s.live.waiting.map((w) => w.callId)).toEqual(['still-waiting', 'new']);
      expect(s.live.waiting[1]).toMatchObject({
        queue: 'q2',
        line: 'L',
        callerNumber: '139',
        waitSeconds: 21,
        joinedBeforeMonitoring: true,
      });
      expect(s.live.waiting[0]?.joinedBeforeMonitoring).toBe(false);
      expect(s.live.talking.map((t) => t.callId)).toEqual(['talking']);
      // The waiting one that vanished has no outcome the PBX told: unknown, its own bucket.
      expect(s.periods.queues.q1?.today).toMatchObject({
        offered: 4,
        answered: 2,
        abandoned: 0,
        unanswered: 0,
        unknown: 1,
        inProgress: 1,
      });
      expect(s.periods.centre.today).toMatchObject({ offered: 5, answered: 2, unknown: 1 });
      expect(s.agents.find((a) => a.agent === 'a3')).toMatchObject({
        state: 'paused',
        pauseReason: '培训',
      });
      // The story ended at the last event (+6 s): that is all that is known of wait and talk.
      expect(records).toEqual([
        expect.objectContaining({
          callId: 'gone-waiting',
          outcome: 'unknown',
          waitSeconds: 6,
          talkSeconds: null,
          reason: 'gone-at-resync',
          endedAt: T0 + 60 * SECOND,
          estimated: false,
          revision: 1,
        }),
        expect.objectContaining({
          callId: 'gone-talking',
          outcome: 'answered',
          agent: 'a2',
          waitSeconds: 3,
          talkSeconds: null,
          talkAtLeastSeconds: 0,
          reason: 'ended-unseen',
          revision: 1,
        }),
      ]);
      // Answered count exact; the unknown talk is not in the handle time.
      expect(s.periods.agents.a2?.today).toMatchObject({ answered: 1, ahtSeconds: null });
    });

    it('counts the real end when it arrives after the resync (answer missed while away)', () => {
      const { engine, records } = setUp();
      engine.resync(
        view(T0 + 60 * SECOND, {
          waiting: [STILL_WAITING],
          talking: [
            talkingFrom('talking', T0 + 2 * SECOND, T0 + 5 * SECOND, 'a1'),
            talkingFrom('gone-talking', T0 + 3 * SECOND, T0 + 6 * SECOND, 'a2'),
          ],
        }),
      );
      // AgentComplete-derived end: talked 40 s, so answered at +20 s: wait 20 s.
      expect(engine.apply(ev.ended('gone-waiting', T0 + 60 * SECOND, 'a4', 40))).toBe('applied');
      const s = engine.snapshot(T0 + 61 * SECOND);
      expect(s.periods.queues.q1?.today).toMatchObject({ answered: 3, abandoned: 0, unknown: 0 });
      expect(records).toEqual([
        expect.objectContaining({ callId: 'gone-waiting', outcome: 'unknown', revision: 1 }),
        expect.objectContaining({
          callId: 'gone-waiting',
          outcome: 'answered',
          waitSeconds: 20,
          talkSeconds: 40,
          agent: 'a4',
          estimated: true,
          revision: 2,
        }),
      ]);
      expect(engine.anomalies().map((a) => a.kind)).toContain('answer-inferred');
    });

    it('closes a vanished waiting call as unknown at once, and corrects it when its end turns up', () => {
      const { engine, records } = setUp();
      const viewAt = T0 + 60 * SECOND;
      engine.resync(
        view(viewAt, {
          talking: [
            talkingFrom('talking', T0 + 2 * SECOND, T0 + 5 * SECOND, 'a1'),
            talkingFrom('gone-talking', T0 + 3 * SECOND, T0 + 6 * SECOND, 'a2'),
          ],
          waiting: [
            {
              callId: 'still-waiting',
              contactId: 'contact-still-waiting',
              queue: 'q1',
              joinedAt: T0 + SECOND,
            },
          ],
        }),
      );
      expect(records).toEqual([
        expect.objectContaining({
          callId: 'gone-waiting',
          outcome: 'unknown',
          reason: 'gone-at-resync',
          estimated: false,
          revision: 1,
        }),
      ]);
      expect(engine.snapshot(viewAt).periods.queues.q1?.today).toMatchObject({
        unknown: 1,
        abandoned: 0,
        inProgress: 1,
      });
      expect(engine.anomalies().map((a) => a.kind)).toContain('closed-unknown');

      // The real end (e.g. queue_log, read after the view): it replaces the unknown.
      engine.apply(ev.abandoned('gone-waiting', T0 + 30 * SECOND, 30));
      const corrected = engine.snapshot(viewAt + SECOND);
      expect(corrected.periods.queues.q1?.today).toMatchObject({ abandoned: 1, unknown: 0 });
      expect(corrected.periods.centre.today).toMatchObject({ abandoned: 1, unknown: 0 });
      expect(records[1]).toMatchObject({
        callId: 'gone-waiting',
        outcome: 'abandoned',
        waitSeconds: 30,
        revision: 2,
      });
      // Nothing waits for the retention any more: no further record.
      engine.tick(viewAt + RETENTION);
      expect(records).toHaveLength(2);
    });

    it('keeps a vanished talking call answered, counting it over 5 minutes only when its known talk was', () => {
      const { engine, records } = setUp();
      // The story goes on to +320 s (an agent event): the talk of gone-talking was then 314 s.
      engine.apply(ev.agentState('a9', T0 + 320 * SECOND, 'available'));
      const viewAt = T0 + 400 * SECOND;
      engine.tick(viewAt);
      engine.resync(
        view(viewAt, { talking: [talkingFrom('talking', T0 + 2 * SECOND, T0 + 5 * SECOND, 'a1')] }),
      );
      const talked = records.find((r) => r.callId === 'gone-talking');
      expect(talked).toMatchObject({
        outcome: 'answered',
        talkSeconds: null,
        talkAtLeastSeconds: 314,
        estimated: false,
      });
      expect(engine.anomalies().map((a) => a.kind)).toContain('talk-unknown');
      const a2 = engine.snapshot(viewAt).periods.agents.a2?.today;
      expect(a2).toMatchObject({ answered: 1, overFiveMinutes: 1, ahtSeconds: null });

      // Its real end replaces the unknown talk.
      engine.apply(ev.ended('gone-talking', T0 + 200 * SECOND, 'a2', 194));
      expect(records.at(-1)).toMatchObject({
        callId: 'gone-talking',
        talkSeconds: 194,
        talkAtLeastSeconds: null,
        revision: 2,
      });
      expect(engine.snapshot(viewAt).periods.agents.a2?.today).toMatchObject({
        answered: 1,
        overFiveMinutes: 0,
        ahtSeconds: 194,
      });
    });

    it('does not count a vanished talking call over 5 minutes on ticks it was not seen for', () => {
      const { engine, records } = setUp();
      const viewAt = T0 + 400 * SECOND;
      // Ticks while the link is down flag the talk live; the call's end was in fact unseen.
      engine.tick(viewAt);
      expect(engine.snapshot(viewAt).periods.agents.a2?.today.overFiveMinutes).toBe(1);
      engine.resync(
        view(viewAt, { talking: [talkingFrom('talking', T0 + 2 * SECOND, T0 + 5 * SECOND, 'a1')] }),
      );
      expect(records.find((r) => r.callId === 'gone-talking')).toMatchObject({
        talkAtLeastSeconds: 0,
      });
      expect(engine.snapshot(viewAt).periods.agents.a2?.today.overFiveMinutes).toBe(0);
    });

    it('gives the same result when the same view is applied twice', () => {
      const { engine, records } = setUp();
      const v = view(T0 + 60 * SECOND, {
        waiting: [
          STILL_WAITING,
          { callId: 'new', contactId: 'k-new', queue: 'q2', joinedAt: T0 + 40 * SECOND },
        ],
        talking: [
          talkingFrom('talking', T0 + 2 * SECOND, T0 + 5 * SECOND, 'a1'),
          talkingFrom('gone-talking', T0 + 3 * SECOND, T0 + 6 * SECOND, 'a2'),
        ],
      });
      engine.resync(v);
      const first = engine.snapshot(T0 + 61 * SECOND);
      expect(engine.resync(v)).toEqual({ added: 0, talkingAdded: 0, closed: 0, agentsUpdated: 0 });
      expect(engine.snapshot(T0 + 61 * SECOND).periods).toEqual(first.periods);
      expect(first.periods.centre.today.offered).toBe(5);
      expect(records.map((r) => [r.callId, r.revision])).toEqual([['gone-waiting', 1]]);
    });
  });
});

describe(KpiEngine.name, () => {
  describe('a call whose end was missed without any reconnect', () => {
    it('is set aside after staleCallMs and closed as unknown after the retention', () => {
      const engine = new KpiEngine({ staleCallMs: 60 * MINUTE, contactRetentionMs: RETENTION });
      const records: QueueCallRecord[] = [];
      engine.onCallFinished((r) => records.push(r));
      engine.apply(ev.joined('lost', T0));
      engine.tick(T0 + 60 * MINUTE);
      expect(engine.snapshot(T0 + 60 * MINUTE).live.waiting).toHaveLength(0);
      expect(engine.anomalies().map((a) => a.kind)).toEqual(['stale-call']);
      engine.tick(T0 + 60 * MINUTE + RETENTION);
      expect(records).toEqual([
        expect.objectContaining({
          callId: 'lost',
          outcome: 'unknown',
          reason: 'stale',
          waitSeconds: 0,
          endedAt: T0 + 60 * MINUTE,
          estimated: false,
        }),
      ]);
      expect(engine.stats().inFlightCalls).toBe(0);
    });
  });

  describe('a consumer of finished calls that throws', () => {
    it('is counted as an anomaly and does not break the counting', () => {
      const engine = new KpiEngine();
      engine.onCallFinished(() => {
        throw new Error('disk full');
      });
      applyAll(engine, [ev.joined('c', T0), ev.abandoned('c', T0 + 3 * SECOND, 3)]);
      expect(engine.snapshot(T0 + 5 * SECOND).periods.centre.today.abandoned).toBe(1);
      expect(engine.anomalies().map((a) => a.kind)).toEqual(['listener-error']);
    });
  });
});

describe(KpiEngine.name, () => {
  describe('agents in a resync view', () => {
    it('logs out an agent the PBX no longer lists as a queue member', () => {
      const engine = new KpiEngine();
      applyAll(engine, [
        ev.agentState('a1', T0, 'available'),
        ev.agentState('a2', T0, 'available'),
      ]);
      const report = engine.resync(
        view(T0 + MINUTE, { agents: [{ agent: 'a1', state: 'available', queues: ['q1'] }] }),
      );
      expect(report.agentsUpdated).toBe(1);
      const s = engine.snapshot(T0 + MINUTE);
      expect(s.agents.map((a) => [a.agent, a.state])).toEqual([
        ['a1', 'available'],
        ['a2', 'logged-out'],
      ]);
      expect(s.agentCounts.onDuty).toBe(1);
    });
  });
});
