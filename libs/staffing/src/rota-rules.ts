import { INTERVAL_MINUTES, MINUTES_PER_DAY, formatClockTime } from '@hotline/calendar';
import { parseClockTime } from './shift-window';
import { StaffingError, StaffingErrorCode } from './staffing-error';

/** The planner's time grid: 15-minute intervals, a week from Monday 00:00 local. */
export const SLOT_MINUTES = INTERVAL_MINUTES;
export const SLOTS_PER_DAY = MINUTES_PER_DAY / SLOT_MINUTES;
export const SLOTS_PER_WEEK = 7 * SLOTS_PER_DAY;

/**
 * A break taken at the desk (the agent stays logged in, paused, and keeps the seat), starting
 * anywhere in a window after the shift start: the planner picks the start for each agent.
 */
export interface ScheduledBreak {
  /** Pause reason, e.g. 'meal' or 'break' (the simulator and the PBX see it). */
  readonly reason: string;
  readonly minutes: number;
  /** Earliest and latest start, minutes after the shift start (equal: a fixed break). */
  readonly earliestAfterMinutes: number;
  readonly latestAfterMinutes: number;
}

/** A family of shifts: one length and set of breaks, any start between two clock times. */
export interface ShiftType {
  readonly name: string;
  readonly lengthMinutes: number;
  /** First and last allowed start, 'HH:mm' local; starts step by `startEveryMinutes`. */
  readonly firstStart: string;
  readonly lastStart: string;
  /** In the order they are taken; windows may not overlap. */
  readonly breaks: readonly ScheduledBreak[];
  /** Counts for the consecutive-nights rule. */
  readonly night: boolean;
}

export interface LabourRules {
  /** Working days in 7 (1…6); the other days are off in one block (consecutive days off). */
  readonly workDaysPerWeek: number;
  readonly maxConsecutiveNights: number;
  /** Least rest between the end of one shift and the start of the next. */
  readonly minRestHours: number;
}

export interface ShiftRules {
  readonly shiftTypes: readonly ShiftType[];
  /** Allowed start times step (30 = on the hour and the half hour). */
  readonly startEveryMinutes: number;
  readonly labour: LabourRules;
}

/** One concrete shift: a type started at one clock time. */
export interface ShiftTemplate {
  readonly index: number;
  readonly type: ShiftType;
  /** Minutes after local midnight of the day it starts. */
  readonly startMinute: number;
  /** Slot of its day (0 … 95) it starts in; its slots run on into the next day past 95. */
  readonly startSlot: number;
  readonly slots: number;
}

/**
 * Start times that can follow one another on consecutive days in any order without breaking
 * the rest rule: the latest end among them plus the rest is not after the earliest start on
 * the next day. Agents keep to one window for their working block, so the planner needs no
 * per-person sequence to honour the rest rule.
 */
export interface StartWindow {
  readonly index: number;
  readonly type: ShiftType;
  readonly templates: readonly number[];
}

/**
 * What a person does on each day of their working block: the start window of each day.
 * Day shifts keep one window; night work sits on the LAST `maxConsecutiveNights` days of the
 * block (the days off follow), after a day window whose shifts all leave the rest before it.
 */
export interface TourKind {
  readonly index: number;
  /** Start window per block day (length workDaysPerWeek). */
  readonly windows: readonly number[];
}

export interface ShiftCatalogue {
  readonly templates: readonly ShiftTemplate[];
  readonly windows: readonly StartWindow[];
  readonly tours: readonly TourKind[];
}

/**
 * Checks shift rules that the config schema cannot express alone: times on the grid, breaks
 * inside the shift and apart, a rest rule a shift type can keep. Throws a StaffingError naming
 * the shift type and the reason.
 */
