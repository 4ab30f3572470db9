import { formatCalendarDate } from './calendar-date';
import { INTERVAL_MINUTES, MINUTE_MS, SECOND_MS } from './durations';
import { TimeZone } from './time-zone';
import { DEFAULT_TIME_ZONE } from './zoned-time';

/** Where an instant falls on the local wall clock of a time zone, at interval resolution. */
export interface IntervalKey {
  /** Local calendar date, 'YYYY-MM-DD'. */
  readonly date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday (the centre's weeks start on Monday). */
  readonly weekday: number;
  /** Minutes after local midnight at which the interval starts. */
  readonly minuteOfDay: number;
  /** Index of the interval in the local day (0 … 95 for 15-minute intervals). */
  readonly slot: number;
  /** Milliseconds from the start of the interval to the instant. */
  readonly msIntoInterval: number;
}

/**
 * The local interval an instant belongs to (15 minutes by default; `intervalMinutes` must divide
 * a day). The slot counts wall-clock time, so a DST day has 92 or 100 slots' worth of instants
 * folded onto the 96 of the day.
 */
export function intervalKey(
  epochMs: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  intervalMinutes = INTERVAL_MINUTES,
): IntervalKey {
  const local = TimeZone.of(timeZone).local(epochMs);
  const minuteOfDayExact = local.hour * 60 + local.minute;
  const slot = Math.floor(minuteOfDayExact / intervalMinutes);
  const msIntoSecond = ((epochMs % SECOND_MS) + SECOND_MS) % SECOND_MS;
  return {
    date: formatCalendarDate(local),
    weekday: local.isoWeekday,
    minuteOfDay: slot * intervalMinutes,
    slot,
    msIntoInterval:
      (minuteOfDayExact - slot * intervalMinutes) * MINUTE_MS +
      local.second * SECOND_MS +
      msIntoSecond,
  };
}
