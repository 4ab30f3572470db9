import {
  addLocalDays,
  addLocalMonths,
  fromLocal,
  startOfMonth,
  startOfWeek,
  toLocal,
} from '@hotline/storage';

/** "HH:mm" local. */
export type LocalTime = string;

function hm(time: LocalTime): [number, number] {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`time must be HH:mm, got "${time}"`);
  return [Number(match[1]), Number(match[2])];
}

/**
 * Next run strictly after `now` on the given ISO weekday (1 = Monday … 3 = Wednesday) at
 * local time, in the configured zone.
 */
export function nextWeeklyRun(
  now: number,
  timeZone: string,
  isoWeekday: number,
  time: LocalTime,
): number {
  const [h, m] = hm(time);
  const local = toLocal(now, timeZone);
  const todayAt = fromLocal(timeZone, local.year, local.month, local.day, h, m);
  const days = (isoWeekday - local.isoWeekday + 7) % 7;
  let candidate = addLocalDays(todayAt, days, timeZone);
  if (candidate <= now) candidate = addLocalDays(candidate, 7, timeZone);
  return candidate;
}

/** Next run strictly after `now` on the given day of the month at local time. */
export function nextMonthlyRun(
  now: number,
  timeZone: string,
  dayOfMonth: number,
  time: LocalTime,
): number {
  const [h, m] = hm(time);
  const local = toLocal(now, timeZone);
  let candidate = fromLocal(timeZone, local.year, local.month, dayOfMonth, h, m);
  if (candidate <= now) {
    const next = addLocalMonths(fromLocal(timeZone, local.year, local.month, 1), 1, timeZone);
    const n = toLocal(next, timeZone);
    candidate = fromLocal(timeZone, n.year, n.month, dayOfMonth, h, m);
  }
  return candidate;
}

/** Next run strictly after `now` every day at local time. */
export function nextDailyRun(now: number, timeZone: string, time: LocalTime): number {
  const [h, m] = hm(time);
  const local = toLocal(now, timeZone);
  const todayAt = fromLocal(timeZone, local.year, local.month, local.day, h, m);
  return todayAt > now ? todayAt : addLocalDays(todayAt, 1, timeZone);
}

/** The Monday-to-Sunday week before the one containing `at`: [from, to). */
export function previousWeek(at: number, timeZone: string): { from: number; to: number } {
  const thisWeek = startOfWeek(at, timeZone);
  return { from: addLocalDays(thisWeek, -7, timeZone), to: thisWeek };
}

/** The month before the one containing `at`: [from, to). */
export function previousMonth(at: number, timeZone: string): { from: number; to: number } {
  const thisMonth = startOfMonth(at, timeZone);
  return { from: addLocalMonths(thisMonth, -1, timeZone), to: thisMonth };
}
