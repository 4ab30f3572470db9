import { DAY_MS } from './durations';

/**
 * The one strict reader of the dates people type (the API's `from`, `to`, `weekStart`, a month;
 * `history.importFrom`, the import command's `--from`): a date that does not exist is refused
 * with the reason, never rolled over (`2026-02-30` is not 2 March) and never reinterpreted
 * (`Date.UTC` reads years 0–99 as 1900–1999). Only the calendar: instants in a time zone are
 * time-zone.ts's business.
 */

/** The years a date parameter may name: the epoch onwards, this century. */
export const FIRST_SUPPORTED_YEAR = 1970;
export const LAST_SUPPORTED_YEAR = 2099;

/** `day`: YYYY-MM-DD; `month`: YYYY-MM; `day-or-month`: either. */
export type CalendarDateForm = 'day' | 'month' | 'day-or-month';

export interface CalendarDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31; null when the text named a whole month. */
  readonly day: number | null;
}

/** A calendar date that names a day. */
export interface CalendarDay extends CalendarDate {
  readonly day: number;
}

export class CalendarDateError extends RangeError {
  readonly code = 'CALENDAR_ERR_DATE';
  constructor(message: string) {
    super(message);
    this.name = 'CalendarDateError';
  }
}

const FORMAT: Record<CalendarDateForm, { pattern: RegExp; expected: string }> = {
  day: { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, expected: 'must be YYYY-MM-DD' },
  month: { pattern: /^(\d{4})-(\d{2})$/, expected: 'must be YYYY-MM' },
  'day-or-month': {
    pattern: /^(\d{4})-(\d{2})(?:-(\d{2}))?$/,
    expected: 'must be YYYY-MM-DD (or YYYY-MM)',
  },
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Days in a month (1–12) of a supported year. */
export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type Reading = { readonly date: CalendarDate } | { readonly problem: string };

function read(text: unknown, form: CalendarDateForm): Reading {
  const { pattern, expected } = FORMAT[form];
  const match = typeof text === 'string' ? pattern.exec(text) : null;
  if (!match) return { problem: expected };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR)
    return {
      problem: `year ${match[1]} is outside the supported ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR}`,
    };
  if (month < 1 || month > 12) return { problem: `month ${match[2]} does not exist (01–12)` };
  if (day !== null) {
    const last = daysInMonth(year, month);
    if (day < 1 || day > last)
      return {
        problem: `${String(text)} does not exist: ${MONTH_NAMES[month - 1]} ${year} has ${last} days`,
      };
  }
  return { date: { year, month, day } };
}

/** Why `text` is not a date of the given form, or null when it is one. */
export function calendarDateProblem(text: unknown, form: CalendarDateForm): string | null {
  const reading = read(text, form);
  return 'problem' in reading ? reading.problem : null;
}

/** Reads a date of the given form; throws CalendarDateError saying what is wrong. */
export function parseCalendarDate(text: string, form: CalendarDateForm): CalendarDate {
  const reading = read(text, form);
  if ('problem' in reading) throw new CalendarDateError(`${text}: ${reading.problem}`);
  return reading.date;
}

/** "YYYY-MM-DD" (or "YYYY-MM" for a whole month). */
export function formatCalendarDate(date: CalendarDate): string {
  const month = `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}`;
  return date.day === null ? month : `${month}-${String(date.day).padStart(2, '0')}`;
}

/** The calendar day `days` after (or before) a day; no time zone involved. */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDay {
  // Date.UTC is only used on years it reads literally (the supported range is ≥ 1970).
  const d = new Date(Date.UTC(date.year, date.month - 1, (date.day ?? 1) + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  const utc = (d: CalendarDate) => Date.UTC(d.year, d.month - 1, d.day ?? 1);
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** ISO weekday of a day (1 = Monday … 7 = Sunday; the centre's weeks start on Monday). */
export function isoWeekdayOf(date: CalendarDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day ?? 1)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The Monday starting the week of a day. */
export function mondayOf(date: CalendarDate): CalendarDay {
  return addCalendarDays(date, 1 - isoWeekdayOf(date));
}

/** The 'YYYY-MM-DD' day `days` after (or before) a 'YYYY-MM-DD' day. */
export function addDaysToDayKey(dayKey: string, days: number): string {
  return formatCalendarDate(addCalendarDays(parseCalendarDate(dayKey, 'day'), days));
}
