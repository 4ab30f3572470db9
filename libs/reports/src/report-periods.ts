import {
  addCalendarDays,
  type CalendarDate,
  calendarDayOf,
  DAY_MS,
  formatCalendarDate,
  mondayOf,
  startOfCalendarDate,
} from '@hotline/calendar';
import type { ReportGrain } from './report-query';

/** One local day of a report's range, clipped to the range. */
export interface ReportDay {
  readonly date: CalendarDate;
  /** [start, end) epoch ms. */
  readonly start: number;
  readonly end: number;
}

/** The day, week (Monday first) or month a day belongs to. */
export interface ReportPeriod {
  /** Epoch ms of the period's local start (a week or month may start before the range). */
  readonly start: number;
  /** "2026-11-02", "2026-11-02 ~ 2026-11-08", "2026-11". */
  readonly label: string;
}

/**
 * The local days of [fromMs, toMs) in order, a few at a time, from calendar arithmetic: days of
 * 23 or 25 hours (DST) come out right, and a ten-year range costs nothing until it is read.
 */
export class ReportDays {
  private next: CalendarDate | null;
  private nextStart: number;
  /** Days in the range (for progress). */
  readonly total: number;

  constructor(
    fromMs: number,
    private readonly toMs: number,
    private readonly timeZone: string,
  ) {
    this.next = fromMs < toMs ? calendarDayOf(fromMs, timeZone) : null;
    this.nextStart = fromMs;
    this.total = Math.max(0, Math.round((toMs - fromMs) / DAY_MS));
  }

  get done(): boolean {
    return this.next === null;
  }

  /** The next day without taking it, or null at the end. */
  peek(): CalendarDate | null {
    return this.next;
  }

  take(count: number): ReportDay[] {
    const out: ReportDay[] = [];
    while (this.next && out.length < count) {
      const date = this.next;
      const following = addCalendarDays(date, 1);
      const end = Math.min(this.toMs, startOfCalendarDate(following, this.timeZone));
      out.push({ date, start: this.nextStart, end });
      this.nextStart = end;
      this.next = end < this.toMs ? following : null;
    }
    return out;
  }
}

/** Maps a calendar day to its report period (day, week or month). */
export function periodOf(
  by: Exclude<ReportGrain, 'interval'>,
  date: CalendarDate,
  timeZone: string,
): ReportPeriod {
  switch (by) {
    case 'day':
      return { start: startOfCalendarDate(date, timeZone), label: formatCalendarDate(date) };
    case 'week': {
      const monday = mondayOf(date);
      return {
        start: startOfCalendarDate(monday, timeZone),
        label: `${formatCalendarDate(monday)} ~ ${formatCalendarDate(addCalendarDays(monday, 6))}`,
      };
    }
    case 'month': {
      const first = { year: date.year, month: date.month, day: null };
      return { start: startOfCalendarDate(first, timeZone), label: formatCalendarDate(first) };
    }
  }
}
