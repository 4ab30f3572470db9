import { answeredCall, applyAll, ev, SECOND, shanghai } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('midnight in Asia/Shanghai', () => {
    const engine = new KpiEngine();
    const lastMs = shanghai('2026-03-10 23:59:59.999');
    const firstMs = shanghai('2026-03-11 00:00:00.000');
    applyAll(engine, [
      ...answeredCall({ callId: 'old-day', joinAt: lastMs, waitSeconds: 5, talkSeconds: 60 }),
      ...answeredCall({ callId: 'new-day', joinAt: firstMs, waitSeconds: 5, talkSeconds: 60 }),
    ]);

    it('puts a call joined at 23:59:59.999 local in the old day and one at 00:00:00.000 in the new', () => {
      const oldDay = engine.snapshot(lastMs).periods.centre.today;
      const newDay = engine.snapshot(firstMs + 120 * SECOND).periods.centre.today;
      expect(oldDay.from).toBe(shanghai('2026-03-10 00:00'));
      expect(oldDay.offered).toBe(1);
      expect(newDay.from).toBe(firstMs);
      expect(newDay.offered).toBe(1);
    });

    it('counts the old day’s call, answered after midnight, in the old day (the period it joined)', () => {
      expect(engine.snapshot(lastMs).periods.centre.today.answered).toBe(1);
      expect(engine.snapshot(firstMs + 120 * SECOND).periods.centre.today.answered).toBe(1);
    });

    it('keeps both in the same week and month', () => {
      const s = engine.snapshot(firstMs + 120 * SECOND);
      expect(s.periods.centre.week.offered).toBe(2);
      expect(s.periods.centre.month.offered).toBe(2);
      expect(s.periods.centre.week.from).toBe(shanghai('2026-03-09 00:00')); // Monday
    });

    it('keeps the new day after roll-over and drops the old day’s buckets', () => {
      const before = engine.stats().periods;
      engine.tick(firstMs + 120 * SECOND);
      expect(engine.stats().periods).toBeLessThan(before);
      expect(engine.snapshot(firstMs + 121 * SECOND).periods.centre.today.offered).toBe(1);
      expect(engine.snapshot(firstMs + 121 * SECOND).periods.centre.week.offered).toBe(2);
    });
  });

  describe('month end in Asia/Shanghai', () => {
    it('puts 31 March 23:59:59.999 local in March and 1 April 00:00 in April, though both are 31 March in UTC', () => {
      const engine = new KpiEngine();
      const march = shanghai('2026-03-31 23:59:59.999');
      const april = shanghai('2026-04-01 00:00:00.000');
      expect(new Date(april).getUTCDate()).toBe(31);
      applyAll(engine, [
        ev.joined('m', march),
        ev.abandoned('m', march + 3 * SECOND, 3),
        ev.joined('a', april),
        ev.abandoned('a', april + 3 * SECOND, 3),
      ]);
      expect(engine.snapshot(march).periods.centre.month).toMatchObject({
        from: shanghai('2026-03-01 00:00'),
        to: april,
        offered: 1,
      });
      expect(engine.snapshot(april + 10 * SECOND).periods.centre.month).toMatchObject({
        from: april,
        offered: 1,
      });
    });

    it('does not resurrect a dropped month when a late event for one of its calls arrives', () => {
      const engine = new KpiEngine();
      const march = shanghai('2026-03-31 23:59:50');
      applyAll(engine, [ev.joined('m', march), ev.answered('m', march + 5 * SECOND, 'a1', 5)]);
      const april = shanghai('2026-04-01 00:01');
      engine.tick(april);
      engine.apply(ev.ended('m', april, 'a1', 65));
      const s = engine.snapshot(april);
      expect(s.periods.centre.month.offered).toBe(0);
      expect(s.periods.centre.today.offered).toBe(0);
    });
  });

  describe('rolling windows', () => {
    it('counts calls joined in the last 15 and 60 minutes, exact to the ms', () => {
      const engine = new KpiEngine();
      const now = shanghai('2026-03-10 12:00');
      applyAll(engine, [
        ev.joined('x70', now - 70 * 60 * SECOND),
        ev.joined('x60', now - 60 * 60 * SECOND),
        ev.joined('x15', now - 15 * 60 * SECOND),
        ev.joined('x14', now - 15 * 60 * SECOND + 1),
      ]);
      engine.tick(now);
      const s = engine.snapshot(now);
      expect(s.periods.centre.last60m.offered).toBe(3);
      expect(s.periods.centre.last15m.offered).toBe(2);
      expect(s.periods.centre.today.offered).toBe(4);
    });
  });

  describe('15-minute interval series', () => {
    it('lists today’s intervals from midnight with offered per interval', () => {
      const engine = new KpiEngine();
      applyAll(engine, [
        ev.agentState('a1', shanghai('2026-03-10 00:20'), 'available'),
        ev.joined('c', shanghai('2026-03-10 00:31')),
        ev.joined('d', shanghai('2026-03-10 00:44:59.999')),
      ]);
      const s = engine.snapshot(shanghai('2026-03-10 00:50'));
      expect(s.intervals.centre.map((p) => p.offered)).toEqual([0, 0, 2, 0]);
      expect(s.intervals.centre.map((p) => p.agentsOnDutyMax)).toEqual([0, 1, 1, 1]);
      expect(s.intervals.queues.q1?.map((p) => p.offered)).toEqual([0, 0, 2, 0]);
      expect(s.intervals.centre[2]).toMatchObject({
        from: shanghai('2026-03-10 00:30'),
        to: shanghai('2026-03-10 00:45'),
      });
    });
  });
});
