import type { PbxInFlightView } from '@hotline/call-events';
import { applyAll, ev, MINUTE, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { QueueCallRecord } from './queue-call-record';

const RETENTION = 30 * MINUTE;

function view(at: number, over: Partial<PbxInFlightView> = {}): PbxInFlightView {
  return { at, waiting: [], talkingCallIds: [], agents: [], ...over };
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

    it('adds unknown waiting callers, sets calls that vanished aside and updates agents', () => {
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
          talkingCallIds: ['talking'],
          agents: [
            { agent: 'a1', state: 'on-call', queues: ['q1'] },
            { agent: 'a2', state: 'on-call', queues: ['q1'] },
            { agent: 'a3', state: 'paused', pauseReason: '培训', queues: ['q1'] },
          ],
        }),
      );
      expect(report).toEqual({ added: 1, closed: 0, pending: 2, agentsUpdated: 1 });
      const s = engine.snapshot(T0 + 61 * SECOND);
      expect(s.live.waiting.map((w) => w.callId)).toEqual(['still-waiting', 'new']);
      expect(s.live.waiting[1]).toMatchObject({
        queue: 'q2',
        line: 'L',
        callerNumber: '139',
        waitSeconds: 21,
      });
      expect(s.live.talking.map((t) => t.callId)).toEqual(['talking']);
      // No outcome yet for the vanished ones: the waiting one is still in progress.
      expect(s.periods.queues.q1?.today).toMatchObject({
        offered: 4,
        answered: 2,
        abandoned: 0,
        inProgress: 2,
      });
      expect(s.agents.find((a) => a.agent === 'a3')).toMatchObject({
        state: 'paused',
        pauseReason: '培训',
      });
      expect(records).toHaveLength(0);
    });

    it('counts the real end when it arrives after the resync (answer missed while away)', () => {
      const { engine, records } = setUp();
      engine.resync(view(T0 + 60 * SECOND, { talkingCallIds: ['talking', 'gone-talking'] }));
      // AgentComplete-derived end: talked 40 s, so answered at +20 s: wait 20 s.
      expect(engine.apply(ev.ended('gone-waiting', T0 + 60 * SECOND, 'a4', 40))).toBe('applied');
      const s = engine.snapshot(T0 + 61 * SECOND);
      expect(s.periods.queues.q1?.today).toMatchObject({ answered: 3, abandoned: 0 });
      expect(records).toEqual([
        expect.objectContaining({
          callId: 'gone-waiting',
          outcome: 'answered',
          waitSeconds: 20,
          talkSeconds: 40,
          agent: 'a4',
          estimated: true,
        }),
      ]);
      expect(engine.anomalies().map((a) => a.kind)).toContain('answer-inferred');
    });

    it('closes a vanished waiting call as abandoned once the retention has passed, and corrects it if its end turns up', () => {
      const { engine, records } = setUp();
      const viewAt = T0 + 60 * SECOND;
      engine.resync(
        view(viewAt, {
          talkingCallIds: ['talking', 'gone-talking'],
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
      engine.tick(viewAt + RETENTION - 1);
      expect(records).toHaveLength(0);
      engine.tick(viewAt + RETENTION);
      expect(records).toEqual([
        expect.objectContaining({
          callId: 'gone-waiting',
          outcome: 'abandoned',
          waitSeconds: 60,
          reason: 'closed-by-resync',
          estimated: true,
          revision: 1,
        }),
      ]);
      expect(engine.snapshot(viewAt + RETENTION).periods.queues.q1?.today.abandoned).toBe(1);
      expect(engine.anomalies().map((a) => a.kind)).toContain('closed-by-resync');

      engine.apply(ev.ended('gone-waiting', viewAt + RETENTION + SECOND, 'a4', 100));
      const corrected = engine.snapshot(viewAt + RETENTION + 2 * SECOND).periods.queues.q1?.today;
      expect(corrected).toMatchObject({ abandoned: 0, answered: 3 });
      expect(engine.snapshot(viewAt + RETENTION + 2 * SECOND).periods.centre.today).toMatchObject({
        abandoned: 0,
        answered: 3,
      });
      expect(records[1]).toMatchObject({
        callId: 'gone-waiting',
        outcome: 'answered',
        revision: 2,
      });
    });

    it('finishes a vanished talking call as answered with an estimated talk after the retention', () => {
      const { engine, records } = setUp();
      const viewAt = T0 + 400 * SECOND;
      engine.resync(view(viewAt, { talkingCallIds: ['talking'] }));
      engine.tick(viewAt + RETENTION);
      const talked = records.find((r) => r.callId === 'gone-talking');
      expect(talked).toMatchObject({ outcome: 'answered', talkSeconds: 394, estimated: true });
      expect(engine.anomalies().map((a) => a.kind)).toContain('talk-estimated');
      expect(engine.snapshot(viewAt + RETENTION).periods.agents.a2?.today.overFiveMinutes).toBe(1);
    });

    it('gives the same result when the same view is applied twice', () => {
      const { engine } = setUp();
      const v = view(T0 + 60 * SECOND, {
        waiting: [{ callId: 'new', contactId: 'k-new', queue: 'q2', joinedAt: T0 + 40 * SECOND }],
        talkingCallIds: ['talking', 'gone-talking'],
      });
      engine.resync(v);
      expect(engine.resync(v)).toEqual({ added: 0, closed: 0, pending: 0, agentsUpdated: 0 });
      expect(engine.snapshot(T0 + 61 * SECOND).periods.centre.today.offered).toBe(5);
    });
  });
});

describe(KpiEngine.name, () => {
  describe('a call whose end was missed without any reconnect', () => {
    it('is set aside after staleCallMs and closed as estimated after the retention', () => {
      const engine = new KpiEngine({ staleCallMs: 60 * MINUTE, contactRetentionMs: RETENTION });
      const records: QueueCallRecord[] = [];
      engine.onCallFinished((r) => records.push(r));
      engine.apply(ev.joined('lost', T0));
      engine.tick(T0 + 60 * MINUTE);
      expect(engine.snapshot(T0 + 60 * MINUTE).live.waiting).toHaveLength(0);
      expect(engine.anomalies().map((a) => a.kind)).toEqual(['stale-call']);
      engine.tick(T0 + 60 * MINUTE + RETENTION);
      expect(records).toEqual([
        expect.objectContaining({ callId: 'lost', outcome: 'abandoned', estimated: true }),
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
