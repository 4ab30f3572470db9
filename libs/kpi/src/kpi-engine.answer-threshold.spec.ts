import { answeredCall, applyAll, SECOND, T0 } from './call-event.factory';
import { KpiEngine } from './kpi-engine';

describe(KpiEngine.name, () => {
  describe('answered within and after the 10-second threshold', () => {
    const engine = new KpiEngine();
    applyAll(engine, [
      ...answeredCall({ callId: 'w9', joinAt: T0, waitSeconds: 9, talkSeconds: 60 }),
      ...answeredCall({ callId: 'w10', joinAt: T0 + SECOND, waitSeconds: 10, talkSeconds: 60 }),
      ...answeredCall({ callId: 'w11', joinAt: T0 + 2 * SECOND, waitSeconds: 11, talkSeconds: 60 }),
    ]);
    const today = engine.snapshot(T0 + 10 * 60 * SECOND).periods.queues.q1?.today;

    it('counts a wait of exactly 10 s as within 10 s, and 11 s as not', () => {
      expect(today?.answered).toBe(3);
      expect(today?.answeredWithin10s).toBe(2);
    });

    it('divides the 10-second rate by answered and the service level by offered', () => {
      expect(today?.answeredIn10sRate).toBeCloseTo(2 / 3, 12);
      expect(today?.serviceLevel).toBeCloseTo(2 / 3, 12);
    });

    it('takes ASA from the PBX waits and AHT from the PBX talk times', () => {
      expect(today?.asaSeconds).toBe(10);
      expect(today?.ahtSeconds).toBe(60);
      expect(today?.longestWaitSeconds).toBe(11);
    });
  });

  it('uses the PBX’s whole-second wait even when the event clock says otherwise', () => {
    const engine = new KpiEngine();
    // Joined at .900, answered 10.6 s later on the µs clock; the PBX logged HoldTime 10.
    applyAll(engine, [
      ...answeredCall({ callId: 'x', joinAt: T0 + 900, waitSeconds: 10, talkSeconds: 30 }).map(
        (e) => (e.type === 'agent-answered' ? { ...e, at: e.at + 600 } : e),
      ),
    ]);
    expect(engine.snapshot(T0 + 60 * SECOND).periods.centre.today.answeredWithin10s).toBe(1);
  });

  it('gives null rates, not zero or NaN, for a scope with nothing offered', () => {
    const figures = new KpiEngine().snapshot(T0).periods.centre.today;
    expect(figures.offered).toBe(0);
    expect(figures.answerRate).toBeNull();
    expect(figures.answeredIn10sRate).toBeNull();
    expect(figures.asaSeconds).toBeNull();
    expect(figures.ratings.rate).toBeNull();
  });
});
