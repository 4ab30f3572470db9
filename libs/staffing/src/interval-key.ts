import { StaffingError, StaffingErrorCode } from './staffing-error';

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

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The local interval an instant belongs to, via Intl (so DST zones work, not only UTC+8).
 * `intervalMinutes` must divide a day (15 by default).
 */
export function intervalKey(
  epochMs: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  intervalMinutes = 15,
): IntervalKey {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(part('hour')) % 24; // some engines print midnight as 24
  const minuteOfDayExact = hour * 60 + Number(part('minute'));
  const slot = Math.floor(minuteOfDayExact / intervalMinutes);
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  const msIntoMinute = (((epochMs % 60_000) + 60_000) % 60_000) | 0; // zone offsets are whole minutes
  const msIntoInterval = (minuteOfDayExact - slot * intervalMinutes) * 60_000 + msIntoMinute;
  return {
    date,
    weekday: isoWeekday(date),
    minuteOfDay: slot * intervalMinutes,
    slot,
    msIntoInterval,
  };
}

/** ISO weekday of a 'YYYY-MM-DD' calendar date (1 = Monday). */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The calendar date `days` after 'YYYY-MM-DD' (negative goes back). */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch (error) {
      throw new StaffingError(
        StaffingErrorCode.UnknownTimeZone,
        `unknown time zone "${timeZone}": ${(error as Error).message}`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
