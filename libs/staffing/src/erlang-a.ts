import { extendLogErlangB, logErlangB } from './erlang-b';
import { offeredLoad } from './erlang-c';
import { logIntegralOfExpConcave } from './log-concave-integral';
import {
  StaffingError,
  StaffingErrorCode,
  assertCount,
  assertFiniteAtLeast,
  assertRatio,
} from './staffing-error';

/*
 * Erlang A: the M/M/n+M queue (Palm 1943) — Poisson arrivals λ, n agents with exponential handle
 * times (rate μ = 1/AHT), callers who hang up after an exponential patience (rate θ = 1/mean
 * patience) if not answered by then.
 *
 * Formulas from Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance measures"
 * (Technion, 2004/2009), specialised to exponential patience Ḡ(x) = e^{−θx},
 * H(x) = ∫_0^x Ḡ = (1 − e^{−θx})/θ, and Garnett, Mandelbaum & Reiman, "Designing a call center with
 * impatient customers", MSOM 4(3), 2002:
 *
 *   E  = Σ_{j=0}^{n−1} (n−1)!/j! · (μ/λ)^{n−1−j}  = 1 / B(n−1, A)     (B = Erlang B, A = λ/μ)
 *   J  = ∫_0^∞ exp(λH(x) − nμx) dx
 *   The offered wait V (what a caller would wait if infinitely patient) has an atom
 *   P(V = 0) = E/(E + λJ) and, for x > 0, density f_V(x) = λ·exp(λH(x) − nμx)/(E + λJ).
 *   A caller is answered iff patience τ > V, and τ ~ Exp(θ) is independent of V, so
 *     P(W > 0)                 = λJ / (E + λJ)
 *     P(answered, 0 < W ≤ t)   = λ ∫_0^t e^{−θx} exp(λH(x) − nμx) dx / (E + λJ)
 *     P(abandon)               = λ ∫_0^∞ (1 − e^{−θx}) exp(λH(x) − nμx) dx / (E + λJ)
 *   (the last equals M–Z's [1 + (λ − nμ)J]/(E + λJ) after integrating by parts; we integrate the
 *   positive form directly to avoid the cancellation in 1 + (λ − nμ)J when θ is small).
 *
 * Every quantity is a ratio of positive terms, which we keep as logarithms: 1/B(n−1) comes from
 * the log-space Erlang B recursion and the integrals from a log-scaled quadrature of a concave
 * exponent (log-concave-integral.ts), so n in the thousands and loads near 2000 Erlangs neither
 * overflow nor cancel.
 */

export interface ErlangAQuery {
  readonly agents: number;
  readonly arrivalRatePerSecond: number;
  readonly ahtSeconds: number;
  /** Mean patience 1/θ in seconds; must be > 0 and finite (θ → 0 is Erlang C). */
  readonly meanPatienceSeconds: number;
  /** The t of "answered within t seconds" (the centre uses 10). */
  readonly answeredWithinSeconds: number;
}

export interface ErlangAPerformance {
  readonly agents: number;
  readonly offeredLoadErlangs: number;
  readonly meanPatienceSeconds: number;
  /** P(W > 0): the caller finds every agent busy. */
  readonly probabilityOfWaiting: number;
  /** P(abandon) — in the centre's terms the call-loss share of offered calls. */
  readonly probabilityOfAbandonment: number;
  /** 话务接通率: answered / offered = 1 − P(abandon). */
  readonly answerRate: number;
  /** 热线10秒接通率: P(W ≤ t | answered) — answered within t ÷ ANSWERED (kpi-spec.md). */
  readonly answeredWithinRate: number;
  /** 服务水平 (industry): P(answered and W ≤ t) = answered within t ÷ offered. */
  readonly serviceLevelOfOffered: number;
  /** E[W | answered], seconds. */
  readonly averageSpeedOfAnswerSeconds: number;
  /** E[queue length] = λ·P(abandon)/θ (abandonment rate = θ·E[Q]). */
  readonly averageQueueLength: number;
  /** Carried load / n = λ(1 − P(abandon))·AHT / n. */
  readonly occupancy: number;
}

