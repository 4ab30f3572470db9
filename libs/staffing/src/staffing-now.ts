import {
  ADVISOR_INTERVAL_MS,
  ADVISOR_INTERVAL_SECONDS,
  ADVISOR_INTERVALS_PER_HOUR,
  type LiveStaffingFigures,
} from './advisor-inputs';
import type { HandleTime, PatienceUsed, StaffingNow } from './advisor-views';
import type { CentreTargets } from './centre-targets';
import { staffInterval } from './interval-staffing';

export interface StaffingNowQuery {
  readonly figures: Pick<LiveStaffingFigures, 'at' | 'periods' | 'agentCounts'>;
  /** Start of the current advisor interval (advisorIntervalStart). */
  readonly intervalStart: number;
  readonly handleTime: HandleTime;
  readonly patience: PatienceUsed;
  readonly targets: CentreTargets;
  /** Agents the rota puts on this interval (scheduledAgents). */
  readonly scheduled: number;
}

/**
 * Needed versus on duty for the current interval: λ from the calls offered in the last 15
 * minutes, Erlang A with the patience of the sliding window (hours of calls, not this
 * interval's few abandons), Erlang C beside it.
 */
export function staffingNow(query: StaffingNowQuery): StaffingNow {
  const { figures, intervalStart, handleTime, patience, targets } = query;
  const { offered, answered } = figures.periods.centre.last15m;
  const onDuty = figures.agentCounts.onDuty;
  const staffing = staffInterval({
    offered,
    answered,
    ahtSeconds: handleTime.seconds,
    // No abandons handed in: staffInterval then uses the window's patience given as default.
    abandoned: 0,
    totalWaitSeconds: 0,
    agentsOnDuty: onDuty,
    intervalSeconds: ADVISOR_INTERVAL_SECONDS,
    targets,
    defaultMeanPatienceSeconds: patience.meanPatienceSeconds,
  });
  const neededNow = staffing.requiredErlangA;
  return {
    at: figures.at,
    intervalStart,
    intervalEnd: intervalStart + ADVISOR_INTERVAL_MS,
    neededNow,
    onDuty,
    gap: neededNow - onDuty,
    offeredLoad: staffing.offeredLoadErlangs,
    arrivalsPerHour: offered * ADVISOR_INTERVALS_PER_HOUR,
    scheduled: query.scheduled,
    handleTime,
    patience,
    targets,
    erlangA: {
      agents: neededNow,
      limitedBy: staffing.limitedByErlangA,
      answerRateWithOnDuty: staffing.predictedErlangA.answerRate,
      answeredWithinRateWithOnDuty: staffing.predictedErlangA.answeredWithinRate,
      averageSpeedOfAnswerSecondsWithOnDuty: staffing.predictedErlangA.averageSpeedOfAnswerSeconds,
    },
    erlangC: {
      agents: staffing.requiredErlangC,
      serviceLevelWithOnDuty: staffing.predictedErlangC.serviceLevel,
    },
  };
}

/**
 * What staffingNow depends on, as a string: equal keys give equal answers (bar `at`), so a
 * caller may reuse the last answer on every push tick.
 */
export function staffingNowKey(query: StaffingNowQuery): string {
  const { offered, answered } = query.figures.periods.centre.last15m;
  return [
    query.intervalStart,
    offered,
    answered,
    query.figures.agentCounts.onDuty,
    query.handleTime.seconds,
    query.patience.meanPatienceSeconds,
  ].join('|');
}
