import {
  nextDailyRun,
  nextMonthlyRun,
  nextWeeklyRun,
  previousMonth,
  previousWeek,
} from './report-schedule';

const TZ = 'Asia/Shanghai';
const at = (local: string) => Date.parse(`${local}+08:00`);

describe(nextWeeklyRun.name, () => {
  it.each([
    [
      'plans the weekly report for Wednesday 08:00 Shanghai time, whatever zone the server runs in',
      '2026-11-29T10:00:00',
      '2026-12-02T08:00:00',
    ],
    [
      'moves to next week once this Wednesday 08:00 has passed',
      '2026-12-02T08:00:00',
      '2026-12-09T08:00:00',
    ],
    ['keeps this Wednesday until 08:00 has passed', '2026-12-02T07:59:59', '2026-12-02T08:00:00'],
  ])('%s (after %s: %s)', (_case, now, next) => {
    expect(nextWeeklyRun(at(now), TZ, 3, '08:00')).toBe(at(next));
  });
});

describe(nextMonthlyRun.name, () => {
  it.each([
    ['2026-12-01T08:30:00', '08:00', '2027-01-01T08:00:00'],
    ['2026-11-29T00:00:00', '06:15', '2026-12-01T06:15:00'],
  ])(
    'plans the monthly report for the 1st at the configured time, across the year end (after %s at %s: %s)',
    (now, time, next) => {
      expect(nextMonthlyRun(at(now), TZ, 1, time)).toBe(at(next));
    },
  );
});

describe(nextDailyRun.name, () => {
  it.each([
    ['2026-11-29T02:00:00', '2026-11-29T03:30:00'],
    ['2026-11-29T04:00:00', '2026-11-30T03:30:00'],
  ])('runs today when the time is still ahead, else tomorrow (after %s: %s)', (now, next) => {
    expect(nextDailyRun(at(now), TZ, '03:30')).toBe(at(next));
  });
});

describe(previousWeek.name, () => {
  it('is Monday to Monday of the week before, local time', () => {
    expect(previousWeek(at('2026-12-02T08:00:00'), TZ)).toEqual({
      from: at('2026-11-23T00:00:00'),
      to: at('2026-11-30T00:00:00'),
    });
  });
});

describe(previousMonth.name, () => {
  it('is the whole previous local month', () => {
    expect(previousMonth(at('2027-01-01T08:00:00'), TZ)).toEqual({
      from: at('2026-12-01T00:00:00'),
      to: at('2027-01-01T00:00:00'),
    });
  });
});
