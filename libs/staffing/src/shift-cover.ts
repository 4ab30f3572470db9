/**
 * Agents per shift so that every slot's requirement is covered: the integer covering problem
 *   minimise Σ_s cost_s·x_s   subject to   Σ_s coverage[s][i]·x_s ≥ requirement_i,  x_s ∈ ℕ.
 *
 * Why greedy and not an LP: with a handful of overlapping windows the problem is tiny, but an
 * LP relaxation still needs rounding that can break feasibility, while the greedy rule for
 * weighted set multicover (Chvátal 1979, "A greedy heuristic for the set-covering problem",
 * Math. Oper. Res. 4(3)) is always feasible, integral and within a ln(slots) factor of optimal.
 * We add one agent at a time to the shift that covers the most still-uncovered requirement per
 * paid hour, then drop any agent whose removal keeps every slot covered (most expensive shifts
 * first), which removes the greedy's early redundant picks.
 */
export interface ShiftCoverProblem {
  /** Agents required per slot. */
  readonly requirement: readonly number[];
  /** coverage[s][i] ∈ [0, 1]: share of slot i that shift s covers. */
  readonly coverage: readonly (readonly number[])[];
  /** Cost of one agent on shift s (e.g. paid hours). */
  readonly costs: readonly number[];
}

export interface ShiftCoverSolution {
  readonly agents: readonly number[];
  /** Slots with a requirement that no shift covers at all. */
  readonly uncoveredSlots: readonly number[];
}

const EPSILON = 1e-9;

export function greedyShiftCover(problem: ShiftCoverProblem): ShiftCoverSolution {
  const { requirement, coverage, costs } = problem;
  const shifts = coverage.length;
  const uncoveredSlots: number[] = [];
  const deficit = requirement.map((need, slot) => {
    if (need <= EPSILON) return 0;
    if (coverage.every((row) => row[slot] <= 0)) {
      uncoveredSlots.push(slot);
      return 0;
    }
    return need;
  });
  const agents = new Array<number>(shifts).fill(0);
  for (;;) {
    let best = -1;
    let bestRatio = 0;
    for (let s = 0; s < shifts; s++) {
      let gain = 0;
      for (let i = 0; i < deficit.length; i++) gain += Math.min(coverage[s][i], deficit[i]);
      const ratio = gain / costs[s];
      if (gain > EPSILON && ratio > bestRatio) {
        best = s;
        bestRatio = ratio;
      }
    }
    if (best < 0) break;
    agents[best]++;
    for (let i = 0; i < deficit.length; i++) {
      deficit[i] = Math.max(0, deficit[i] - coverage[best][i]);
      if (deficit[i] <= EPSILON) deficit[i] = 0;
    }
  }
  const target = requirement.map((need, slot) => (uncoveredSlots.includes(slot) ? 0 : need));
  const order = [...costs.keys()].sort((a, b) => costs[b] - costs[a]);
  for (const s of order) {
    while (agents[s] > 0) {
      agents[s]--;
      if (!covers(agents, coverage, target)) {
        agents[s]++;
        break;
      }
    }
  }
  return { agents, uncoveredSlots };
}

function covers(
  agents: readonly number[],
  coverage: readonly (readonly number[])[],
  requirement: readonly number[],
): boolean {
  return requirement.every((need, slot) => {
    let supply = 0;
    for (let s = 0; s < agents.length; s++) supply += coverage[s][slot] * agents[s];
    return supply >= need - EPSILON;
  });
}