export function erlangAPerformance(query: ErlangAQuery): ErlangAPerformance {
  const { agents, arrivalRatePerSecond, ahtSeconds } = query;
  assertCount('agents', agents);
  validateQuery(query);
  const load = offeredLoad(arrivalRatePerSecond, ahtSeconds);
  const logInverseE =
    agents === 0 || load === 0 ? 0 : logErlangB(agents - 1, load); /* ln B(n−1) = −ln E */
  return performanceGivenLogBlocking(query, load, logInverseE);
}

function validateQuery(query: Omit<ErlangAQuery, 'agents'>): void {
  assertFiniteAtLeast('meanPatienceSeconds', query.meanPatienceSeconds, 0, true);
  assertFiniteAtLeast('answeredWithinSeconds', query.answeredWithinSeconds, 0);
}

/** The Erlang A measures given ln B(n−1, A); the staffing scan supplies it incrementally. */
function performanceGivenLogBlocking(
  query: ErlangAQuery,
  load: number,
  logBlockingBelow: number,
): ErlangAPerformance {
  const { agents, arrivalRatePerSecond: lambda, ahtSeconds, meanPatienceSeconds } = query;
  const t = query.answeredWithinSeconds;
  const base = { agents, offeredLoadErlangs: load, meanPatienceSeconds };
  if (lambda === 0) {
    return {
      ...base,
      probabilityOfWaiting: 0,
      probabilityOfAbandonment: 0,
      answerRate: 1,
      answeredWithinRate: 1,
      serviceLevelOfOffered: 1,
      averageSpeedOfAnswerSeconds: 0,
      averageQueueLength: 0,
      occupancy: 0,
    };
  }
  const theta = 1 / meanPatienceSeconds;
  if (agents === 0) {
    return {
      ...base,
      probabilityOfWaiting: 1,
      probabilityOfAbandonment: 1,
      answerRate: 0,
      answeredWithinRate: 0,
      serviceLevelOfOffered: 0,
      averageSpeedOfAnswerSeconds: Infinity,
      averageQueueLength: lambda / theta,
      occupancy: 0,
    };
  }
  const serviceRate = agents / ahtSeconds; // nμ
  const { exponent, derivative } = waitingExponent(lambda, theta, serviceRate);
  const answeredExponent = (x: number): number => exponent(x) - theta * x;
  const answeredDerivative = (x: number): number => derivative(x) - theta;

  const logLambda = Math.log(lambda);
  const logE = -logBlockingBelow;
  const { logLambdaJ, logLambdaAbandoned } = logWaitingAndAbandoned(lambda, theta, serviceRate);
  const answeredIntegrand = { exponent: answeredExponent, derivative: answeredDerivative };
  const logLambdaAnsweredWaiting =
    logLambda + logIntegralOfExpConcave(answeredIntegrand, 0, Infinity);
  const logLambdaAnsweredWithin = logLambda + logIntegralOfExpConcave(answeredIntegrand, 0, t);
  const logLambdaAnsweredWaitSum =
    logLambda + logIntegralOfExpConcave({ ...answeredIntegrand, weight: (x) => x }, 0, Infinity);

  const logNormaliser = logSumExp(logE, logLambdaJ);
  const logAnswered = logSumExp(logE, logLambdaAnsweredWaiting);
  const logAnsweredWithin = logSumExp(logE, logLambdaAnsweredWithin);
  const abandonment = clampProbability(Math.exp(logLambdaAbandoned - logNormaliser));
  return {
    ...base,
    probabilityOfWaiting: clampProbability(Math.exp(logLambdaJ - logNormaliser)),
    probabilityOfAbandonment: abandonment,
    answerRate: 1 - abandonment,
    answeredWithinRate: clampProbability(Math.exp(logAnsweredWithin - logAnswered)),
    serviceLevelOfOffered: clampProbability(Math.exp(logAnsweredWithin - logNormaliser)),
    averageSpeedOfAnswerSeconds: Math.exp(logLambdaAnsweredWaitSum - logAnswered),
    averageQueueLength: (lambda * abandonment) / theta,
    occupancy: Math.min(1, (lambda * (1 - abandonment)) / serviceRate),
  };
}

