import { ZonedCalendar } from '@hotline/kpi';

/**
 * `history.importFrom`: from when the monitor imports the PBX's ledger on a first start —
 * `month` (the start of the current month, the default), `today`, an ISO date (`2026-11-01`,
 * local midnight in the KPI time zone), or `none`.
 */
export type ImportFrom = 'month' | 'today' | 'none' | { readonly date: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses the setting; a reason (for the config error) when it is not one. */
export function parseImportFrom(text: string): ImportFrom | { readonly error: string } {
  if (text === 'month' || text === 'today' || text === 'none') return text;
  const match = ISO_DATE.exec(text);
  if (!match) return { error: 'must be "month", "today", "none" or a date YYYY-MM-DD' };
  const [year, month, day] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    return { error: `${text} is not a calendar date` };
  return { date: text };
}

/** Local midnight of a YYYY-MM-DD date in the zone (epoch ms). */
export function localDateStart(date: string, timeZone: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  const [year, month, day] = match.slice(1).map(Number);
  return new ZonedCalendar(timeZone).epochOf(year, month, day);
}

/** The instant `importFrom` means at `now` (undefined for `none`). */
export function importStart(from: ImportFrom, now: number, timeZone: string): number | undefined {
  if (from === 'none') return undefined;
  const calendar = new ZonedCalendar(timeZone);
  if (from === 'month') return calendar.monthOf(now).from;
  if (from === 'today') return calendar.dayOf(now).from;
  return localDateStart(from.date, timeZone);
}
