import { FIFTEEN_MINUTES_MS, HOUR_MS, MINUTE_MS } from './durations';

/**
 * UTC offsets run from −12 h to +14 h, so an instant showing a given wall time lies within 14 h
 * of that wall time read as UTC; 15 h looks past both ends (half a day missed +13:45 Chatham).
 */
const WALL_TIME_REACH_MS = 15 * HOUR_MS;

/** Local wall-clock fields of an instant in a zone. */
export interface LocalDateTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  readonly isoWeekday: number;
}

export class UnknownTimeZoneError extends RangeError {
  readonly code = 'CALENDAR_ERR_TIME_ZONE';
  constructor(readonly timeZone: string) {
    super(`unknown IANA time zone "${timeZone}"`);
    this.name = 'UnknownTimeZoneError';
  }
}

/** Whether this Node.js (its ICU) knows the IANA zone. */
export function isValidTimeZone(timeZone: unknown): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Throws UnknownTimeZoneError (a RangeError) for a zone Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  TimeZone.of(timeZone);
}

/**
 * The zone math every other part of the calendar stands on, with nothing but Intl (no tz
 * database of our own), so zones with DST are right too: days of 23 or 25 hours, wall times
 * skipped or repeated. Intl is asked once per 15 minutes of UTC for the offset in force
 * (offsets change on 15-minute UTC marks: every zone's offset has been a whole multiple of
 * 15 minutes since 1972); the wall-clock fields then come from plain UTC arithmetic, so the
 * engine's hot path never formats a date.
 */
export class TimeZone {
  private static readonly zones = new Map<string, TimeZone>();

  /** The zone of that name (one instance per name); UnknownTimeZoneError if Intl lacks it. */
  static of(timeZone: string): TimeZone {
    let zone = TimeZone.zones.get(timeZone);
    if (!zone) {
      zone = new TimeZone(timeZone);
      TimeZone.zones.set(timeZone, zone);
    }
    return zone;
  }

  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  private constructor(readonly name: string) {
    if (!isValidTimeZone(name)) throw new UnknownTimeZoneError(name);
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Local time minus UTC at `at`, in ms (Asia/Shanghai: +8 h). */
  offsetMs(at: number): number {
    const key = Math.floor(at / FIFTEEN_MINUTES_MS);
    const cached = this.offsets.get(key);
    if (cached !== undefined) return cached;
    const probe = key * FIFTEEN_MINUTES_MS;
    const fields: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(probe))) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    // h23 is 0–23, yet some ICU builds have printed midnight as 24.
    const asUtc = Date.UTC(
      fields.year,
      fields.month - 1,
      fields.day,
      fields.hour % 24,
      fields.minute,
      fields.second,
    );
    const offset = asUtc - probe;
    if (this.offsets.size > 20_000) this.offsets.clear();
    this.offsets.set(key, offset);
    return offset;
  }

  /** The local wall-clock fields of an instant. */
  local(at: number): LocalDateTime {
    const wall = new Date(at + this.offsetMs(at));
    const weekday = wall.getUTCDay();
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      isoWeekday: weekday === 0 ? 7 : weekday,
    };
  }

  /**
   * The instant of a local wall-clock time. A time that does not exist (skipped by a DST
   * jump) resolves to the moment the clocks jump, the first instant after the gap; an
   * ambiguous one (repeated when the clocks go back) to the earlier instant. So a day, week or
   * month starts at its first instant, even where midnight itself is skipped.
   */
  epochOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
    const wall = Date.UTC(year, month - 1, day, hour, minute, second);
    // Try the offsets in force on either side of every instant that could show that wall time
    // (UTC offsets run from −12 h to +14 h); keep the earliest instant that maps back.
    const candidates = [
      this.offsetMs(wall - WALL_TIME_REACH_MS),
      this.offsetMs(wall + WALL_TIME_REACH_MS),
    ];
    let best: number | undefined;
    for (const offset of candidates) {
      const at = wall - offset;
      if (this.offsetMs(at) === offset && (best === undefined || at < best)) best = at;
    }
    if (best !== undefined) return best;
    const before = wall - candidates[0];
    return this.transitionAfter(before - 2 * HOUR_MS, before + 2 * HOUR_MS);
  }

  /** The first whole minute with the offset in force after `lo`, searched up to `hi`. */
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
