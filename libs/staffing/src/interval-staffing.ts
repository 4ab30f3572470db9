import { CENTRE_TARGETS, CentreTargets, DEFAULT_MEAN_PATIENCE_SECONDS } from './centre-targets';
import {
  ErlangAPerformance,
  type ErlangATarget,
  erlangAPerformance,
  requiredAgentsErlangA,
} from './erlang-a';
import { ErlangCPerformance, erlangCPerformance, requiredAgentsErlangC } from './erlang-c';
import { estimatePatience } from './patience';
import { assertCount, assertFiniteAtLeast } from './staffing-error';

export interface IntervalObservation {
  /** Calls that arrived in the interval (the centre's 话务量 for it). */
  readonly offered: number;
  readonly answered: number;
  readonly ahtSeconds: number;
  /** Callers who hung up while waiting. */
  readonly abandoned: number;
  /** Seconds waited by all callers who waited (answered, abandoned, exited): see estimatePatience. */
  readonly totalWaitSeconds: number;
  /** Agents logged in and on duty in the interval (出勤人工客服数量). */
  readonly agentsOnDuty: number;
  /** Default 900 (15 minutes). */
  readonly intervalSeconds?: number;
  readonly targets?: CentreTargets;
  /** Fewer abandons than this and patience falls back to `defaultMeanPatienceSeconds` (default 5). */
  readonly minAbandonsForPatience?: number;
  readonly defaultMeanPatienceSeconds?: number;
}

export interface IntervalStaffing {
  readonly intervalSeconds: number;
  readonly arrivalRatePerSecond: number;
  readonly offeredLoadErlangs: number;
  readonly agentsOnDuty: number;
  readonly meanPatienceSeconds: number;
  /** Whether patience was estimated from this interval or fell back to the default. */
  readonly patienceSource: 'estimated' | 'default';
  /** Observed answer rate (answered / offered); 1 when nothing was offered. */
  readonly observedAnswerRate: number;
  /** Erlang C: smallest n with P(W ≤ t) ≥ the 10-second target, ignoring abandonment. */
  readonly requiredErlangC: number;
  /** Erlang A: smallest n meeting both centre targets with the patience above. */
  readonly requiredErlangA: number;
  /** The targets one agent fewer than requiredErlangA would miss. */
  readonly limitedByErlangA: readonly ErlangATarget[];
  /** requiredErlangA − agentsOnDuty (negative = spare agents). */
  readonly shortfallErlangA: number;
  /** What Erlang A predicts with the agents actually on duty. */
  readonly predictedErlangA: ErlangAPerformance;
  /** What Erlang C predicts with the agents actually on duty. */
  readonly predictedErlangC: ErlangCPerformance;
}

/** Required versus actual staffing for one (15-minute) interval of history or live data. */
export function staffInterval(observation: IntervalObservation): IntervalStaffing {
  const intervalSeconds = observation.intervalSeconds ?? 900;
  const targets = observation.targets ?? CENTRE_TARGETS;
  assertFiniteAtLeast('intervalSeconds', intervalSeconds, 0, true);
  assertFiniteAtLeast('offered', observation.offered, 0);
  assertFiniteAtLeast('answered', observation.answered, 0);
  assertCount('agentsOnDuty', observation.agentsOnDuty);
  const patience = patienceFor(observation);
  const arrivalRatePerSecond = observation.offered / intervalSeconds;
  const { ahtSeconds, agentsOnDuty } = observation;
  const erlangA = requiredAgentsErlangA({
    arrivalRatePerSecond,
    ahtSeconds,
    meanPatienceSeconds: patience.meanPatienceSeconds,
    targetAnswerRate: targets.answerRate,
    targetAnsweredWithinSeconds: targets.answeredWithinSeconds,
    targetAnsweredWithinRate: targets.answeredWithinRate,
  });
  const erlangC = requiredAgentsErlangC({
    arrivalRatePerSecond,
    ahtSeconds,
    targetSeconds: targets.answeredWithinSeconds,
    targetServiceLevel: targets.answeredWithinRate,
  });
  return {
    intervalSeconds,
    arrivalRatePerSecond,
    offeredLoadErlangs: erlangA.offeredLoadErlangs,
    agentsOnDuty,
    meanPatienceSeconds: patience.meanPatienceSeconds,
    patienceSource: patience.source,
    observedAnswerRate: observation.offered === 0 ? 1 : observation.answered / observation.offered,
    requiredErlangC: erlangC.agents,
    requiredErlangA: erlangA.agents,
    limitedByErlangA: erlangA.limitedBy,
    shortfallErlangA: erlangA.agents - agentsOnDuty,
    predictedErlangA: erlangAPerformance({
      agents: agentsOnDuty,
      arrivalRatePerSecond,
      ahtSeconds,
      meanPatienceSeconds: patience.meanPatienceSeconds,
      answeredWithinSeconds: targets.answeredWithinSeconds,
    }),
    predictedErlangC: erlangCPerformance({
      agents: agentsOnDuty,
      arrivalRatePerSecond,
      ahtSeconds,
      targetSeconds: targets.answeredWithinSeconds,
    }),
  };
}

function patienceFor(observation: IntervalObservation): {
  meanPatienceSeconds: number;
  source: 'estimated' | 'default';
} {
  const fallback = observation.defaultMeanPatienceSeconds ?? DEFAULT_MEAN_PATIENCE_SECONDS;
  const minAbandons = observation.minAbandonsForPatience ?? 5;
  const estimate = estimatePatience(observation);
  // Too few abandons give a wild estimate; zero total wait gives mean patience 0 (a loss system).
  if (observation.abandoned < minAbandons || !(estimate.meanPatienceSeconds > 0)) {
    return { meanPatienceSeconds: fallback, source: 'default' };
  }
  return { meanPatienceSeconds: estimate.meanPatienceSeconds, source: 'estimated' };
}
