import { DAY_MS, formatClockTime } from '@hotline/calendar';
import {
  ADVISOR_INTERVAL_MINUTES,
  ADVISOR_INTERVAL_MS,
  ADVISOR_INTERVAL_SECONDS,
  ADVISOR_INTERVALS_PER_HOUR,
  finishedIntervals,
  type LiveStaffingFigures,
  round2,
  scheduledAgents,
} from './advisor-inputs';
import type {
  ForecastIntervalView,
  HandleTime,
  PatienceUsed,
  StaffingForecast,
} from './advisor-views';
import type { CentreTargets } from './centre-targets';
import { forecastArrivals, type IntervalCount } from './forecast';
import { recommendStaffing } from './recommend-staffing';
import type { RotaShift } from './rota-check';

export interface LiveForecastQuery {
  readonly figures: Pick<LiveStaffingFigures, 'at' | 'coverage' | 'intervals'>;
  /** Stored centre counts over forecastHistoryFrom(…) … now (storage lags the engine). */
  readonly stored: readonly IntervalCount[];
  readonly hours: number;
  /** Same weekday and interval over this many past weeks. */
  readonly weeks: number;
  readonly timeZone: string;
  readonly handleTime: HandleTime;
  readonly patience: PatienceUsed;
  readonly targets: CentreTargets;
  readonly seats: number;
  readonly rota: readonly RotaShift[];
}

/** From when the forecast reads stored history: `weeks` weeks and a day before `atMs`. */
export function forecastHistoryFrom(atMs: number, weeks: number): number {
  return atMs - (weeks * 7 + 1) * DAY_MS;
}

/**
 * The coming `hours` from the current interval: expected calls (same weekday and interval over
 * past weeks × today's deviation; with no usable history, today's recent level) and the agents
 * each needs (Erlang A; Erlang C beside it) against the rota. With no history and no finished
 * interval of today (a cold start) nothing is known to forecast from: method 'no-history' and
 * no intervals, rather than a forecast of 0 calls.
 */
export function liveForecast(query: LiveForecastQuery): StaffingForecast {
  const { figures, handleTime, patience } = query;
  const at = figures.at;
  const today = finishedIntervals(figures).map((p) => ({ startMs: p.from, count: p.offered }));
  // The engine's intervals of today are fresher than storage (which lags by its batch delay).
  const todayStarts = new Set(today.map((c) => c.startMs));
  const history = [...query.stored.filter((c) => !todayStarts.has(c.startMs)), ...today];
  const arrivals = forecastArrivals({
    history,
    nowMs: at,
    horizonIntervals: Math.round(query.hours * ADVISOR_INTERVALS_PER_HOUR),
    weeks: query.weeks,
    timeZone: query.timeZone,
    intervalMinutes: ADVISOR_INTERVAL_MINUTES,
  });
  const withHistory = arrivals.intervals.some((i) => i.weeksUsed > 0);
  if (!withHistory && today.length === 0) {
    return {
      at,
      hours: query.hours,
      method: 'no-history',
      todayRatio: 1,
      handleTime,
      patience,
      intervals: [],
    };
  }
  const level = recentLevel(today);
  const expected = arrivals.intervals.map((i) => (withHistory ? i.forecast : level));
  const common = {
    intervals: arrivals.intervals.map((interval, i) => ({
      startMs: interval.startMs,
      expectedCalls: expected[i],
      ahtSeconds: handleTime.seconds,
    })),
    intervalSeconds: ADVISOR_INTERVAL_SECONDS,
    targets: query.targets,
    meanPatienceSeconds: patience.meanPatienceSeconds,
    seats: query.seats,
  };
  const erlangA = recommendStaffing(common);
  const erlangC = recommendStaffing({ ...common, model: 'erlang-c' });
  const intervals = arrivals.intervals.map((interval, i): ForecastIntervalView => {
    const scheduled = scheduledAgents(query.rota, interval.startMs, query.timeZone);
    return {
      intervalStart: interval.startMs,
      intervalEnd: interval.startMs + ADVISOR_INTERVAL_MS,
      date: interval.key.date,
      time: formatClockTime(interval.key.minuteOfDay),
      expectedCalls: round2(expected[i]),
      baseline: round2(interval.baseline),
      weeksUsed: interval.weeksUsed,
      offeredLoad: round2(erlangA[i].offeredLoadErlangs),
      needed: erlangA[i].agents,
      neededErlangC: erlangC[i].agents,
      scheduled: round2(scheduled),
      gap: round2(erlangA[i].agents - scheduled),
      seatsShort: erlangA[i].seatsShort,
      predictedAnswerRate: erlangA[i].predicted.answerRate,
      predictedAnsweredWithinRate: erlangA[i].predicted.answeredWithinRate,
    };
  });
  return {
    at,
    hours: query.hours,
    method: withHistory ? 'history' : 'today-level',
    todayRatio: withHistory ? arrivals.todayRatio : 1,
    handleTime,
    patience,
    intervals,
  };
}

/** Today's recent level per interval: the mean of the last 4 finished intervals (at least one). */
export function recentLevel(today: readonly IntervalCount[]): number {
  const recent = today.slice(-4);
  return recent.reduce((s, c) => s + c.count, 0) / recent.length;
}
