import {
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  calendarDateProblem,
  parseLocalDate,
  startOfDay,
  startOfMonth,
} from '@hotline/calendar';

/**
 * `history.importFrom`: from when the monitor imports the PBX's ledger on a first start —
 * `month` (the start of the current month, the default), `today`, an ISO date (`2026-11-01`,
 * local midnight in the KPI time zone), or `none`.
 */
export type ImportFrom = 'month' | 'today' | 'none' | { readonly date: string };

/** Parses the setting; a reason (for the config error) when it is not one. */
export function parseImportFrom(text: string): ImportFrom | { readonly error: string } {
  if (text === 'month' || text === 'today' || text === 'none') return text;
  // The calendar's strict reader: 2021-02-30 is refused, not rolled over to 2 March.
  const problem = calendarDateProblem(text, 'day');
  if (problem === null) return { date: text };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
    return { error: 'must be "month", "today", "none" or a date YYYY-MM-DD' };
  const year = Number(text.slice(0, 4));
  const supported = year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR;
  return { error: supported ? `${text} is not a calendar date` : problem };
}

/** The instant `importFrom` means at `now` (undefined for `none`). */
export function importStart(from: ImportFrom, now: number, timeZone: string): number | undefined {
  if (from === 'none') return undefined;
  if (from === 'month') return startOfMonth(now, timeZone);
  if (from === 'today') return startOfDay(now, timeZone);
  return parseLocalDate(from.date, timeZone);
}
