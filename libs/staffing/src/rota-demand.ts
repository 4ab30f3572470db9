import { forecastArrivals, type IntervalCount } from './forecast';
import {
  type CalendarDate,
  DEFAULT_TIME_ZONE,
  calendarDateProblem,
  daysInMonth as daysInCalendarMonth,
  isoWeekdayOf,
  parseCalendarDate,
} from '@hotline/calendar';
import { SLOT_MINUTES, SLOTS_PER_DAY, SLOTS_PER_WEEK } from './rota-rules';
import { StaffingError, StaffingErrorCode, assertFiniteAtLeast } from './staffing-error';

/** What the planner plans for: a week of 15-minute slots, Monday 00:00 local first. */
export interface PlanningDemand {
  /** Expected calls per slot (672 of them). */
  readonly calls: readonly number[];
  /** Seconds an agent is busy per call: talk + after-call work. */
  readonly handleSeconds: number;
  /** Mean patience of the callers who wait (those who hang up at once are below). */
  readonly meanPatienceSeconds: number;
  /**
   * Share of callers who hang up within seconds whatever the staffing (the history's short
   * abandons ÷ offered): lost to every rota, so the answer rate cannot exceed 1 − this.
   * Default 0 (unknown).
   */
  readonly unavoidableLossShare?: number;
}

/** Relative weights of the hours of a day (24, local) and the days of a week (7, Monday first). */
export interface WeekShape {
  readonly hours: readonly number[];
  readonly weekdays: readonly number[];
}

export interface HistoryWeekQuery {
  readonly history: readonly IntervalCount[];
  /** Epoch ms of the local Monday 00:00 that starts the week to plan. */
  readonly weekStartMs: number;
  /** Same weekday and slot over this many past weeks. */
  readonly weeks: number;
  readonly timeZone?: string;
}

export interface HistoryWeek {
  readonly calls: readonly number[];
  /** Slots that had at least one past week behind them. */
  readonly slotsWithHistory: number;
  /** Most past weeks behind any slot. */
  readonly weeksUsed: number;
}

/**
 * Calls per slot of the coming week from the same weekday and slot of the past weeks
 * (forecastArrivals with no "today" yet: the week starts at the forecast's now).
 */
export function weekCallsFromHistory(query: HistoryWeekQuery): HistoryWeek {
  const forecast = forecastArrivals({
    history: query.history,
    nowMs: query.weekStartMs,
    horizonIntervals: SLOTS_PER_WEEK,
    weeks: query.weeks,
    timeZone: query.timeZone ?? DEFAULT_TIME_ZONE,
    intervalMinutes: SLOT_MINUTES,
  });
  const calls = new Array<number>(SLOTS_PER_WEEK).fill(0);
  let slotsWithHistory = 0;
  let weeksUsed = 0;
  for (const interval of forecast.intervals) {
    // Placed by local weekday and slot, so a DST day (23 or 25 h) cannot shift the week.
    const index = (interval.key.weekday - 1) * SLOTS_PER_DAY + interval.key.slot;
    calls[index] = interval.baseline;
    if (interval.weeksUsed > 0) slotsWithHistory++;
    weeksUsed = Math.max(weeksUsed, interval.weeksUsed);
  }
  return { calls, slotsWithHistory, weeksUsed };
}

export interface MonthlyVolumeQuery {
  /** Calls in the month (e.g. the evaluation's monthly table). */
  readonly monthCalls: number;
  /** 'YYYY-MM': which weekdays the month has, and how many of each. */
  readonly month: string;
  readonly shape: WeekShape;
}

/**
 * A typical week for a month's volume: each day of the month gets calls in proportion to its
 * weekday's weight, each hour its hour's weight, spread evenly over the hour's four slots.
 */
export function weekCallsFromMonthlyVolume(query: MonthlyVolumeQuery): number[] {
  assertFiniteAtLeast('monthCalls', query.monthCalls, 0);
  const { hours, weekdays } = query.shape;
  if (hours.length !== 24 || weekdays.length !== 7) {
    throw new StaffingError(StaffingErrorCode.InvalidInput, 'a week shape has 24 hours, 7 days');
  }
  const hourSum = hours.reduce((s, w) => s + w, 0);
  const counts = weekdayCounts(query.month);
  const monthWeight = counts.reduce((s, n, d) => s + n * weekdays[d], 0);
  if (!(hourSum > 0 && monthWeight > 0)) {
    throw new StaffingError(StaffingErrorCode.InvalidInput, 'a week shape needs positive weights');
  }
  const calls: number[] = [];
  for (let day = 0; day < 7; day++) {
    const dayCalls = (query.monthCalls * weekdays[day]) / monthWeight;
    for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
      const hour = Math.floor((slot * SLOT_MINUTES) / 60);
      calls.push((dayCalls * hours[hour]) / hourSum / (60 / SLOT_MINUTES));
    }
  }
  return calls;
}

/** How many Mondays … Sundays a month 'YYYY-MM' has (index 0 = Monday). */
export function weekdayCounts(month: string): number[] {
  const { year, month: m } = monthOf(month);
  const counts = new Array<number>(7).fill(0);
  for (let day = 1; day <= daysInCalendarMonth(year, m); day++) {
    counts[isoWeekdayOf({ year, month: m, day }) - 1]++;
  }
  return counts;
}

/** Days in a month 'YYYY-MM'. */
export function daysInMonth(month: string): number {
  const { year, month: m } = monthOf(month);
  return daysInCalendarMonth(year, m);
}

function monthOf(month: string): CalendarDate {
  const problem = calendarDateProblem(month, 'month');
  if (problem !== null) {
    throw new StaffingError(
      StaffingErrorCode.InvalidInput,
      `"${month}" is not a YYYY-MM month: ${problem}`,
    );
  }
  return parseCalendarDate(month, 'month');
}
