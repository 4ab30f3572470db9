import { CENTRE_TARGETS } from './centre-targets';
import { erlangAPerformance, requiredAgentsErlangA } from './erlang-a';
import { lostAt, predictSlot, slotCurves } from './rota-curves';

const busy = { calls: [40, 0], handleSeconds: 450, meanPatienceSeconds: 200 };
const queue = (answerRate: number) =>
  requiredAgentsErlangA({
    arrivalRatePerSecond: 40 / 900,
    ahtSeconds: 450,
    meanPatienceSeconds: 200,
    targetAnswerRate: answerRate,
    targetAnsweredWithinSeconds: 10,
    targetAnsweredWithinRate: 0.8,
  }).agents;

describe(slotCurves.name, () => {
  it("requires Erlang A's agents and draws a convex, falling lost-call curve", () => {
    const [curve, empty] = slotCurves(busy, CENTRE_TARGETS, 60);
    expect(curve.required).toBe(queue(0.95));
    expect(curve.reachable).toBe(true);
    expect(curve.lost[0]).toBeCloseTo(40, 9); // nobody answering: every caller lost
    for (let n = 1; n + 1 < curve.lost.length; n++) {
      const before = curve.lost[n - 1] - curve.lost[n];
      const after = curve.lost[n] - curve.lost[n + 1];
      expect(after).toBeLessThanOrEqual(before + 1e-12);
      expect(after).toBeGreaterThanOrEqual(0);
    }
    const exact =
      40 *
      erlangAPerformance({
        agents: 22,
        arrivalRatePerSecond: 40 / 900,
        ahtSeconds: 450,
        meanPatienceSeconds: 200,
        answeredWithinSeconds: 10,
      }).probabilityOfAbandonment;
    expect(lostAt(curve, 22)).toBeCloseTo(exact, 6);
    expect(empty).toMatchObject({ required: 0, lost: [0] });
  });

  it('asks more of the queue when some callers hang up at once, and floors quiet slots', () => {
    const [curve, empty] = slotCurves(
      { ...busy, unavoidableLossShare: 0.02 },
      CENTRE_TARGETS,
      60,
      3,
    );
    // 2 % lost anyway: the queue must answer 0.95 / 0.98 of its callers.
    expect(curve.required).toBe(
      requiredAgentsErlangA({
        arrivalRatePerSecond: (40 * 0.98) / 900,
        ahtSeconds: 450,
        meanPatienceSeconds: 200,
        targetAnswerRate: 0.95 / 0.98,
        targetAnsweredWithinSeconds: 10,
        targetAnsweredWithinRate: 0.8,
      }).agents,
    );
    expect(empty.required).toBe(3);
    const predicted = predictSlot({ ...busy, unavoidableLossShare: 0.02 }, 40, 200, 10);
    expect(predicted.answered / predicted.offered).toBeCloseTo(0.98, 6);
  });

  it('says a slot is unreachable when the unavoidable loss alone breaks the target', () => {
    const [curve] = slotCurves({ ...busy, unavoidableLossShare: 0.06 }, CENTRE_TARGETS, 60);
    expect(curve.reachable).toBe(false);
    expect(curve.required).toBeGreaterThan(queue(0.95));
  });
});
