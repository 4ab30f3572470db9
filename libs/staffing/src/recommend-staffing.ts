import { CENTRE_TARGETS, CentreTargets, DEFAULT_MEAN_PATIENCE_SECONDS } from './centre-targets';
import { ErlangAPerformance, erlangAPerformance, requiredAgentsErlangA } from './erlang-a';
import { requiredAgentsErlangC } from './erlang-c';
import { assertFiniteAtLeast } from './staffing-error';

/** Expected demand in one coming interval. */
export interface StaffingDemand {
  readonly startMs: number;
  /** Expected calls in the interval (a forecast may be fractional). */
  readonly expectedCalls: number;
  readonly ahtSeconds: number;
  /** Overrides the query's patience for this interval. */
  readonly meanPatienceSeconds?: number;
}

export interface RecommendStaffingQuery {
  readonly intervals: readonly StaffingDemand[];
  /** Default 900. */
  readonly intervalSeconds?: number;
  readonly targets?: CentreTargets;
  /** 'erlang-a' (default) counts abandonment; 'erlang-c' assumes infinitely patient callers. */
  readonly model?: 'erlang-a' | 'erlang-c';
  readonly meanPatienceSeconds?: number;
  /** Seats on the floor (default 58): intervals needing more are flagged. */
  readonly seats?: number;
}

export interface RecommendedInterval {
  readonly startMs: number;
  readonly expectedCalls: number;
  readonly offeredLoadErlangs: number;
  /** Agents to have on duty (answering, not on break) for the targets. */
  readonly agents: number;
  /** Erlang A's prediction at `agents` (with the patience used). */
  readonly predicted: ErlangAPerformance;
  /** Agents beyond the seats available (0 when they fit). */
  readonly seatsShort: number;
}

/**
 * Agents needed per coming interval for the centre's targets. Meant for planners and for the
 * simulator check: run a scenario with `agents` and with `agents − 2` and compare the KPIs
 * measured with `predicted` (or erlangAPerformance at the smaller n).
 */
export function recommendStaffing(query: RecommendStaffingQuery): RecommendedInterval[] {
  const intervalSeconds = query.intervalSeconds ?? 900;
  const targets = query.targets ?? CENTRE_TARGETS;
  const seats = query.seats ?? 58;
  assertFiniteAtLeast('intervalSeconds', intervalSeconds, 0, true);
  return query.intervals.map((demand) => {
    assertFiniteAtLeast('expectedCalls', demand.expectedCalls, 0);
    const meanPatienceSeconds =
      demand.meanPatienceSeconds ?? query.meanPatienceSeconds ?? DEFAULT_MEAN_PATIENCE_SECONDS;
    const arrivalRatePerSecond = demand.expectedCalls / intervalSeconds;
    const common = { arrivalRatePerSecond, ahtSeconds: demand.ahtSeconds };
    const agents =
      query.model === 'erlang-c'
        ? requiredAgentsErlangC({
            ...common,
            targetSeconds: targets.answeredWithinSeconds,
            targetServiceLevel: targets.answeredWithinRate,
          }).agents
        : requiredAgentsErlangA({
            ...common,
            meanPatienceSeconds,
            targetAnswerRate: targets.answerRate,
            targetAnsweredWithinSeconds: targets.answeredWithinSeconds,
            targetAnsweredWithinRate: targets.answeredWithinRate,
          }).agents;
    const predicted = erlangAPerformance({
      ...common,
      agents,
      meanPatienceSeconds,
      answeredWithinSeconds: targets.answeredWithinSeconds,
    });
    return {
      startMs: demand.startMs,
      expectedCalls: demand.expectedCalls,
      offeredLoadErlangs: predicted.offeredLoadErlangs,
      agents,
      predicted,
      seatsShort: Math.max(0, agents - seats),
    };
  });
}
