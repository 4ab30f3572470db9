import { applyAll, ev, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { QueueCallRecord } from './queue-call-record';

describe(KpiEngine.name, () => {
  describe('unanswered outcomes (呼损)', () => {
    const engine = new KpiEngine();
    const records: QueueCallRecord[] = [];
    engine.onCallFinished((r) => records.push(r));
    applyAll(engine, [
      ev.joined('short', T0),
      ev.abandoned('short', T0 + 4 * SECOND, 4),
      ev.joined('long', T0 + SECOND),
      ev.abandoned('long', T0 + 41 * SECOND, 40),
      ev.joined('timeout', T0 + 2 * SECOND),
      ev.exited('timeout', T0 + 62 * SECOND, 60, 'timeout'),
      ev.joined('empty', T0 + 3 * SECOND),
      ev.exited('empty', T0 + 8 * SECOND, 5, 'leave-empty'),
      ev.joined('key', T0 + 4 * SECOND),
      ev.exited('key', T0 + 24 * SECOND, 20, 'exit-key'),
      ev.refused('full', T0 + 5 * SECOND, 'full'),
      ev.joined('waiting', T0 + 6 * SECOND),
    ]);
    const today = engine.snapshot(T0 + 90 * SECOND).periods.queues.q1?.today;

    it('counts every joined or refused call as offered', () => {
      expect(today?.offered).toBe(7);
    });

    it('splits 呼损 into abandoned, exited by reason and blocked', () => {
      expect(today?.abandoned).toBe(2);
      expect(today?.exited).toBe(3);
      expect(today?.exitedByReason).toEqual({ timeout: 1, 'leave-empty': 1, 'exit-key': 1 });
      expect(today?.blocked).toBe(1);
      expect(today?.unanswered).toBe(6);
      expect(today?.inProgress).toBe(1);
      // Over the 6 finished calls: the caller still waiting is not yet a loss.
      expect(today?.abandonRate).toBeCloseTo(2 / 6, 12);
    });

    it('counts an abandon under 5 s as a short abandon, still in the abandoned count', () => {
      expect(today?.shortAbandons).toBe(1);
    });

    it('emits one record per finished call with its outcome and reason', () => {
      expect(records.map((r) => [r.callId, r.outcome, r.reason])).toEqual([
        ['short', 'abandoned', null],
        ['long', 'abandoned', null],
        ['timeout', 'exited', 'timeout'],
        ['empty', 'exited', 'leave-empty'],
        ['key', 'exited', 'exit-key'],
        ['full', 'blocked', 'full'],
      ]);
      expect(records.every((r) => r.revision === 1 && !r.estimated)).toBe(true);
    });

    it('lists the caller still waiting with the live wait', () => {
      const live = engine.snapshot(T0 + 90 * SECOND + 999).live;
      expect(live.waiting.map((w) => [w.callId, w.waitSeconds])).toEqual([['waiting', 84]]);
      expect(live.longestCurrentWaitSeconds).toBe(84);
    });
  });
});
