import {
  type CalendarDate,
  type CalendarDay,
  addCalendarDays,
  formatCalendarDate,
  mondayOf,
  parseCalendarDate,
} from './calendar-date';
import { pad2 } from './clock-time';
import { FIFTEEN_MINUTES_MS, MINUTE_MS } from './durations';
import { TimeZone } from './time-zone';

/**
 * The centre's days, weeks (Monday first) and months in its configured IANA zone (Asia/Shanghai
 * by default), whatever zone the server runs in. Every start is the period's first instant
 * (TimeZone.epochOf), so a day is 23 or 25 hours long on a DST change.
 */

/** The zone the hotline's periods are cut in unless `kpi.timeZone` says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The local calendar day of an instant. */
export function calendarDayOf(epochMs: number, timeZone: string): CalendarDay {
  const { year, month, day } = TimeZone.of(timeZone).local(epochMs);
  return { year, month, day };
}

/** Local midnight starting a calendar day (the 1st for a whole month). */
export function startOfCalendarDate(date: CalendarDate, timeZone: string): number {
  return TimeZone.of(timeZone).epochOf(date.year, date.month, date.day ?? 1);
}

export function startOfDay(epochMs: number, timeZone: string): number {
  return startOfCalendarDate(calendarDayOf(epochMs, timeZone), timeZone);
}

/** Monday 00:00 local of the week containing the instant. */
export function startOfWeek(epochMs: number, timeZone: string): number {
  return startOfCalendarDate(mondayOf(calendarDayOf(epochMs, timeZone)), timeZone);
}

export function startOfMonth(epochMs: number, timeZone: string): number {
  const zone = TimeZone.of(timeZone);
  const { year, month } = zone.local(epochMs);
  return zone.epochOf(year, month, 1);
}

/** The same local wall time `days` later (or earlier). */
export function addLocalDays(epochMs: number, days: number, timeZone: string): number {
  const zone = TimeZone.of(timeZone);
  const l = zone.local(epochMs);
  const d = addCalendarDays(l, days);
  return zone.epochOf(d.year, d.month, d.day, l.hour, l.minute, l.second);
}

/** The same local day of the month and wall time `months` later (or earlier). */
export function addLocalMonths(epochMs: number, months: number, timeZone: string): number {
  const zone = TimeZone.of(timeZone);
  const l = zone.local(epochMs);
  const index = l.year * 12 + (l.month - 1) + months;
  return zone.epochOf(Math.floor(index / 12), (index % 12) + 1, l.day, l.hour, l.minute, l.second);
}

/**
 * Start of the 15-minute interval containing the instant. Every zone in use since 1972 is
 * offset from UTC by a whole multiple of 15 minutes, so local quarter hours are UTC quarter
 * hours: the rule needs no zone, and storage computes the same in SQL.
 */
export function intervalStart(epochMs: number): number {
  return epochMs - (((epochMs % FIFTEEN_MINUTES_MS) + FIFTEEN_MINUTES_MS) % FIFTEEN_MINUTES_MS);
}

/** "YYYY-MM" of the local month containing the instant. */
export function monthKey(epochMs: number, timeZone: string): string {
  const l = TimeZone.of(timeZone).local(epochMs);
  return formatCalendarDate({ year: l.year, month: l.month, day: null });
}

/** "YYYY-MM-DD" local. */
export function dayKey(epochMs: number, timeZone: string): string {
  return formatCalendarDate(calendarDayOf(epochMs, timeZone));
}

/** "YYYY-MM-DD HH:mm" local. */
export function minuteKey(epochMs: number, timeZone: string): string {
  const l = TimeZone.of(timeZone).local(epochMs);
  return `${formatCalendarDate(l)} ${pad2(l.hour)}:${pad2(l.minute)}`;
}

/** "YYYY-MM-DD HH:mm:ss" local (Asterisk's queue_log table, logs). */
export function localDateTimeText(epochMs: number, timeZone: string): string {
  const l = TimeZone.of(timeZone).local(epochMs);
  return `${formatCalendarDate(l)} ${pad2(l.hour)}:${pad2(l.minute)}:${pad2(l.second)}`;
}

/** "+08:00": the zone's offset from UTC at the instant. */
export function utcOffsetText(epochMs: number, timeZone: string): string {
  const minutes = Math.round(TimeZone.of(timeZone).offsetMs(epochMs) / MINUTE_MS);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad2(Math.floor(Math.abs(minutes) / 60))}:${pad2(Math.abs(minutes) % 60)}`;
}

/**
 * Parses "YYYY-MM-DD" as local midnight, "YYYY-MM" as the first of the month; a date that does
 * not exist throws CalendarDateError (a RangeError) instead of rolling over.
 */
export function parseLocalDate(text: string, timeZone: string): number {
  return startOfCalendarDate(parseCalendarDate(text, 'day-or-month'), timeZone);
}