/** λH(x) − nμx and its derivative; λH(x) = (λ/θ)(1 − e^{−θx}) via expm1 so tiny θ loses nothing. */
function waitingExponent(
  lambda: number,
  theta: number,
  serviceRate: number,
): { exponent: (x: number) => number; derivative: (x: number) => number } {
  const patienceScale = lambda / theta; // λ/θ
  return {
    exponent: (x) => -patienceScale * Math.expm1(-theta * x) - serviceRate * x,
    derivative: (x) => lambda * Math.exp(-theta * x) - serviceRate,
  };
}

/** λJ and λ·∫(1 − e^{−θx})·exp(λH(x) − nμx)dx, as logarithms (see the header). */
function logWaitingAndAbandoned(
  lambda: number,
  theta: number,
  serviceRate: number,
): { logLambdaJ: number; logLambdaAbandoned: number } {
  const { exponent, derivative } = waitingExponent(lambda, theta, serviceRate);
  const logLambda = Math.log(lambda);
  return {
    logLambdaJ: logLambda + logIntegralOfExpConcave({ exponent, derivative }, 0, Infinity),
    logLambdaAbandoned:
      logLambda +
      logIntegralOfExpConcave(
        { exponent, derivative, weight: (x) => -Math.expm1(-theta * x) },
        0,
        Infinity,
      ),
  };
}

export interface ErlangAAbandonmentCurveQuery {
  readonly arrivalRatePerSecond: number;
  readonly ahtSeconds: number;
  readonly meanPatienceSeconds: number;
  /** Stop after the first n whose P(abandon) is below this. */
  readonly stopBelow: number;
  /** …or at this many agents. */
  readonly maxAgents: number;
}

/**
 * P(abandon) with n = 0, 1, 2, … agents (the index is n), up to the first n below `stopBelow`
 * or `maxAgents`: how an interval's lost calls fall with its staffing, which the rota planner
 * linearises. Erlang B is carried up one agent at a time (as in requiredAgentsErlangA) and only
 * the two integrals that P(abandon) needs are evaluated.
 */
export function erlangAAbandonmentCurve(query: ErlangAAbandonmentCurveQuery): number[] {
  assertFiniteAtLeast('meanPatienceSeconds', query.meanPatienceSeconds, 0, true);
  assertCount('maxAgents', query.maxAgents);
  const lambda = query.arrivalRatePerSecond;
  const load = offeredLoad(lambda, query.ahtSeconds);
  if (load === 0) return [0];
  const theta = 1 / query.meanPatienceSeconds;
  const curve = [1];
  let logBlockingBelow = 0; // ln B(0, A)
  for (let agents = 1; agents <= query.maxAgents; agents++) {
    if (agents > 1) {
      logBlockingBelow = extendLogErlangB(agents - 2, logBlockingBelow, agents - 1, load);
    }
    const { logLambdaJ, logLambdaAbandoned } = logWaitingAndAbandoned(
      lambda,
      theta,
      agents / query.ahtSeconds,
    );
    const p = clampProbability(
      Math.exp(logLambdaAbandoned - logSumExp(-logBlockingBelow, logLambdaJ)),
    );
    curve.push(p);
    if (p < query.stopBelow) break;
  }
  return curve;
}

