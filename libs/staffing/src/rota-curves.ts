import type { CentreTargets } from './centre-targets';
import { erlangAAbandonmentCurve, erlangAPerformance, requiredAgentsErlangA } from './erlang-a';
import type { PlanningDemand } from './rota-demand';
import { SLOT_MINUTES } from './rota-rules';

/** One slot of the week as the planner sees it. */
export interface SlotCurve {
  readonly calls: number;
  /** Erlang A agents ANSWERING that meet both centre targets (at least the floor given). */
  readonly required: number;
  /** False when no staffing meets the answer-rate target (the unavoidable loss is too high). */
  readonly reachable: boolean;
  /**
   * Expected lost calls that staffing can save, with n agents answering, n = 0 … length − 1,
   * made convex (the lower convex hull of the Erlang A points); past the end it stays at the
   * last value. The unavoidable loss is not in it (no rota changes it).
   */
  readonly lost: readonly number[];
}

/** Below this many expected lost calls in a slot, one more agent is not worth modelling. */
const NEGLIGIBLE_LOST_CALLS = 0.002;
/** With the unavoidable loss at or over the target's slack: plan for this answer rate. */
const BEST_EFFORT_ANSWER_RATE = 0.999;

/**
 * Requirement and lost-call curve of every slot (slots with equal calls share one computation).
 *
 * A share u of callers hang up at once whatever the staffing (PlanningDemand); the rest arrive
 * to an Erlang A queue. The answer rate is (1 − u)(1 − P(abandon)), so the queue must reach
 * 1 − P(abandon) ≥ target ÷ (1 − u); answered-within-t ÷ answered is the queue's own. When that
 * is 1 or more, no staffing meets the target: the slot is unreachable and planned for a 99.9 %
 * queue answer rate instead. Every slot needs at least `minAnswering` agents (a 24×7 centre is
 * never left with fewer, whatever Erlang A says of a quiet night: skills, breaks).
 */
export function slotCurves(
  demand: PlanningDemand,
  targets: CentreTargets,
  maxAgents: number,
  minAnswering = 0,
): SlotCurve[] {
  const seconds = SLOT_MINUTES * 60;
  const kept = 1 - (demand.unavoidableLossShare ?? 0);
  const queueTarget = targets.answerRate / kept;
  const reachable = queueTarget < 1;
  const cache = new Map<number, SlotCurve>();
  return demand.calls.map((calls) => {
    const known = cache.get(calls);
    if (known) return known;
    const waiting = calls * kept;
    const common = {
      arrivalRatePerSecond: waiting / seconds,
      ahtSeconds: demand.handleSeconds,
      meanPatienceSeconds: demand.meanPatienceSeconds,
    };
    const erlang =
      waiting > 0
        ? requiredAgentsErlangA({
            ...common,
            targetAnswerRate: reachable ? queueTarget : BEST_EFFORT_ANSWER_RATE,
            targetAnsweredWithinSeconds: targets.answeredWithinSeconds,
            targetAnsweredWithinRate: targets.answeredWithinRate,
          }).agents
        : 0;
    const required = Math.max(erlang, minAnswering);
    const abandonment = erlangAAbandonmentCurve({
      ...common,
      stopBelow: waiting > 0 ? NEGLIGIBLE_LOST_CALLS / waiting : 1,
      maxAgents: Math.max(maxAgents, required),
    });
    const curve: SlotCurve = {
      calls,
      required,
      reachable: reachable || waiting === 0,
      lost: lowerConvexHull(abandonment.map((p) => p * waiting)),
    };
    cache.set(calls, curve);
    return curve;
  });
}

/** Expected lost calls at a (fractional) number of agents answering: the curve, linearly. */
export function lostAt(curve: SlotCurve, agents: number): number {
  const { lost } = curve;
  if (agents >= lost.length - 1) return lost[lost.length - 1];
  const below = Math.floor(Math.max(0, agents));
  const share = Math.max(0, agents) - below;
  return lost[below] + share * (lost[below + 1] - lost[below]);
}

export interface SlotPrediction {
  readonly offered: number;
  readonly answered: number;
  readonly answeredWithin: number;
  readonly lost: number;
}

/**
 * Erlang A's expectation for a slot with `agents` answering (fractional agents: the two integer
 * staffings around it, weighted), the unavoidable loss included, for a rota's predicted KPIs.
 */
export function predictSlot(
  demand: PlanningDemand,
  calls: number,
  agents: number,
  answeredWithinSeconds: number,
): SlotPrediction {
  const waiting = calls * (1 - (demand.unavoidableLossShare ?? 0));
  if (waiting <= 0) return { offered: calls, answered: 0, answeredWithin: 0, lost: calls };
  const at = (n: number) =>
    erlangAPerformance({
      agents: n,
      arrivalRatePerSecond: waiting / (SLOT_MINUTES * 60),
      ahtSeconds: demand.handleSeconds,
      meanPatienceSeconds: demand.meanPatienceSeconds,
      answeredWithinSeconds,
    });
  const below = Math.floor(Math.max(0, agents));
  const share = Math.max(0, agents) - below;
  const low = at(below);
  const high = share > 0 ? at(below + 1) : low;
  const mix = (a: number, b: number): number => a + share * (b - a);
  const answered = waiting * mix(low.answerRate, high.answerRate);
  return {
    offered: calls,
    answered,
    answeredWithin: waiting * mix(low.serviceLevelOfOffered, high.serviceLevelOfOffered),
    lost: calls - answered,
  };
}

/**
 * The greatest convex minorant of points (n, value[n]): Erlang A's abandonment is convex in n in
 * practice, and the planner's linearisation needs it to be exactly (a minimising LP then fills
 * the segments in order); where rounding makes a point stick out, the hull passes under it.
 */
function lowerConvexHull(values: readonly number[]): number[] {
  const hull: number[] = [];
  for (let n = 0; n < values.length; n++) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2];
      const b = hull[hull.length - 1];
      // b lies on or above the chord from a to n: drop it.
      if ((values[b] - values[a]) * (n - a) >= (values[n] - values[a]) * (b - a)) hull.pop();
      else break;
    }
    hull.push(n);
  }
  const result = new Array<number>(values.length);
  for (let h = 0; h + 1 < hull.length; h++) {
    const a = hull[h];
    const b = hull[h + 1];
    for (let n = a; n <= b; n++) {
      result[n] = values[a] + ((values[b] - values[a]) * (n - a)) / (b - a);
    }
  }
  if (hull.length === 1) result[0] = values[0];
  return result;
}
