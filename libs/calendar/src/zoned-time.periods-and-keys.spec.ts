import { DAY_MS, HOUR_MS } from './durations';
import {
  addLocalDays,
  addLocalMonths,
  calendarDayOf,
  dayKey,
  intervalStart,
  localDateTimeText,
  minuteKey,
  monthKey,
  parseLocalDate,
  startOfDay,
  startOfMonth,
  startOfWeek,
  utcOffsetText,
} from './zoned-time';

const utc = Date.UTC;
const SHANGHAI = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('local days', () => {
  it('start at local midnight in Shanghai (16:00 UTC the day before)', () => {
    expect(startOfDay(utc(2026, 2, 10, 15, 59, 59), SHANGHAI)).toBe(utc(2026, 2, 9, 16));
    expect(startOfDay(utc(2026, 2, 10, 16), SHANGHAI)).toBe(utc(2026, 2, 10, 16));
    expect(dayKey(utc(2026, 2, 10, 15, 59, 59), SHANGHAI)).toBe('2026-03-10');
    expect(dayKey(utc(2026, 2, 10, 16), SHANGHAI)).toBe('2026-03-11');
    expect(calendarDayOf(utc(2026, 2, 10, 16), SHANGHAI)).toEqual({
      year: 2026,
      month: 3,
      day: 11,
    });
  });

  it('are 23 and 25 hours long on New York’s DST days, and a day later keeps the wall time', () => {
    const spring = startOfDay(utc(2026, 2, 8, 12), NEW_YORK);
    expect(addLocalDays(spring, 1, NEW_YORK) - spring).toBe(23 * HOUR_MS);
    const autumn = startOfDay(utc(2026, 10, 1, 12), NEW_YORK);
    expect(addLocalDays(autumn, 1, NEW_YORK) - autumn).toBe(25 * HOUR_MS);
    // Saturday 12:00 EST to Sunday 12:00 EDT.
    expect(addLocalDays(utc(2026, 2, 7, 17), 1, NEW_YORK)).toBe(utc(2026, 2, 8, 16));
    // Saturday 02:30 to a Sunday 02:30 that never happens: the moment the clocks jump.
    expect(addLocalDays(utc(2026, 2, 7, 7, 30), 1, NEW_YORK)).toBe(utc(2026, 2, 8, 7));
    expect(localDateTimeText(utc(2026, 2, 8, 7), NEW_YORK)).toBe('2026-03-08 03:00:00');
  });
});

describe('weeks start on Monday', () => {
  it('in Shanghai: Sunday 23:59 belongs to the week before, Monday 00:00 starts the next', () => {
    const sundayNight = utc(2026, 2, 15, 15, 59); // Sun 15 March 23:59
    expect(startOfWeek(sundayNight, SHANGHAI)).toBe(utc(2026, 2, 8, 16)); // Mon 9 March 00:00
    expect(startOfWeek(sundayNight + 60_000, SHANGHAI)).toBe(utc(2026, 2, 15, 16));
  });

  it('across a year end and across Berlin’s spring change (a week of 7 days less an hour)', () => {
    expect(dayKey(startOfWeek(utc(2027, 0, 1, 4), SHANGHAI), SHANGHAI)).toBe('2026-12-28');
    const week = startOfWeek(utc(2026, 2, 29, 12), BERLIN);
    expect(week).toBe(utc(2026, 2, 22, 23)); // Mon 23 March 00:00 CET
    const next = startOfWeek(week + 7 * DAY_MS, BERLIN);
    expect(next).toBe(utc(2026, 2, 29, 22)); // Mon 30 March 00:00 CEST
    expect(next - week).toBe(7 * DAY_MS - HOUR_MS);
  });
});

describe('months', () => {
  it('turn at local midnight: 31 March 23:59 Shanghai is March, a minute later April', () => {
    const lastMinute = utc(2026, 2, 31, 15, 59);
    expect(startOfMonth(lastMinute, SHANGHAI)).toBe(utc(2026, 1, 28, 16));
    expect(monthKey(lastMinute, SHANGHAI)).toBe('2026-03');
    expect(startOfMonth(lastMinute + 60_000, SHANGHAI)).toBe(lastMinute + 60_000);
    expect(monthKey(lastMinute + 60_000, SHANGHAI)).toBe('2026-04');
  });

  it('are as long as their days, DST and leap days included', () => {
    const length = (month: string, zone: string) => {
      const from = parseLocalDate(month, zone);
      return (addLocalMonths(from, 1, zone) - from) / HOUR_MS;
    };
    expect(length('2024-02', SHANGHAI)).toBe(29 * 24);
    expect(length('2026-02', SHANGHAI)).toBe(28 * 24);
    expect(length('2026-10', BERLIN)).toBe(31 * 24 + 1);
    expect(length('2026-03', BERLIN)).toBe(31 * 24 - 1);
    expect(addLocalMonths(parseLocalDate('2026-12', SHANGHAI), 1, SHANGHAI)).toBe(
      parseLocalDate('2027-01-01', SHANGHAI),
    );
    expect(addLocalMonths(parseLocalDate('2026-01', SHANGHAI), -1, SHANGHAI)).toBe(
      parseLocalDate('2025-12-01', SHANGHAI),
    );
  });
});

describe('15-minute intervals', () => {
  it('run across midnight: the last of a day and the first of the next', () => {
    const last = utc(2026, 2, 15, 15, 59, 59, 999); // Sun 23:59:59.999 Shanghai
    expect(minuteKey(intervalStart(last), SHANGHAI)).toBe('2026-03-15 23:45');
    expect(minuteKey(intervalStart(last + 1), SHANGHAI)).toBe('2026-03-16 00:00');
    expect(intervalStart(last + 1) - intervalStart(last)).toBe(15 * 60_000);
  });

  it('start on local quarter hours in a +5:45 zone too', () => {
    const at = utc(2026, 2, 10, 4, 20); // 10:05 in Kathmandu
    expect(minuteKey(intervalStart(at), 'Asia/Kathmandu')).toBe('2026-03-10 10:00');
    expect(utcOffsetText(at, 'Asia/Kathmandu')).toBe('+05:45');
    expect(utcOffsetText(at, NEW_YORK)).toBe('-04:00');
  });
});
