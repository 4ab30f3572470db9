import { MINUTE, shanghai } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

const AT_1530 = shanghai('2026-03-15 15:30:00');
const MIDNIGHT = shanghai('2026-03-15 00:00:00');

function emptyView(at: number) {
  return { at, waiting: [], talking: [], agents: [] };
}

describe(KpiEngine.name, () => {
  describe('coverage (from when the figures include every call)', () => {
    it('is unknown before the first view, then starts at the first view; reconnects keep it', () => {
      const engine = new KpiEngine();
      expect(engine.coverage(AT_1530)).toEqual({ from: null, complete: false });
      engine.resync(emptyView(AT_1530));
      expect(engine.snapshot(AT_1530 + MINUTE).coverage).toEqual({
        from: AT_1530,
        complete: false,
      });
      engine.resync(emptyView(AT_1530 + 30 * MINUTE));
      expect(engine.coverage(AT_1530 + 31 * MINUTE).from).toBe(AT_1530);
    });

    it('becomes complete at the next local midnight', () => {
      const engine = new KpiEngine();
      engine.resync(emptyView(AT_1530));
      const nextDay = shanghai('2026-03-16 00:00:00');
      expect(engine.coverage(nextDay - 1).complete).toBe(false);
      expect(engine.coverage(nextDay)).toEqual({ from: AT_1530, complete: true });
    });

    it('starts where a restored seed says its calls are complete from (the earliest wins)', () => {
      const engine = new KpiEngine();
      engine.restore({ calls: [], coveredFrom: MIDNIGHT - 10 * MINUTE });
      engine.resync(emptyView(AT_1530));
      expect(engine.coverage(AT_1530)).toEqual({ from: MIDNIGHT - 10 * MINUTE, complete: true });
      engine.restore({ calls: [], coveredFrom: MIDNIGHT + MINUTE });
      expect(engine.coverage(AT_1530).from).toBe(MIDNIGHT - 10 * MINUTE);
    });

    it('a seed without coveredFrom leaves coverage to the first view', () => {
      const engine = new KpiEngine();
      engine.restore({ calls: [] });
      expect(engine.coverage(AT_1530).from).toBeNull();
      engine.resync(emptyView(AT_1530));
      expect(engine.coverage(AT_1530).from).toBe(AT_1530);
    });
  });
});
