import { erlangAPerformance, requiredAgentsErlangA } from './erlang-a';
import { erlangCPerformance } from './erlang-c';
import { StaffingError } from './staffing-error';

/**
 * Independent reference for P(wait) and P(abandon): the M/M/n+M birth–death chain solved
 * directly (π_{k+1}/π_k = λ / (min(k+1, n)μ + max(k+1−n, 0)θ)), in log space, truncated once the
 * terms fall below 1e-18 of the largest. P(abandon) = θ·E[queue]/λ (abandonment flux over arrivals).
 */
function chainReference(agents: number, lambda: number, aht: number, patience: number) {
  const mu = 1 / aht;
  const theta = 1 / patience;
  const logs: number[] = [0];
  for (let k = 0; ; k++) {
    const death = Math.min(k + 1, agents) * mu + Math.max(k + 1 - agents, 0) * theta;
    logs.push(logs[k] + Math.log(lambda / death));
    // beyond n the terms eventually fall for good (θ > 0); stop when negligible (< e^-42 ≈ 6e-19)
    if (k > agents && logs[k + 1] < logs[k] && logs[k + 1] < Math.max(...logs) - 42) break;
  }
  const peak = Math.max(...logs);
  const weights = logs.map((l) => Math.exp(l - peak));
  const total = weights.reduce((a, b) => a + b, 0);
  let waiting = 0;
  let queue = 0;
  weights.forEach((w, k) => {
    if (k >= agents) waiting += w / total;
    if (k > agents) queue += ((k - agents) * w) / total;
  });
  return { waiting, abandonment: (theta * queue) / lambda, states: weights.map((w) => w / total) };
}

/**
 * Independent reference for P(answered within t | answered): follow a tagged caller through the
 * pure-death chain "j callers ahead" (rate nμ + jθ to j−1, or to answered from j = 0; the tagged
 * caller's own patience θ to abandoned), started from what an arrival sees (PASTA), solved by
 * uniformization — no use of the integral formulas under test.
 */
function taggedCallerReference(
  agents: number,
  lambda: number,
  aht: number,
  patience: number,
  t: number,
) {
  const mu = 1 / aht;
  const theta = 1 / patience;
  const { states } = chainReference(agents, lambda, aht, patience);
  const immediate = states.slice(0, agents).reduce((a, b) => a + b, 0);
  let ahead = states.slice(agents); // ahead[j]: arrival finds j callers waiting
  const rate = agents * mu + ahead.length * theta + theta;
  let answeredByT = 0;
  let poisson = Math.exp(-rate * t);
  let absorbedSoFar = 0;
  for (let step = 0; step < 5000 && ahead.some((p) => p > 1e-300); step++) {
    // after `step` uniformized jumps, answered mass so far is absorbedSoFar
    answeredByT += poisson * absorbedSoFar;
    const next = new Array<number>(ahead.length).fill(0);
    ahead.forEach((p, j) => {
      const progress = agents * mu + j * theta;
      if (j === 0) absorbedSoFar += (p * progress) / rate;
      else next[j - 1] += (p * progress) / rate;
      next[j] += (p * (rate - progress - theta)) / rate; // self-loop of uniformization
    });
    ahead = next;
    poisson *= (rate * t) / (step + 1);
  }
  const answeredEventually = (() => {
    // P(answered | j ahead) = Π_{i=0}^{j} (nμ + iθ)/(nμ + (i+1)θ)
    let total = 0;
    let product = 1;
    states.slice(agents).forEach((p, j) => {
      product *= (agents * mu + j * theta) / (agents * mu + (j + 1) * theta);
      total += p * product;
    });
    return total;
  })();
  return (immediate + answeredByT) / (immediate + answeredEventually);
}

