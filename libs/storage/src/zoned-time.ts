import { type CalendarDate, parseCalendarDate } from './calendar-date';

/**
 * Calendar arithmetic in a configured IANA time zone with nothing but Intl (no tz library):
 * the hotline's days, weeks (Monday first) and months are local to the centre (Asia/Shanghai
 * by default), whatever zone the server runs in.
 */
export interface LocalDateTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  readonly isoWeekday: number;
}

export const FIFTEEN_MINUTES_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for an unknown zone: call it when validating config. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

export function toLocal(epochMs: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = parts as Record<
    'year' | 'month' | 'day' | 'hour' | 'minute' | 'second',
    number
  >;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour, minute, second, isoWeekday: weekday === 0 ? 7 : weekday };
}

function offsetMs(epochMs: number, timeZone: string): number {
  const l = toLocal(epochMs, timeZone);
  return (
    Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) -
    (epochMs - (((epochMs % 1000) + 1000) % 1000))
  );
}

/**
 * The epoch of a local wall-clock time. Two passes settle DST transitions; a wall time that
 * does not exist (spring forward) resolves to the instant after the gap.
 */
export function fromLocal(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = asUtc - offsetMs(asUtc, timeZone);
  guess = asUtc - offsetMs(guess, timeZone);
  return guess;
}

export function startOfDay(epochMs: number, timeZone: string): number {
  const l = toLocal(epochMs, timeZone);
  return fromLocal(timeZone, l.year, l.month, l.day);
}

export function addLocalDays(epochMs: number, days: number, timeZone: string): number {
  const l = toLocal(epochMs, timeZone);
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day + days));
  return fromLocal(
    timeZone,
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    l.hour,
    l.minute,
    l.second,
  );
}

/** Monday 00:00 local of the week containing the instant. */
export function startOfWeek(epochMs: number, timeZone: string): number {
  const l = toLocal(epochMs, timeZone);
  return addLocalDays(fromLocal(timeZone, l.year, l.month, l.day), 1 - l.isoWeekday, timeZone);
}

export function startOfMonth(epochMs: number, timeZone: string): number {
  const l = toLocal(epochMs, timeZone);
  return fromLocal(timeZone, l.year, l.month, 1);
}

export function addLocalMonths(epochMs: number, months: number, timeZone: string): number {
  const l = toLocal(epochMs, timeZone);
  const index = l.year * 12 + (l.month - 1) + months;
  return fromLocal(
    timeZone,
    Math.floor(index / 12),
    (index % 12) + 1,
    l.day,
    l.hour,
    l.minute,
    l.second,
  );
}

/**
 * 15-minute interval start. Every zone in use today is offset by a multiple of 15 minutes
 * from UTC, so local quarter hours coincide with UTC quarter hours.
 */
export function intervalStart(epochMs: number): number {
  return epochMs - (((epochMs % FIFTEEN_MINUTES_MS) + FIFTEEN_MINUTES_MS) % FIFTEEN_MINUTES_MS);
}

/** "YYYY-MM" of the local month containing the instant. */
export function monthKey(epochMs: number, timeZone: string): string {
  const l = toLocal(epochMs, timeZone);
  return `${l.year}-${String(l.month).padStart(2, '0')}`;
}

/** "YYYY-MM-DD" local. */
export function dayKey(epochMs: number, timeZone: string): string {
  const l = toLocal(epochMs, timeZone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/** "YYYY-MM-DD HH:mm" local. */
export function minuteKey(epochMs: number, timeZone: string): string {
  const l = toLocal(epochMs, timeZone);
  return `${dayKey(epochMs, timeZone)} ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
}

/**
 * Parses "YYYY-MM-DD" as local midnight, "YYYY-MM" as the first of the month; a date that does
 * not exist throws CalendarDateError (a RangeError) instead of rolling over.
 */
export function parseLocalDate(text: string, timeZone: string): number {
  return startOfCalendarDate(parseCalendarDate(text, 'day-or-month'), timeZone);
}

/** Local midnight starting a calendar day (the 1st for a whole month). */
export function startOfCalendarDate(date: CalendarDate, timeZone: string): number {
  return fromLocal(timeZone, date.year, date.month, date.day ?? 1);
}

export function monthStartFromKey(key: string, timeZone: string): number {
  return parseLocalDate(key, timeZone);
}

export { DAY_MS };
