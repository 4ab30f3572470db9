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
  it('plans the weekly report for Wednesday 08:00 Shanghai time, whatever zone the server runs in', () => {
    expect(nextWeeklyRun(at('2026-11-29T10:00:00'), TZ, 3, '08:00')).toBe(
      at('2026-12-02T08:00:00'),
    );
  });
  it('moves to next week once this Wednesday 08:00 has passed', () => {
    expect(nextWeeklyRun(at('2026-12-02T08:00:00'), TZ, 3, '08:00')).toBe(
      at('2026-12-09T08:00:00'),
    );
    expect(nextWeeklyRun(at('2026-12-02T07:59:59'), TZ, 3, '08:00')).toBe(
      at('2026-12-02T08:00:00'),
    );
  });
});

describe(nextMonthlyRun.name, () => {
  it('plans the monthly report for the 1st at the configured time, across the year end', () => {
    expect(nextMonthlyRun(at('2026-12-01T08:30:00'), TZ, 1, '08:00')).toBe(
      at('2027-01-01T08:00:00'),
    );
    expect(nextMonthlyRun(at('2026-11-29T00:00:00'), TZ, 1, '06:15')).toBe(
      at('2026-12-01T06:15:00'),
    );
  });
});

describe(nextDailyRun.name, () => {
  it('runs today when the time is still ahead, else tomorrow', () => {
    expect(nextDailyRun(at('2026-11-29T02:00:00'), TZ, '03:30')).toBe(at('2026-11-29T03:30:00'));
    expect(nextDailyRun(at('2026-11-29T04:00:00'), TZ, '03:30')).toBe(at('2026-11-30T03:30:00'));
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