export interface ErlangAStaffingQuery {
  readonly arrivalRatePerSecond: number;
  readonly ahtSeconds: number;
  readonly meanPatienceSeconds: number;
  /** 话务接通率 target, e.g. 0.95. */
  readonly targetAnswerRate: number;
  /** t of the 10-second rate, e.g. 10. */
  readonly targetAnsweredWithinSeconds: number;
  /** 热线10秒接通率 target (answered within t ÷ answered), e.g. 0.80. */
  readonly targetAnsweredWithinRate: number;
  /** Optional cap on occupancy (carried load / n). */
  readonly maxOccupancy?: number;
  /** Give up above this many agents (default 10 000). */
  readonly maxAgents?: number;
}

export type ErlangATarget = 'answer-rate' | 'answered-within' | 'occupancy';

export interface ErlangAStaffing extends ErlangAPerformance {
  /** Targets that one agent fewer would miss (empty when n is the floor of the search). */
  readonly limitedBy: readonly ErlangATarget[];
}

/**
 * The smallest n meeting both centre targets (answer rate and answered-within-t ÷ answered),
 * and the occupancy cap if given. The scan starts at ⌊A·targetAnswerRate⌋: the carried load
 * A·(answer rate) is the mean number of busy agents, which cannot exceed n — so no smaller n
 * can meet the answer-rate target, and the scan needs no monotonicity assumption.
 */
export function requiredAgentsErlangA(query: ErlangAStaffingQuery): ErlangAStaffing {
  validateQuery({ ...query, answeredWithinSeconds: query.targetAnsweredWithinSeconds });
  assertRatio('targetAnswerRate', query.targetAnswerRate);
  assertRatio('targetAnsweredWithinRate', query.targetAnsweredWithinRate);
  if (query.maxOccupancy !== undefined) {
    assertFiniteAtLeast('maxOccupancy', query.maxOccupancy, 0, true);
  }
  const maxAgents = query.maxAgents ?? 10_000;
  const load = offeredLoad(query.arrivalRatePerSecond, query.ahtSeconds);
  const at = (agents: number, logBlockingBelow: number): ErlangAPerformance =>
    performanceGivenLogBlocking(
      { ...query, agents, answeredWithinSeconds: query.targetAnsweredWithinSeconds },
      load,
      logBlockingBelow,
    );
  if (load === 0) return { ...at(0, 0), limitedBy: [] };

  const floor = Math.max(1, Math.floor(load * query.targetAnswerRate));
  let logBlockingBelow = logErlangB(floor - 1, load);
  let previousMisses: ErlangATarget[] = [];
  for (let agents = floor; agents <= maxAgents; agents++) {
    if (agents > floor) {
      logBlockingBelow = extendLogErlangB(agents - 2, logBlockingBelow, agents - 1, load);
    }
    const performance = at(agents, logBlockingBelow);
    const misses = missedTargets(performance, query);
    if (misses.length === 0) return { ...performance, limitedBy: previousMisses };
    previousMisses = misses;
  }
  throw new StaffingError(
    StaffingErrorCode.TargetUnreachable,
    `no staffing up to ${maxAgents} agents meets the targets at ${load.toFixed(1)} Erlangs`,
  );
}

function missedTargets(
  performance: ErlangAPerformance,
  query: ErlangAStaffingQuery,
): ErlangATarget[] {
  const misses: ErlangATarget[] = [];
  if (performance.answerRate < query.targetAnswerRate) misses.push('answer-rate');
  if (performance.answeredWithinRate < query.targetAnsweredWithinRate)
    misses.push('answered-within');
  if (query.maxOccupancy !== undefined && performance.occupancy > query.maxOccupancy) {
    misses.push('occupancy');
  }
  return misses;
}

function logSumExp(a: number, b: number): number {
  const high = Math.max(a, b);
  if (high === -Infinity) return -Infinity;
  return high + Math.log(Math.exp(a - high) + Math.exp(b - high));
}

function clampProbability(p: number): number {
  return Math.min(1, Math.max(0, p));
}
