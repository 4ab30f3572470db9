import { z } from 'zod';
import {
  addCalendarDays,
  assertTimeZone,
  calendarDayOf,
  calendarDaysBetween,
  formatCalendarDate,
  parseCalendarDate,
  startOfCalendarDate,
} from '@hotline/calendar';
import { calendarDateParam, parseQuery, ReportQueryError } from './report-query';

/** At most this many days of alarm history in one request. */
export const ALARM_HISTORY_MAX_DAYS = 92;
export const ALARM_HISTORY_MAX_EVENTS = 10_000;

const alarmHistoryQuerySchema = z
  .object({
    from: calendarDateParam('day').optional(),
    to: calendarDateParam('day').optional(),
    limit: z.coerce.number().int().min(1).max(ALARM_HISTORY_MAX_EVENTS).default(1_000),
  })
  .strict();

export interface AlarmHistoryRequest {
  /** Local days, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit: number;
}

/**
 * Query of GET /api/v1/alarms/history: local days `from`..`to` (inclusive; both default to
 * today in `timeZone`) and `limit` events, newest first.
 */
export function parseAlarmHistoryQuery(
  raw: unknown,
  timeZone: string,
  now: number,
): AlarmHistoryRequest {
  assertTimeZone(timeZone);
  const query = parseQuery(alarmHistoryQuerySchema, raw, 'alarm history');
  const today = calendarDayOf(now, timeZone);
  const first = query.from ? parseCalendarDate(query.from, 'day') : today;
  const last = query.to ? parseCalendarDate(query.to, 'day') : query.from ? first : today;
  const days = calendarDaysBetween(first, last) + 1;
  const problem =
    days < 1
      ? 'to: must not be before from'
      : days > ALARM_HISTORY_MAX_DAYS
        ? `to: at most ${ALARM_HISTORY_MAX_DAYS} days from from`
        : null;
  if (problem) throw new ReportQueryError(`invalid alarm history query: ${problem}`, [problem]);
  return {
    from: formatCalendarDate(first),
    to: formatCalendarDate(last),
    fromMs: startOfCalendarDate(first, timeZone),
    toMs: startOfCalendarDate(addCalendarDays(last, 1), timeZone),
    limit: query.limit,
  };
}
