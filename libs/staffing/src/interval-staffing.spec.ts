import { erlangAPerformance } from './erlang-a';
import { staffInterval } from './interval-staffing';

describe(staffInterval.name, () => {
  // A busy 15 minutes at the 12345 centre: 120 calls, AHT 240 s → 32 Erlangs.
  const busy = {
    offered: 120,
    answered: 104,
    ahtSeconds: 240,
    abandoned: 16,
    totalWaitSeconds: 16 * 45 + 104 * 20,
    agentsOnDuty: 30,
  };

  it('reports the load, the patience estimate and both requirements', () => {
    const result = staffInterval(busy);
    expect(result.offeredLoadErlangs).toBeCloseTo((120 * 240) / 900, 12);
    expect(result.patienceSource).toBe('estimated');
    expect(result.meanPatienceSeconds).toBeCloseTo((16 * 45 + 104 * 20) / 16, 12);
    expect(result.observedAnswerRate).toBeCloseTo(104 / 120, 12);
    expect(result.requiredErlangA).toBeGreaterThan(30);
    expect(result.requiredErlangC).toBeGreaterThan(32);
    expect(result.shortfallErlangA).toBe(result.requiredErlangA - 30);
    expect(result.predictedErlangA.answerRate).toBeLessThan(0.95);
    expect(result.predictedErlangC.probabilityOfWaiting).toBe(1); // 30 agents < 32 Erlangs
  });

  it('predicts the targets met with the Erlang A requirement on duty', () => {
    const result = staffInterval(busy);
    const enough = erlangAPerformance({
      agents: result.requiredErlangA,
      arrivalRatePerSecond: 120 / 900,
      ahtSeconds: 240,
      meanPatienceSeconds: result.meanPatienceSeconds,
      answeredWithinSeconds: 10,
    });
    expect(enough.answerRate).toBeGreaterThanOrEqual(0.95);
    expect(enough.answeredWithinRate).toBeGreaterThanOrEqual(0.8);
  });

  it('falls back to the default patience when too few callers abandoned', () => {
    const quiet = staffInterval({
      ...busy,
      offered: 10,
      answered: 9,
      abandoned: 1,
      agentsOnDuty: 4,
    });
    expect(quiet.patienceSource).toBe('default');
    expect(quiet.meanPatienceSeconds).toBe(180);
  });
});
