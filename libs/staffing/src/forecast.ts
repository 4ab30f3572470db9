import {
  DEFAULT_TIME_ZONE,
  type IntervalKey,
  MINUTE_MS,
  addDaysToDayKey,
  intervalKey,
} from '@hotline/calendar';
import {
  StaffingError,
  StaffingErrorCode,
  assertCount,
  assertFiniteAtLeast,
} from './staffing-error';

/** Calls that arrived in one interval starting at `startMs` (epoch ms). */
export interface IntervalCount {
  readonly startMs: number;
  readonly count: number;
}

export interface ArrivalForecastQuery {
  /** Past intervals, including today's elapsed ones; order does not matter. */
  readonly history: readonly IntervalCount[];
  readonly nowMs: number;
  /** How many intervals to forecast, starting with the one containing `nowMs`. */
  readonly horizonIntervals: number;
  /** Same weekday & interval over this many past weeks (default 4). */
  readonly weeks?: number;
  /** 'mean' weighs the weeks equally; 'recent' weighs week k back by (weeks − k + 1). */
  readonly weighting?: 'mean' | 'recent';
  readonly timeZone?: string;
  readonly intervalMinutes?: number;
  /** Today's actual ÷ baseline is clamped into these bounds (default [0.5, 2]). */
  readonly ratioBounds?: readonly [number, number];
  /** Below this many baseline calls so far today the ratio is not trusted: it stays 1 (default 10). */
  readonly minBaselineForRatio?: number;
}

export interface IntervalForecast {
  readonly startMs: number;
  readonly key: IntervalKey;
  /** Weighted mean of the same weekday & interval in past weeks (0 with no history). */
  readonly baseline: number;
  /** How many past weeks had data for this interval. */
  readonly weeksUsed: number;
  /** baseline × today's ratio. */
  readonly forecast: number;
}

export interface ArrivalForecast {
  /** Today's actual ÷ baseline over today's elapsed intervals, clamped. */
  readonly todayRatio: number;
  readonly todayActual: number;
  readonly todayBaseline: number;
  readonly intervals: readonly IntervalForecast[];
}

/**
 * Arrivals per coming interval: the same weekday and local interval over the last N weeks
 * (calendar arithmetic on local dates, so a DST change does not shift the slot), scaled by how
 * busy today has been so far compared with the same baseline. The scaling follows the usual
 * intraday re-forecast of call centres: the day's shape comes from history, its level from today.
 */
export function forecastArrivals(query: ArrivalForecastQuery): ArrivalForecast {
  const weeks = query.weeks ?? 4;
  const timeZone = query.timeZone ?? DEFAULT_TIME_ZONE;
  const intervalMinutes = query.intervalMinutes ?? 15;
  const [low, high] = query.ratioBounds ?? [0.5, 2];
  const minBaseline = query.minBaselineForRatio ?? 10;
  assertCount('weeks', weeks);
  assertCount('horizonIntervals', query.horizonIntervals);
  assertFiniteAtLeast('intervalMinutes', intervalMinutes, 0, true);
  if (!(low > 0 && high >= low)) {
    throw new StaffingError(StaffingErrorCode.InvalidInput, `bad ratioBounds [${low}, ${high}]`);
  }
  const intervalMs = intervalMinutes * MINUTE_MS;
  const keyOf = (ms: number): IntervalKey => intervalKey(ms, timeZone, intervalMinutes);

  const counts = new Map<string, number>();
  for (const { startMs, count } of query.history) {
    const key = keyOf(startMs);
    const id = slotId(key.date, key.slot);
    counts.set(id, (counts.get(id) ?? 0) + count);
  }
  const weightOf = (weeksBack: number): number =>
    query.weighting === 'recent' ? weeks - weeksBack + 1 : 1;
  const baselineOf = (key: IntervalKey): { baseline: number; weeksUsed: number } => {
    let weighted = 0;
    let totalWeight = 0;
    let weeksUsed = 0;
    for (let back = 1; back <= weeks; back++) {
      const count = counts.get(slotId(addDaysToDayKey(key.date, -7 * back), key.slot));
      if (count === undefined) continue;
      weighted += weightOf(back) * count;
      totalWeight += weightOf(back);
      weeksUsed++;
    }
    return { baseline: totalWeight > 0 ? weighted / totalWeight : 0, weeksUsed };
  };

  const now = keyOf(query.nowMs);
  let todayActual = 0;
  let todayBaseline = 0;
  for (const { startMs, count } of query.history) {
    const key = keyOf(startMs);
    if (key.date !== now.date || startMs + intervalMs > query.nowMs) continue;
    todayActual += count;
    todayBaseline += baselineOf(key).baseline;
  }
  const rawRatio = todayBaseline >= minBaseline ? todayActual / todayBaseline : 1;
  const todayRatio = Math.min(high, Math.max(low, rawRatio));

  const currentStart = query.nowMs - now.msIntoInterval;
  const intervals: IntervalForecast[] = [];
  for (let i = 0; i < query.horizonIntervals; i++) {
    const startMs = currentStart + i * intervalMs;
    const key = keyOf(startMs);
    const { baseline, weeksUsed } = baselineOf(key);
    intervals.push({ startMs, key, baseline, weeksUsed, forecast: baseline * todayRatio });
  }
  return { todayRatio, todayActual, todayBaseline, intervals };
}

function slotId(date: string, slot: number): string {
  return `${date}#${slot}`;
}
