import {
  CalendarDateError,
  addCalendarDays,
  addDaysToDayKey,
  calendarDateProblem,
  calendarDaysBetween,
  formatCalendarDate,
  isoWeekdayOf,
  mondayOf,
  parseCalendarDate,
} from './calendar-date';
import { parseLocalDate } from './zoned-time';

const TZ = 'Asia/Shanghai';

describe(parseCalendarDate.name, () => {
  it.each([
    ['2024-02-29', 'day', { year: 2024, month: 2, day: 29 }],
    ['2026-12-31', 'day', { year: 2026, month: 12, day: 31 }],
    ['2026-01-01', 'day', { year: 2026, month: 1, day: 1 }],
    ['1970-01-01', 'day', { year: 1970, month: 1, day: 1 }],
    ['2099-12-31', 'day', { year: 2099, month: 12, day: 31 }],
    ['2000-02-29', 'day', { year: 2000, month: 2, day: 29 }],
    ['2026-11', 'month', { year: 2026, month: 11, day: null }],
    ['2026-11', 'day-or-month', { year: 2026, month: 11, day: null }],
    ['2026-11-30', 'day-or-month', { year: 2026, month: 11, day: 30 }],
  ] as const)('reads %s (%s)', (text, form, date) => {
    expect(parseCalendarDate(text, form)).toEqual(date);
    expect(formatCalendarDate(parseCalendarDate(text, form))).toBe(text);
  });

  it.each([
    ['2026-02-30', 'day', '2026-02-30 does not exist: February 2026 has 28 days'],
    ['2026-02-29', 'day', 'February 2026 has 28 days'],
    ['2100-02-29', 'day', 'outside the supported 1970–2099'],
    ['1900-02-29', 'day', 'outside the supported'],
    ['2026-04-31', 'day', 'April 2026 has 30 days'],
    ['2026-01-00', 'day', 'January 2026 has 31 days'],
    ['2026-00', 'month', 'month 00 does not exist (01–12)'],
    ['2026-99', 'month', 'month 99 does not exist'],
    ['2026-00-10', 'day', 'month 00 does not exist'],
    ['2026-13-40', 'day', 'month 13 does not exist'],
    ['9999-01-01', 'day', 'year 9999 is outside the supported 1970–2099'],
    ['9999-12-27', 'day', 'year 9999 is outside'],
    ['0000-01-01', 'day', 'year 0000 is outside'],
    ['0099-01', 'month', 'year 0099 is outside'],
    ['2026-11', 'day', 'must be YYYY-MM-DD'],
    ['2026-11-01', 'month', 'must be YYYY-MM'],
    ['2026/11/01', 'day-or-month', 'must be YYYY-MM-DD (or YYYY-MM)'],
    ['2026-1-1', 'day', 'must be YYYY-MM-DD'],
    [' 2026-11-01', 'day', 'must be YYYY-MM-DD'],
    ['2026-11-01T00:00', 'day', 'must be YYYY-MM-DD'],
    ['+02026-11-01', 'day', 'must be YYYY-MM-DD'],
    ['２０２６-11-01', 'day', 'must be YYYY-MM-DD'],
  ] as const)('refuses %s (%s): %s', (text, form, problem) => {
    expect(calendarDateProblem(text, form)).toContain(problem);
    expect(() => parseCalendarDate(text, form)).toThrow(problem);
  });

  it('refuses what is not a string', () => {
    expect(calendarDateProblem(undefined, 'day')).toBe('must be YYYY-MM-DD');
    expect(calendarDateProblem(['2026-11-01'], 'day')).toBe('must be YYYY-MM-DD');
  });

  it('counts and adds calendar days across months, leap days and years', () => {
    const d = (text: string) => parseCalendarDate(text, 'day');
    expect(formatCalendarDate(addCalendarDays(d('2024-02-28'), 1))).toBe('2024-02-29');
    expect(formatCalendarDate(addCalendarDays(d('2026-12-31'), 1))).toBe('2027-01-01');
    expect(formatCalendarDate(addCalendarDays(d('2099-12-28'), 7))).toBe('2100-01-04');
    expect(calendarDaysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
    expect(calendarDaysBetween(d('2026-11-30'), d('2026-11-01'))).toBe(-29);
  });

  it('is what parseLocalDate reads: local midnight, impossible dates refused', () => {
    expect(parseLocalDate('2024-02-29', TZ)).toBe(Date.parse('2024-02-29T00:00:00+08:00'));
    expect(parseLocalDate('2026-11', TZ)).toBe(Date.parse('2026-11-01T00:00:00+08:00'));
    expect(() => parseLocalDate('2026-02-30', TZ)).toThrow(RangeError);
    expect(() => parseLocalDate('0000-01-01', TZ)).toThrow('outside the supported');
  });
});

describe('weeks and day keys', () => {
  const d = (text: string) => parseCalendarDate(text, 'day');

  it('gives ISO weekdays and the Monday of a week, across a year end', () => {
    expect(isoWeekdayOf(d('2026-03-15'))).toBe(7);
    expect(isoWeekdayOf(d('2026-03-16'))).toBe(1);
    expect(formatCalendarDate(mondayOf(d('2026-03-15')))).toBe('2026-03-09');
    expect(formatCalendarDate(mondayOf(d('2026-03-16')))).toBe('2026-03-16');
    expect(formatCalendarDate(mondayOf(d('2027-01-01')))).toBe('2026-12-28');
  });

  it('adds days to a day key strictly', () => {
    expect(addDaysToDayKey('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDayKey('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDaysToDayKey('2026-03-31', -28)).toBe('2026-03-03');
    expect(() => addDaysToDayKey('2026-02-30', 1)).toThrow(CalendarDateError);
  });
});
