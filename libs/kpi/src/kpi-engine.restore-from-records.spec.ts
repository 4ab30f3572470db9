import type { CallEvent } from '@hotline/call-events';
import {
  answeredCall,
  applyAll,
  ev,
  MINUTE,
  overflowAfterTimeout,
  SECOND,
  shanghai,
} from './call-event.factory';
import { KpiEngine } from './kpi-engine';
import type { QueueCallRecord } from './queue-call-record';

describe(KpiEngine.name, () => {
  describe('restore from stored call records', () => {
    const t = shanghai('2026-03-10 09:00');
    const events: CallEvent[] = [
      ...answeredCall({
        callId: 'a',
        joinAt: t,
        waitSeconds: 4,
        talkSeconds: 320,
        line: 'L1',
        agent: 'a1',
      }),
      ...overflowAfterTimeout('o1', 'o2', t + MINUTE, 30, { contactId: 'k' }),
      ev.answered('o2', t + MINUTE + 32 * SECOND, 'a2', 2, 'q2'),
      ev.ended('o2', t + 3 * MINUTE, 'a2', 88, 'caller-hangup', 'q2'),
      ev.joined('x', t + 4 * MINUTE),
      ev.abandoned('x', t + 4 * MINUTE + 2 * SECOND, 2),
      ev.refused('r', t + 5 * MINUTE, 'join-empty'),
      ev.rated('rt1', t + 8 * MINUTE, 5, { callId: 'a' }),
    ];
    const live = new KpiEngine();
    const records: QueueCallRecord[] = [];
    live.onCallFinished((r) => records.push(r));
    applyAll(live, events);
    const now = t + 60 * MINUTE;

    it('rebuilds today, week and month figures equal to the live engine’s', () => {
      const restored = new KpiEngine();
      restored.restore({
        calls: records,
        ratings: [{ ratingId: 'rt1', ratedAt: t + 8 * MINUTE, queue: 'q1', callId: 'a', score: 5 }],
      });
      const a = live.snapshot(now);
      const b = restored.snapshot(now);
      for (const key of ['today', 'week', 'month'] as const) {
        expect(b.periods.centre[key]).toEqual(a.periods.centre[key]);
        expect(b.periods.queues).toEqual(a.periods.queues);
        expect(b.periods.lines).toEqual(a.periods.lines);
        expect(b.periods.agents.a1?.[key]).toEqual(a.periods.agents.a1?.[key]);
      }
      expect(b.periods.centre.today).toMatchObject({
        offered: 4,
        answered: 2,
        answeredWithin10s: 1,
        abandoned: 1,
        blocked: 1,
        overFiveMinutes: 1,
      });
    });

    it('does not re-emit restored calls, and treats replayed live events for them as duplicates', () => {
      const restored = new KpiEngine();
      const emitted: QueueCallRecord[] = [];
      restored.onCallFinished((r) => emitted.push(r));
      restored.restore({ calls: records });
      expect(emitted).toHaveLength(0);
      expect(
        applyAll(
          restored,
          events.filter((e) => e.type !== 'survey-rated'),
        ).every((o) => o === 'duplicate'),
      ).toBe(true);
      expect(restored.snapshot(now).periods.centre.today.offered).toBe(4);
    });

    it('emits exactly one record per queue call, which a consumer can upsert by callId', () => {
      expect(records.map((r) => r.callId)).toEqual(['a', 'o1', 'o2', 'x', 'r']);
      expect(records.find((r) => r.callId === 'o2')).toEqual({
        callId: 'o2',
        contactId: 'k',
        queue: 'q2',
        line: null,
        agent: 'a2',
        joinedAt: t + MINUTE + 30 * SECOND,
        answeredAt: t + MINUTE + 32 * SECOND,
        endedAt: t + 3 * MINUTE,
        waitSeconds: 2,
        talkSeconds: 88,
        talkAtLeastSeconds: null,
        outcome: 'answered',
        reason: 'caller-hangup',
        estimated: false,
        joinedBeforeMonitoring: false,
        revision: 1,
      });
    });
  });
});
