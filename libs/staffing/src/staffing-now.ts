import { answerRate, answeredIn10sRate } from '@hotline/kpi';
import {
  ADVISOR_INTERVAL_MS,
  ADVISOR_INTERVAL_SECONDS,
  ADVISOR_INTERVALS_PER_HOUR,
  finishedIntervals,
  type LiveIntervalPoint,
  type LiveStaffingFigures,
} from './advisor-inputs';
import type { HandleTime, IntervalForecastNote, PatienceUsed, StaffingNow } from './advisor-views';
import type { CentreTargets } from './centre-targets';
import type { FloorCapacity } from './floor-capacity';
import { staffInterval } from './interval-staffing';
import { type FinishedInterval, missedTargets, staffingVerdict } from './staffing-verdict';

export interface StaffingNowQuery {
  readonly figures: Pick<LiveStaffingFigures, 'at' | 'coverage' | 'periods' | 'intervals'>;
  /** Where the agents on duty are now (floorCapacity). */
  readonly floor: FloorCapacity;
  /** Start of the current advisor interval (advisorIntervalStart). */
  readonly intervalStart: number;
  readonly handleTime: HandleTime;
  readonly patience: PatienceUsed;
  readonly targets: CentreTargets;
  /** Agents the rota puts on this interval (scheduledAgents). */
  readonly scheduled: number;
  /** The forecasts made for this interval and the last when each began (null: none made). */
  readonly forecasts: {
    readonly current: IntervalForecastNote | null;
    readonly last: IntervalForecastNote | null;
  };
}

/**
 * Needed versus answering for the current interval: λ from the calls offered in the last 15
 * minutes, handle time talk + after-call work, Erlang A with the patience of the sliding window
 * (hours of calls, not this interval's few abandons), Erlang C beside it. The agents needed are
 * compared with the agents answering (可接 + 话后: paused agents take no calls); the status is
 * never 'spare' while the last finished interval missed a target, and then names its causes.
 */
export function staffingNow(query: StaffingNowQuery): StaffingNow {
  const { figures, floor, intervalStart, handleTime, patience, targets } = query;
  const { offered, answered } = figures.periods.centre.last15m;
  const staffing = staffFor(query, offered, answered, handleTime.seconds, floor.answering);
  const neededNow = staffing.requiredErlangA;
  const gap = neededNow - floor.answering;
  const lastInterval = finishedInterval(query);
  const verdict = staffingVerdict({ gap, floor, last: lastInterval });
  return {
    at: figures.at,
    intervalStart,
    intervalEnd: intervalStart + ADVISOR_INTERVAL_MS,
    neededNow,
    onDuty: floor.onDuty,
    floor,
    gap,
    status: verdict.status,
    causes: verdict.causes,
    lastInterval,
    forecast: query.forecasts.current,
    offeredLoad: staffing.offeredLoadErlangs,
    arrivalsPerHour: offered * ADVISOR_INTERVALS_PER_HOUR,
    scheduled: query.scheduled,
    handleTime,
    patience,
    targets,
    erlangA: {
      agents: neededNow,
      limitedBy: staffing.limitedByErlangA,
      answerRateWithAnswering: staffing.predictedErlangA.answerRate,
      answeredWithinRateWithAnswering: staffing.predictedErlangA.answeredWithinRate,
      averageSpeedOfAnswerSecondsWithAnswering:
        staffing.predictedErlangA.averageSpeedOfAnswerSeconds,
    },
    erlangC: {
      agents: staffing.requiredErlangC,
      serviceLevelWithAnswering: staffing.predictedErlangC.serviceLevel,
    },
  };
}

/** One interval's calls staffed with the window's patience (no abandons of its own handed in). */
function staffFor(
  query: StaffingNowQuery,
  offered: number,
  answered: number,
  ahtSeconds: number,
  agents: number,
) {
  return staffInterval({
    offered,
    answered,
    ahtSeconds,
    // No abandons handed in: staffInterval then uses the window's patience given as default.
    abandoned: 0,
    totalWaitSeconds: 0,
    agentsOnDuty: agents,
    intervalSeconds: ADVISOR_INTERVAL_SECONDS,
    targets: query.targets,
    defaultMeanPatienceSeconds: query.patience.meanPatienceSeconds,
  });
}

/** The interval just before the current one, when today's figures hold all its calls. */
function lastPoint(
  query: Pick<StaffingNowQuery, 'figures' | 'intervalStart'>,
): LiveIntervalPoint | undefined {
  return finishedIntervals(query.figures).find((p) => p.to === query.intervalStart);
}

function finishedInterval(query: StaffingNowQuery): FinishedInterval | null {
  const point = lastPoint(query);
  if (point === undefined) return null;
  const { handleTime, floor } = query;
  const needed = (ahtSeconds: number) =>
    staffFor(query, point.offered, point.answered, ahtSeconds, floor.answering).requiredErlangA;
  return {
    from: point.from,
    to: point.to,
    offered: point.offered,
    answered: point.answered,
    answeredWithin10s: point.answeredWithin10s,
    answerRate: answerRate(point),
    answeredWithinRate: answeredIn10sRate(point),
    missed: missedTargets(point, query.targets),
    expectedCalls: query.forecasts.last?.expectedCalls ?? null,
    needed: needed(handleTime.seconds),
    neededWithoutAfterCallWork: needed(handleTime.talkSeconds),
  };
}

/**
 * What staffingNow depends on, as a string: equal keys give equal answers (bar `at`), so a
 * caller may reuse the last answer on every push tick.
 */
export function staffingNowKey(query: StaffingNowQuery): string {
  const { offered, answered } = query.figures.periods.centre.last15m;
  const last = lastPoint(query);
  return [
    query.intervalStart,
    offered,
    answered,
    JSON.stringify(query.floor),
    query.handleTime.seconds,
    query.handleTime.talkSeconds,
    query.patience.meanPatienceSeconds,
    JSON.stringify(query.forecasts),
    last ? [last.offered, last.answered, last.answeredWithin10s].join(',') : '-',
  ].join('|');
}
