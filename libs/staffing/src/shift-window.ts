import { MINUTES_PER_DAY, type ShiftWindow, clockTimeMinutes } from '@hotline/calendar';
import { StaffingError, StaffingErrorCode } from './staffing-error';

/**
 * 'HH:mm' → minutes after midnight, or a StaffingError. '24:00' is accepted (1440): on the
 * daily circle the rota is read on, it is midnight again, so 00:00–24:00 is a whole day.
 */
export function parseClockTime(text: string): number {
  const minutes = clockTimeMinutes(text, { endOfDay: true });
  if (minutes === undefined) {
    throw new StaffingError(StaffingErrorCode.BadShiftTime, `"${text}" is not a HH:mm time`);
  }
  return minutes;
}

/**
 * The share of the local interval [slotStart, slotStart + length) that the shift covers, in
 * [0, 1]. Shifts are daily: 21:45–07:10 covers 21:45–24:00 and 00:00–07:10 of every day, so an
 * interval is measured on the 24-hour circle. A shift whose end equals its start lasts 24 hours.
 * Partial cover counts pro rata (07:00–07:15 gets 10/15 of the 21:45–07:10 shift's agents).
 */
export function shiftCoverage(
  shift: ShiftWindow,
  slotStartMinute: number,
  slotLengthMinutes: number,
): number {
  const start = parseClockTime(shift.start) % MINUTES_PER_DAY;
  let end = parseClockTime(shift.end) % MINUTES_PER_DAY;
  if (end <= start) end += MINUTES_PER_DAY;
  const slotEnd = slotStartMinute + slotLengthMinutes;
  let covered = 0;
  // The interval may meet the shift on this day's circle or the previous day's run-over.
  for (const offset of [-MINUTES_PER_DAY, 0, MINUTES_PER_DAY]) {
    covered += Math.max(
      0,
      Math.min(slotEnd, end + offset) - Math.max(slotStartMinute, start + offset),
    );
  }
  return Math.min(1, covered / slotLengthMinutes);
}

/** Length of a shift in hours (crossing midnight handled). */
export function shiftHours(shift: ShiftWindow): number {
  const start = parseClockTime(shift.start) % MINUTES_PER_DAY;
  let end = parseClockTime(shift.end) % MINUTES_PER_DAY;
  if (end <= start) end += MINUTES_PER_DAY;
  return (end - start) / 60;
}
