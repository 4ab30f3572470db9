import { erlangB } from './erlang-b';
import { erlangC, erlangCPerformance, requiredAgentsErlangC } from './erlang-c';

/**
 * Independent reference: Erlang C for integer A and n in exact BigInt arithmetic, straight from
 * the textbook formula C = (Aⁿ/n!·n/(n−A)) / (Σ_{k<n} Aᵏ/k! + Aⁿ/n!·n/(n−A)), every term
 * multiplied by n!·(n−A) so it is an integer. No shared code with the recursion under test.
 */
function exactErlangC(agents: number, load: number): number {
  const n = BigInt(agents);
  const a = BigInt(load);
  let nFactorial = 1n;
  for (let i = 2n; i <= n; i++) nFactorial *= i;
  let sum = 0n;
  let power = 1n; // Aᵏ
  let kFactorial = 1n;
  for (let k = 0n; k < n; k++) {
    if (k > 0n) {
      power *= a;
      kFactorial *= k;
    }
    sum += (power * nFactorial) / kFactorial; // exact: k! divides n!
  }
  const waitingTerm = power * a * n; // Aⁿ·n (·n!/n! = 1), times (n−A) cancels below
  const scale = 10n ** 18n;
  return Number((waitingTerm * scale) / (sum * (n - a) + waitingTerm)) / 1e18;
}

describe(erlangC.name, () => {
  it('gives 4/9 for A = 2 Erlangs on 3 agents (hand calculation: B(3,2) = 4/19, C = 12/27)', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 14);
    expect(exactErlangC(3, 2)).toBeCloseTo(4 / 9, 14);
  });

  // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
  // (callcentrehelper.com): 100 calls per 30 min, AHT 180 s → A = 10 Erlangs, target 80 % in 20 s.
  // The article starts at N = 11 with P(wait) = 68.21 % and service level 39.0 %, and reaches the
  // target at N = 14 (88.8 %). Each figure is re-derived here with the exact BigInt formula.
  const callCentreHelper = { arrivalRatePerSecond: 100 / 1800, ahtSeconds: 180, targetSeconds: 20 };

  it.each([
    [11, 10, 0.6821],
    [12, 10, 0.4494],
    [13, 10, 0.2853],
    [14, 10, 0.1741],
  ])(
    'matches the worked example and the exact formula at n = %i, A = %i (≈ %f)',
    (n, a, published) => {
      const exact = exactErlangC(n, a);
      expect(exact).toBeCloseTo(published, 4);
      expect(erlangC(n, a)).toBeCloseTo(exact, 12);
    },
  );

  it('reproduces the worked example: 39.0 % at 11 agents, 14 agents needed for 80/20 with 88.8 %', () => {
    const eleven = erlangCPerformance({ ...callCentreHelper, agents: 11 });
    expect(eleven.serviceLevel).toBeCloseTo(0.39, 3);
    const required = requiredAgentsErlangC({ ...callCentreHelper, targetServiceLevel: 0.8 });
    expect(required.agents).toBe(14);
    expect(required.serviceLevel).toBeCloseTo(0.888, 3);
    expect(required.averageSpeedOfAnswerSeconds).toBeCloseTo((exactErlangC(14, 10) * 180) / 4, 9);
    expect(required.bindingConstraint).toBe('service-level');
  });

  it('adds agents for an occupancy cap and says so', () => {
    const capped = requiredAgentsErlangC({
      ...callCentreHelper,
      targetServiceLevel: 0.8,
      maxOccupancy: 0.6,
    });
    expect(capped.agents).toBe(Math.ceil(10 / 0.6));
    expect(capped.bindingConstraint).toBe('occupancy');
  });

  it.each([
    [500, 480],
    [1500, 1450],
  ])('agrees with exact arithmetic at n = %i, A = %i without overflow', (n, a) => {
    expect(erlangC(n, a)).toBeCloseTo(exactErlangC(n, a), 11);
  });

  it('stays finite, in [0, 1] and decreasing in n up to 2000 agents at 1900 Erlangs', () => {
    let previous = 1;
    for (let n = 1901; n <= 2000; n++) {
      const c = erlangC(n, 1900);
      expect(Number.isFinite(c)).toBe(true);
      expect(c).toBeLessThan(previous);
      previous = c;
    }
    expect(erlangB(2000, 1900)).toBeGreaterThan(0);
    expect(erlangC(2000, 1)).toBe(0); // B underflows to 0: no NaN
    expect(erlangC(1900, 1900)).toBe(1); // unstable queue: everyone waits
  });

  it('needs more agents as the load grows (A from 1 to 1900 Erlangs)', () => {
    let previous = 0;
    for (const load of [1, 5, 10, 50, 100, 480, 1000, 1900]) {
      const { agents } = requiredAgentsErlangC({
        arrivalRatePerSecond: load / 300,
        ahtSeconds: 300,
        targetSeconds: 10,
        targetServiceLevel: 0.8,
      });
      expect(agents).toBeGreaterThan(load);
      expect(agents).toBeGreaterThanOrEqual(previous);
      previous = agents;
    }
  });
});