export function validateShiftRules(rules: ShiftRules): void {
  const fail = (message: string): never => {
    throw new StaffingError(StaffingErrorCode.InvalidInput, message);
  };
  const { startEveryMinutes, labour } = rules;
  if (!(Number.isInteger(startEveryMinutes) && startEveryMinutes > 0)) {
    fail(`startEveryMinutes must be a whole number > 0, got ${startEveryMinutes}`);
  }
  if (startEveryMinutes % SLOT_MINUTES !== 0 || MINUTES_PER_DAY % startEveryMinutes !== 0) {
    fail(`startEveryMinutes must be a multiple of ${SLOT_MINUTES} dividing a day`);
  }
  const days = labour.workDaysPerWeek;
  if (!(Number.isInteger(days) && days >= 1 && days <= 6)) {
    fail(`workDaysPerWeek must be 1…6 (at least one day off), got ${days}`);
  }
  if (!(Number.isInteger(labour.maxConsecutiveNights) && labour.maxConsecutiveNights >= 0)) {
    fail(`maxConsecutiveNights must be a whole number ≥ 0`);
  }
  if (!(labour.minRestHours >= 0 && labour.minRestHours <= 24)) {
    fail(`minRestHours must be within 0…24, got ${labour.minRestHours}`);
  }
  if (rules.shiftTypes.length === 0) fail('at least one shift type is needed');
  const names = new Set<string>();
  const onGrid = (n: number): boolean => Number.isInteger(n) && n % SLOT_MINUTES === 0;
  for (const type of rules.shiftTypes) {
    const where = `shift type "${type.name}"`;
    if (names.has(type.name)) fail(`${where} is defined twice`);
    names.add(type.name);
    if (!(onGrid(type.lengthMinutes) && type.lengthMinutes > 0)) {
      fail(`${where}: lengthMinutes must be a positive multiple of ${SLOT_MINUTES}`);
    }
    if (type.lengthMinutes + labour.minRestHours * 60 > MINUTES_PER_DAY) {
      fail(`${where}: ${type.lengthMinutes} min plus ${labour.minRestHours} h rest exceed a day`);
    }
    const first = parseClockTime(type.firstStart);
    const last = parseClockTime(type.lastStart);
    if (first % startEveryMinutes !== 0 || last % startEveryMinutes !== 0) {
      fail(`${where}: starts must fall on the ${startEveryMinutes}-minute grid`);
    }
    if (last < first || last >= MINUTES_PER_DAY)
      fail(`${where}: lastStart must not be before firstStart`);
    let free = 0;
    for (const pause of type.breaks) {
      const { earliestAfterMinutes: from, latestAfterMinutes: to, minutes } = pause;
      if (!(onGrid(from) && onGrid(to) && onGrid(minutes) && minutes > 0 && to >= from)) {
        fail(
          `${where}: break "${pause.reason}" needs start and length on the ${SLOT_MINUTES}-minute grid, latest ≥ earliest`,
        );
      }
      if (from < free || to + minutes > type.lengthMinutes) {
        fail(
          `${where}: break "${pause.reason}" may overlap the break before it or the shift's end`,
        );
      }
      free = to + minutes;
    }
  }
}

/** Every allowed start of every shift type, grouped into start windows and tours. */
export function shiftCatalogue(rules: ShiftRules): ShiftCatalogue {
  validateShiftRules(rules);
  const rest = rules.labour.minRestHours * 60;
  const templates: ShiftTemplate[] = [];
  const windows: StartWindow[] = [];
  for (const type of rules.shiftTypes) {
    const first = parseClockTime(type.firstStart);
    const last = parseClockTime(type.lastStart);
    // Same length for the whole type: starts fit one window when they differ by at most this.
    const width = MINUTES_PER_DAY - rest - type.lengthMinutes;
    let window: number[] = [];
    let windowStart = first;
    for (let start = first; start <= last; start += rules.startEveryMinutes) {
      if (start - windowStart > width) {
        windows.push({ index: windows.length, type, templates: window });
        window = [];
        windowStart = start;
      }
      window.push(templates.length);
      templates.push({
        index: templates.length,
        type,
        startMinute: start,
        startSlot: start / SLOT_MINUTES,
        slots: type.lengthMinutes / SLOT_MINUTES,
      });
    }
    windows.push({ index: windows.length, type, templates: window });
  }
  return { templates, windows, tours: tourKinds(rules.labour, templates, windows) };
}

function tourKinds(
  labour: LabourRules,
  templates: readonly ShiftTemplate[],
  windows: readonly StartWindow[],
): TourKind[] {
  const days = labour.workDaysPerWeek;
  const nights = Math.min(labour.maxConsecutiveNights, days);
  const rest = labour.minRestHours * 60;
  const tours: TourKind[] = [];
  const add = (perDay: number[]): void => {
    tours.push({ index: tours.length, windows: perDay });
  };
  const dayWindows = windows.filter((w) => !w.type.night);
  for (const window of dayWindows) add(new Array<number>(days).fill(window.index));
  for (const night of windows.filter((w) => w.type.night)) {
    if (nights === days) {
      add(new Array<number>(days).fill(night.index));
      continue;
    }
    if (nights === 0) continue;
    for (const before of dayWindows) {
      const fits = before.templates.every((b) =>
        night.templates.every(
          (n) =>
            templates[n].startMinute + MINUTES_PER_DAY >=
            templates[b].startMinute + templates[b].type.lengthMinutes + rest,
        ),
      );
      if (fits) {
        add([
          ...new Array<number>(days - nights).fill(before.index),
          ...new Array<number>(nights).fill(night.index),
        ]);
      }
    }
  }
  return tours;
}

/** 'HH:mm' of minutes after midnight (wrapping past 24 h). */
export function clockOfMinute(minute: number): string {
  const m = ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return formatClockTime(m);
}
