import { MINUTES_PER_DAY } from './durations';

/**
 * The one reader of local wall-clock times 'HH:mm' (shift windows, report and purge times):
 * two digits each, 00:00–23:59. `24:00` is not a time of day but the end of one: it is
 * accepted only where a caller asks for it (`endOfDay`), e.g. a rota window 00:00–24:00, and
 * reads as 1440 minutes — on a daily circle (minutes % 1440) it is midnight again.
 */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:mm' or '24:00' (the end of a day). */
export const CLOCK_TIME_OR_END_OF_DAY_PATTERN = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

export interface ClockTimeOptions {
  /** Accept '24:00' as the end of the day (1440). Default false. */
  readonly endOfDay?: boolean;
}

/** Minutes after local midnight of an 'HH:mm' text, or undefined when it is not one. */
export function clockTimeMinutes(
  text: unknown,
  options: ClockTimeOptions = {},
): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (text === '24:00') return options.endOfDay ? MINUTES_PER_DAY : undefined;
  const match = CLOCK_TIME_PATTERN.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** 'HH:mm' of minutes after midnight (1440 is '24:00'). */
export function formatClockTime(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  return `${pad2(hours)}:${pad2(minuteOfDay % 60)}`;
}

export function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
