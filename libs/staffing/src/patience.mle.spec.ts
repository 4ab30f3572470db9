import { estimatePatience } from './patience';

describe(estimatePatience.name, () => {
  it('divides abandons by the total wait of every caller, censored answered waits included', () => {
    // 3 abandoned after 20, 40, 60 s; 7 answered after 10 s each: θ̂ = 3 / (120 + 70).
    const estimate = estimatePatience({ abandoned: 3, totalWaitSeconds: 20 + 40 + 60 + 7 * 10 });
    expect(estimate.thetaPerSecond).toBeCloseTo(3 / 190, 15);
    expect(estimate.meanPatienceSeconds).toBeCloseTo(190 / 3, 12);
  });

  it('recovers the mean of exponential patience from simulated censored data', () => {
    // Deterministic pseudo-random patience ~ Exp(mean 90 s), offered waits ~ Exp(mean 40 s).
    let seed = 12345; // mulberry32
    const uniform = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let z = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
      return (((z ^ (z >>> 14)) >>> 0) + 0.5) / 4294967296;
    };
    let abandoned = 0;
    let totalWaitSeconds = 0;
    for (let i = 0; i < 200_000; i++) {
      const patience = -90 * Math.log(uniform());
      const offeredWait = -40 * Math.log(uniform());
      totalWaitSeconds += Math.min(patience, offeredWait);
      if (patience < offeredWait) abandoned++;
    }
    // ~61 000 abandons → standard error ≈ 90/√61 000 ≈ 0.36 s; allow four of them.
    const { meanPatienceSeconds } = estimatePatience({ abandoned, totalWaitSeconds });
    expect(Math.abs(meanPatienceSeconds - 90)).toBeLessThan(1.5);
  });

  it('reports infinite patience when nobody abandoned', () => {
    expect(estimatePatience({ abandoned: 0, totalWaitSeconds: 500 })).toEqual({
      thetaPerSecond: 0,
      meanPatienceSeconds: Infinity,
    });
  });
});
