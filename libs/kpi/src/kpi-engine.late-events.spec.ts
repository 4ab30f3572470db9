import { KpiEngine } from './kpi-engine';
import { answeredCall, MINUTE, T0 } from './call-event.factory';

describe(KpiEngine.name, () => {
  it('a snapshot taken far ahead of the events does not make later events late', () => {
    const engine = new KpiEngine();
    engine.snapshot(T0 + 300 * 24 * 60 * MINUTE);
    const outcomes = answeredCall({ callId: 'a', joinAt: T0, waitSeconds: 5, talkSeconds: 60 }).map(
      (e) => engine.apply(e),
    );
    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(engine.snapshot(T0 + 2 * MINUTE).periods.centre.today.answered).toBe(1);
  });

  it('a tick far ahead does make older events late (they are counted as anomalies)', () => {
    const engine = new KpiEngine();
    engine.tick(T0 + 300 * 24 * 60 * MINUTE);
    const [joined] = answeredCall({ callId: 'a', joinAt: T0, waitSeconds: 5, talkSeconds: 60 });
    expect(engine.apply(joined)).toBe('anomaly');
  });
});
