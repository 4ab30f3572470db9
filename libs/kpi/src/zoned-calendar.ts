import { parseHhMm, type ShiftWindow } from './kpi-config';

export const MINUTE_MS = 60_000;
export const FIFTEEN_MINUTES_MS = 15 * MINUTE_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Local wall-clock fields of an instant in the calendar's zone. */
export interface LocalParts {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 1 = Monday … 7 = Sunday */
  readonly isoWeekday: number;
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
 * Period arithmetic in one IANA time zone using only Intl (no tz database of our own), so it
 * is right for zones with DST too: days of 23 or 25 hours, shifts starting in a gap. Results
 * are cached per local day, because the engine asks about the same day thousands of times.
 */
export class ZonedCalendar {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsetCache = new Map<number, number>();
  private frame: DayFrame | undefined;
  private readonly shifts: readonly { name: string; start: number; end: number }[];

  constructor(
    readonly timeZone: string,
    shifts: readonly ShiftWindow[] = [],
  ) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    this.shifts = shifts.map((s) => ({
      name: s.name,
      start: parseHhMm(s.start) ?? 0,
      end: parseHhMm(s.end) ?? 0,
    }));
  }

  localParts(at: number): LocalParts {
    const fields: Record<string, string> = {};
    for (const part of this.format.formatToParts(new Date(at))) fields[part.type] = part.value;
    return {
      year: Number(fields.year),
      month: Number(fields.month),
      day: Number(fields.day),
      hour: Number(fields.hour),
      minute: Number(fields.minute),
      second: Number(fields.second),
      isoWeekday: WEEKDAYS.indexOf(fields.weekday ?? '') + 1,
    };
  }

  /** Local time minus UTC at `at`, in ms (Asia/Shanghai: +8 h). */
  offsetMs(at: number): number {
    // Offsets only change on whole minutes; zones have changed on 15-minute UTC marks at most.
    const key = Math.floor(at / FIFTEEN_MINUTES_MS);
    const cached = this.offsetCache.get(key);
    if (cached !== undefined) return cached;
    const probe = key * FIFTEEN_MINUTES_MS;
    const p = this.localParts(probe);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const offset = asUtc - probe;
    if (this.offsetCache.size > 20_000) this.offsetCache.clear();
    this.offsetCache.set(key, offset);
    return offset;
  }

  /**
   * The instant of a local wall-clock time. A time that does not exist (skipped by a DST
   * jump) resolves to the first instant after the gap; an ambiguous one to the earlier.
   */
  epochOf(year: number, month: number, day: number, hour = 0, minute = 0): number {
    const wall = Date.UTC(year, month - 1, day, hour, minute);
    // Try the offsets in force around that wall time; keep the earliest instant that maps back.
    const candidates = [this.offsetMs(wall - DAY_MS / 2), this.offsetMs(wall + DAY_MS / 2)];
    let best: number | undefined;
    for (const offset of candidates) {
      const at = wall - offset;
      if (this.offsetMs(at) === offset && (best === undefined || at < best)) best = at;
    }
    if (best !== undefined) return best;
    // In a gap: the wall time never happens; take the moment the clocks jump.
    const before = wall - candidates[0];
    return this.transitionAfter(before - 2 * 60 * MINUTE_MS, before + 2 * 60 * MINUTE_MS);
  }

  /** Start of the local day containing `at`. */
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
    const local = at + this.offsetMs(at);
    const from = at - (((local % FIFTEEN_MINUTES_MS) + FIFTEEN_MINUTES_MS) % FIFTEEN_MINUTES_MS);
    return { from, to: from + FIFTEEN_MINUTES_MS };
  }

  /** Occurrences of the configured shifts that contain `at` (shifts overlap). */
  shiftsAt(at: number): ShiftOccurrence[] {
    return this.frameOf(at).shifts.filter((s) => s.from <= at && at < s.to);
  }

  private frameOf(at: number): DayFrame {
    const cached = this.frame;
    if (cached && cached.day.from <= at && at < cached.day.to) return cached;
    const p = this.localParts(at);
    const next = addDays(p, 1);
    const day = {
      from: this.epochOf(p.year, p.month, p.day),
      to: this.epochOf(next.year, next.month, next.day),
    };
    const monday = addDays(p, 1 - p.isoWeekday);
    const nextMonday = addDays(monday, 7);
    const week = {
      from: this.epochOf(monday.year, monday.month, monday.day),
      to: this.epochOf(nextMonday.year, nextMonday.month, nextMonday.day),
    };
    const nextMonth =
      p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 };
    const month = {
      from: this.epochOf(p.year, p.month, 1),
      to: this.epochOf(nextMonth.year, nextMonth.month, 1),
    };
    const yesterday = addDays(p, -1);
    const shifts: ShiftOccurrence[] = [];
    for (const shift of this.shifts) {
      for (const d of [yesterday, p]) {
        const from = this.epochOf(
          d.year,
          d.month,
          d.day,
          Math.floor(shift.start / 60),
          shift.start % 60,
        );
        const endDay = shift.end <= shift.start ? addDays(d, 1) : d;
        const to = this.epochOf(
          endDay.year,
          endDay.month,
          endDay.day,
          Math.floor(shift.end / 60),
          shift.end % 60,
        );
        shifts.push({ name: shift.name, from, to });
      }
    }
    const frame = { day, week, month, shifts };
    this.frame = frame;
    return frame;
  }

  private transitionAfter(lo: number, hi: number): number {
    const offsetLo = this.offsetMs(lo);
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.offsetMs(mid) === offsetLo) lo = mid;
      else hi = mid;
    }
    return Math.ceil(hi / MINUTE_MS) * MINUTE_MS;
  }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function addDays(
  p: { year: number; month: number; day: number },
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
