import { applyAll, ev, shanghai } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('shifts crossing midnight (夜班 21:45–07:10)', () => {
    const engine = new KpiEngine();
    applyAll(engine, [
      ev.joined('evening', shanghai('2026-03-10 21:40')),
      ev.joined('late', shanghai('2026-03-10 23:00')),
      ev.joined('small-hours', shanghai('2026-03-11 03:00')),
      ev.joined('handover', shanghai('2026-03-11 07:05')),
    ]);

    it('puts calls before and after midnight in the same night shift, not the one before 21:45', () => {
      const s = engine.snapshot(shanghai('2026-03-11 03:30'));
      expect(s.activeShifts.map((x) => x.name)).toEqual(['夜班']);
      expect(s.periods.centre['shift:夜班']).toMatchObject({
        from: shanghai('2026-03-10 21:45'),
        to: shanghai('2026-03-11 07:10'),
        offered: 3,
      });
    });

    it('counts a call during the handover in both overlapping shifts', () => {
      const s = engine.snapshot(shanghai('2026-03-11 07:06'));
      expect(s.activeShifts.map((x) => x.name).sort()).toEqual(['夜班', '早班'].sort());
      expect(s.periods.centre['shift:夜班']?.offered).toBe(3);
      expect(s.periods.centre['shift:早班']?.offered).toBe(1);
    });

    it('keeps today separate from the shift: the day starts at midnight', () => {
      const s = engine.snapshot(shanghai('2026-03-11 07:06'));
      expect(s.periods.centre.today.offered).toBe(2);
    });

    it('supports configured shifts crossing midnight in another zone', () => {
      const ny = new KpiEngine({
        timeZone: 'America/New_York',
        shifts: [{ name: 'night', start: '22:00', end: '06:00' }],
      });
      // 2026-03-08 is the US spring-forward night: 02:00 → 03:00, so the shift lasts 7 hours.
      const s = ny.snapshot(Date.UTC(2026, 2, 8, 8, 0)); // 04:00 EDT
      expect(s.activeShifts).toEqual([
        { name: 'night', from: Date.UTC(2026, 2, 8, 3, 0), to: Date.UTC(2026, 2, 8, 10, 0) },
      ]);
    });
  });
});
