import {
  TimeZone,
  addLocalDays,
  addLocalMonths,
  clockTimeMinutes,
  startOfMonth,
  startOfWeek,
} from '@hotline/calendar';

/** "HH:mm" local. */
export type LocalTime = string;

function minutesOf(time: LocalTime): number {
  const minutes = clockTimeMinutes(time);
  if (minutes === undefined) throw new RangeError(`time must be HH:mm, got "${time}"`);
  return minutes;
}

/** The instant of `time` on the local day `day` of a month (in the zone). */
function atLocal(zone: TimeZone, year: number, month: number, day: number, time: LocalTime) {
  const minutes = minutesOf(time);
  return zone.epochOf(year, month, day, Math.floor(minutes / 60), minutes % 60);
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
  const zone = TimeZone.of(timeZone);
  const local = zone.local(now);
  const todayAt = atLocal(zone, local.year, local.month, local.day, time);
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
  const zone = TimeZone.of(timeZone);
  const local = zone.local(now);
  let candidate = atLocal(zone, local.year, local.month, dayOfMonth, time);
  if (candidate <= now) {
    const [year, month] = local.month === 12 ? [local.year + 1, 1] : [local.year, local.month + 1];
    candidate = atLocal(zone, year, month, dayOfMonth, time);
  }
  return candidate;
}

/** Next run strictly after `now` every day at local time. */
export function nextDailyRun(now: number, timeZone: string, time: LocalTime): number {
  const zone = TimeZone.of(timeZone);
  const local = zone.local(now);
  const todayAt = atLocal(zone, local.year, local.month, local.day, time);
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
