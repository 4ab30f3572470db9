import { type CalendarDay, addCalendarDays, mondayOf } from './calendar-date';
import { clockTimeMinutes } from './clock-time';
import { FIFTEEN_MINUTES_MS } from './durations';
import { TimeZone } from './time-zone';
import { intervalStart } from './zoned-time';

/**
 * A named daily window of the rota (班次), local wall-clock 'HH:mm'–'HH:mm'. `end` before
 * `start` crosses midnight; `end` equal to `start` lasts 24 hours.
 */
export interface ShiftWindow {
  readonly name: string;
  readonly start: string;
  readonly end: string;
}

/** A half-open span [from, to) of epoch ms. */
export interface TimeSpan {
  readonly from: number;
  readonly to: number;
}

/** One occurrence of a shift, e.g. 夜班 from 21:45 on the 3rd to 07:10 on the 4th. */
export interface ShiftOccurrence extends TimeSpan {
  readonly name: string;
}

interface DayFrame {
  readonly day: TimeSpan;
  readonly week: TimeSpan;
  readonly month: TimeSpan;
  /** Occurrences starting yesterday or today: every one that can contain a time of this day. */
  readonly shifts: readonly ShiftOccurrence[];
}

/**
 * The periods an instant belongs to in one zone — its day, week (Monday first), month,
 * 15-minute interval and the occurrences of the rota's shifts — for the KPI engine, which asks
 * about the same day thousands of times: the frame of the last day asked about is kept.
 */
export class ZonedCalendar {
  readonly zone: TimeZone;
  private frame: DayFrame | undefined;
  private readonly shifts: readonly { name: string; start: number; end: number }[];

  constructor(
    readonly timeZone: string,
    shifts: readonly ShiftWindow[] = [],
  ) {
    this.zone = TimeZone.of(timeZone);
    this.shifts = shifts.map((s) => ({
      name: s.name,
      start: clockTimeMinutes(s.start) ?? 0,
      end: clockTimeMinutes(s.end) ?? 0,
    }));
  }

  /** Start of the local day containing `at` to the next. */
  dayOf(at: number): TimeSpan {
    return this.frameOf(at).day;
  }

  /** Monday 00:00 to the next Monday 00:00, local. */
  weekOf(at: number): TimeSpan {
    return this.frameOf(at).week;
  }

  /** First of the month 00:00 to the first of the next, local. */
  monthOf(at: number): TimeSpan {
    return this.frameOf(at).month;
  }

  /** The 15-minute interval of local wall time containing `at`. */
  intervalOf(at: number): TimeSpan {
    const from = intervalStart(at);
    return { from, to: from + FIFTEEN_MINUTES_MS };
  }

  /**
   * The span around `at` in which every instant has the same day, week, month, interval and
   * shifts as `at`: its interval, cut at any shift's start or end inside it.
   */
  samePeriodsAround(at: number): TimeSpan {
    let { from, to } = this.intervalOf(at);
    for (const shift of this.frameOf(at).shifts) {
      for (const edge of [shift.from, shift.to]) {
        if (edge > at && edge < to) to = edge;
        else if (edge <= at && edge > from) from = edge;
      }
    }
    return { from, to };
  }

  /** Occurrences of the configured shifts that contain `at` (shifts overlap). */
  shiftsAt(at: number): ShiftOccurrence[] {
    return this.frameOf(at).shifts.filter((s) => s.from <= at && at < s.to);
  }

  private frameOf(at: number): DayFrame {
    const cached = this.frame;
    if (cached && cached.day.from <= at && at < cached.day.to) return cached;
    const l = this.zone.local(at);
    const today: CalendarDay = { year: l.year, month: l.month, day: l.day };
    const monday = mondayOf(today);
    const nextMonth =
      l.month === 12 ? { year: l.year + 1, month: 1 } : { year: l.year, month: l.month + 1 };
    const shifts: ShiftOccurrence[] = [];
    for (const shift of this.shifts) {
      for (const d of [addCalendarDays(today, -1), today]) {
        const endDay = shift.end <= shift.start ? addCalendarDays(d, 1) : d;
        shifts.push({
          name: shift.name,
          from: this.at(d, shift.start),
          to: this.at(endDay, shift.end),
        });
      }
    }
    const frame: DayFrame = {
      day: { from: this.at(today), to: this.at(addCalendarDays(today, 1)) },
      week: { from: this.at(monday), to: this.at(addCalendarDays(monday, 7)) },
      month: {
        from: this.zone.epochOf(l.year, l.month, 1),
        to: this.zone.epochOf(nextMonth.year, nextMonth.month, 1),
      },
      shifts,
    };
    this.frame = frame;
    return frame;
  }

  /** The instant of a local day at minutes after its midnight. */
  private at(date: CalendarDay, minuteOfDay = 0): number {
    return this.zone.epochOf(
      date.year,
      date.month,
      date.day,
      Math.floor(minuteOfDay / 60),
      minuteOfDay % 60,
    );
  }
}