describe(erlangAPerformance.name, () => {
  const base = { arrivalRatePerSecond: 100 / 1800, ahtSeconds: 180, answeredWithinSeconds: 20 };

  it('converges to Erlang C as patience grows without bound (θ → 0)', () => {
    for (const agents of [11, 14, 20]) {
      const c = erlangCPerformance({ ...base, agents, targetSeconds: 20 });
      const a = erlangAPerformance({ ...base, agents, meanPatienceSeconds: 1e10 });
      expect(a.probabilityOfWaiting).toBeCloseTo(c.probabilityOfWaiting, 6);
      expect(a.answeredWithinRate).toBeCloseTo(c.serviceLevel, 6);
      expect(a.averageSpeedOfAnswerSeconds).toBeCloseTo(c.averageSpeedOfAnswerSeconds, 3);
      expect(a.probabilityOfAbandonment).toBeLessThan(1e-6);
    }
  });

  it.each([
    [5, 0.02, 200, 60],
    [11, 100 / 1800, 180, 60],
    [30, 0.12, 240, 90],
    [40, 0.2, 240, 30],
  ])(
    'matches the birth–death chain at n = %i, λ = %f, AHT %i s, patience %i s',
    (n, lambda, aht, patience) => {
      const reference = chainReference(n, lambda, aht, patience);
      const query = {
        agents: n,
        arrivalRatePerSecond: lambda,
        ahtSeconds: aht,
        meanPatienceSeconds: patience,
      };
      const result = erlangAPerformance({ ...query, answeredWithinSeconds: 10 });
      expect(result.probabilityOfWaiting).toBeCloseTo(reference.waiting, 10);
      expect(result.probabilityOfAbandonment).toBeCloseTo(reference.abandonment, 10);
      const tagged = taggedCallerReference(n, lambda, aht, patience, 10);
      expect(result.answeredWithinRate).toBeCloseTo(tagged, 8);
    },
  );

  it('loses more callers the less patient they are', () => {
    let previous = 0;
    for (const patience of [3600, 600, 180, 60, 20, 5]) {
      const { probabilityOfAbandonment } = erlangAPerformance({
        ...base,
        agents: 11,
        meanPatienceSeconds: patience,
      });
      expect(probabilityOfAbandonment).toBeGreaterThan(previous);
      previous = probabilityOfAbandonment;
    }
  });

  it('stays finite for hundreds and thousands of agents, under and over load', () => {
    for (const [agents, load, patience] of [
      [500, 480, 120],
      [1500, 1450, 60],
      [1700, 1800, 3600],
      [2000, 1900, 1e6],
      [2000, 10, 120],
    ]) {
      const result = erlangAPerformance({
        agents,
        arrivalRatePerSecond: load / 300,
        ahtSeconds: 300,
        meanPatienceSeconds: patience,
        answeredWithinSeconds: 10,
      });
      for (const value of Object.values(result)) expect(Number.isNaN(value)).toBe(false);
      expect(result.answerRate).toBeGreaterThanOrEqual(0);
      expect(result.answerRate).toBeLessThanOrEqual(1);
      // Flow balance: answered calls cannot exceed what n agents can carry.
      expect((load * result.answerRate) / agents).toBeLessThanOrEqual(1 + 1e-9);
    }
  });
});

describe(requiredAgentsErlangA.name, () => {
  const centre = {
    ahtSeconds: 240,
    meanPatienceSeconds: 90,
    targetAnswerRate: 0.95,
    targetAnsweredWithinSeconds: 10,
    targetAnsweredWithinRate: 0.8,
  };

  it('returns the smallest n meeting both centre targets', () => {
    const result = requiredAgentsErlangA({ ...centre, arrivalRatePerSecond: 0.15 });
    expect(result.answerRate).toBeGreaterThanOrEqual(0.95);
    expect(result.answeredWithinRate).toBeGreaterThanOrEqual(0.8);
    const fewer = erlangAPerformance({
      agents: result.agents - 1,
      arrivalRatePerSecond: 0.15,
      ahtSeconds: 240,
      meanPatienceSeconds: 90,
      answeredWithinSeconds: 10,
    });
    expect(fewer.answerRate < 0.95 || fewer.answeredWithinRate < 0.8).toBe(true);
    expect(result.limitedBy.length).toBeGreaterThan(0);
  });

  it('needs more agents as the load grows', () => {
    let previous = 0;
    for (const callsPerHour of [10, 60, 200, 500, 1000, 3000, 10_000]) {
      const { agents } = requiredAgentsErlangA({
        ...centre,
        arrivalRatePerSecond: callsPerHour / 3600,
      });
      expect(agents).toBeGreaterThanOrEqual(previous);
      previous = agents;
    }
    expect(previous).toBeGreaterThan(600);
  });

  it('needs no agents for no calls and refuses unreachable targets', () => {
    expect(requiredAgentsErlangA({ ...centre, arrivalRatePerSecond: 0 }).agents).toBe(0);
    expect(() =>
      requiredAgentsErlangA({ ...centre, arrivalRatePerSecond: 5, maxAgents: 100 }),
    ).toThrow(StaffingError);
  });
});
