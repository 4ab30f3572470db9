import type { CallEvent } from '@hotline/call-events';
import { answeredCall, applyAll, ev, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { QueueCallRecord } from './queue-call-record';

describe(KpiEngine.name, () => {
  describe('duplicate events', () => {
    it('changes nothing when every event is applied twice', () => {
      const events = [
        ...answeredCall({ callId: 'a', joinAt: T0, waitSeconds: 5, talkSeconds: 400, line: 'L' }),
        ev.joined('b', T0 + SECOND),
        ev.abandoned('b', T0 + 20 * SECOND, 19),
        ev.refused('r', T0 + 2 * SECOND),
        ev.agentState('a9', T0, 'paused', '小休'),
        ev.rated('rt', T0 + 500 * SECOND, 5, { callId: 'a' }),
      ];
      const once = new KpiEngine();
      applyAll(once, events);
      const twice = new KpiEngine();
      const records: QueueCallRecord[] = [];
      twice.onCallFinished((r) => records.push(r));
      const first = applyAll(twice, events);
      const second = applyAll(twice, events);
      const now = T0 + 900 * SECOND;
      expect(first.every((o) => o === 'applied')).toBe(true);
      expect(second.every((o) => o === 'duplicate')).toBe(true);
      expect(twice.snapshot(now)).toEqual(once.snapshot(now));
      expect(records.map((r) => r.callId)).toEqual(['a', 'b', 'r']);
    });

    it('treats a second terminal event for a finished call as a duplicate, not a second outcome', () => {
      const engine = new KpiEngine();
      applyAll(engine, [ev.joined('c', T0), ev.abandoned('c', T0 + 9 * SECOND, 9)]);
      expect(engine.apply(ev.exited('c', T0 + 10 * SECOND, 10, 'timeout'))).toBe('duplicate');
      expect(engine.apply(ev.ended('c', T0 + 10 * SECOND, 'a1', 30))).toBe('duplicate');
      expect(engine.snapshot(T0 + 60 * SECOND).periods.centre.today).toMatchObject({
        offered: 1,
        abandoned: 1,
        exited: 0,
        answered: 0,
      });
    });
  });

  describe('events for unknown calls', () => {
    it('counts them by kind, keeps the first example and never throws', () => {
      const engine = new KpiEngine();
      const first = ev.answered('ghost', T0, 'a1', 3);
      expect(engine.apply(first)).toBe('anomaly');
      expect(engine.apply(ev.ended('ghost2', T0 + SECOND, 'a1', 3))).toBe('anomaly');
      expect(engine.apply(ev.abandoned('ghost3', T0 + SECOND, 3))).toBe('anomaly');
      const anomalies = engine.anomalies();
      expect(anomalies).toEqual([expect.objectContaining({ kind: 'unknown-call', count: 3 })]);
      expect(anomalies[0]?.first.event).toEqual(first);
      expect(engine.snapshot(T0 + 10 * SECOND).periods.centre.today.offered).toBe(0);
    });

    it('counts junk that is not a call event as malformed, without throwing', () => {
      const engine = new KpiEngine();
      expect(engine.apply({ type: 'bogus', at: T0 } as unknown as CallEvent)).toBe('anomaly');
      expect(engine.apply(null as unknown as CallEvent)).toBe('anomaly');
      expect(engine.anomalies()).toEqual([
        expect.objectContaining({ kind: 'malformed-event', count: 2 }),
      ]);
    });

    it('refuses a new call older than the retention window rather than risk counting a forgotten replay', () => {
      const engine = new KpiEngine({ contactRetentionMs: 60 * 60 * SECOND });
      applyAll(engine, [ev.joined('c', T0), ev.abandoned('c', T0 + 3 * SECOND, 3)]);
      engine.tick(T0 + 3 * 60 * 60 * SECOND);
      expect(engine.apply(ev.joined('c', T0))).toBe('anomaly');
      expect(engine.anomalies().map((a) => a.kind)).toEqual(['late-event']);
      expect(engine.snapshot(T0 + 3 * 60 * 60 * SECOND).periods.centre.today.offered).toBe(1);
    });

    it('records an answer by a second agent as a conflicting answer and keeps the first', () => {
      const engine = new KpiEngine();
      applyAll(engine, [ev.joined('c', T0), ev.answered('c', T0 + 2 * SECOND, 'a1', 2)]);
      expect(engine.apply(ev.answered('c', T0 + 3 * SECOND, 'a2', 3))).toBe('anomaly');
      expect(engine.snapshot(T0 + 5 * SECOND).periods.agents.a2?.today.answered ?? 0).toBe(0);
      expect(engine.anomalies().map((a) => a.kind)).toEqual(['conflicting-answer']);
    });

    it('ignores a queue-leave event after the answer (FreeSWITCH timeout as the agent answers)', () => {
      const engine = new KpiEngine();
      applyAll(engine, [ev.joined('c', T0), ev.answered('c', T0 + 30 * SECOND, 'a1', 30)]);
      expect(engine.apply(ev.exited('c', T0 + 30 * SECOND, 30, 'timeout'))).toBe('anomaly');
      engine.apply(ev.ended('c', T0 + 90 * SECOND, 'a1', 60));
      expect(engine.snapshot(T0 + 100 * SECOND).periods.centre.today).toMatchObject({
        answered: 1,
        exited: 0,
      });
    });
  });
});
