import { startOfDay, startOfMonth, startOfWeek } from '@hotline/calendar';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * A simulated window of `hours` that a restarted monitor's restore still reads: 09:00 local
 * of the latest day it is over (a busy morning) when restore reads that day (this month, or
 * this week when it began last month); else the `hours` up to a few minutes ago. Either way all
 * of it is in the past of the wall clock.
 */
export function simulatedWindow(
  now: number,
  timeZone: string,
  hours: number,
): { start: number; busy: boolean } {
  const today = startOfDay(now, timeZone);
  const restoredFrom = Math.min(startOfMonth(now, timeZone), startOfWeek(now, timeZone));
  for (const day of [today, startOfDay(today - HOUR, timeZone)]) {
    const start = day + 9 * HOUR;
    if (start + hours * HOUR + 5 * MINUTE <= now && day >= restoredFrom)
      return { start, busy: true };
  }
  return { start: now - hours * HOUR - 5 * MINUTE, busy: false };
}

/** The snapshot period at `now` that holds everything since `start`. */
export function periodHolding(
  start: number,
  now: number,
  timeZone: string,
): 'today' | 'week' | 'month' {
  if (startOfDay(start, timeZone) === startOfDay(now, timeZone)) return 'today';
  return startOfMonth(start, timeZone) === startOfMonth(now, timeZone) ? 'month' : 'week';
}
