import { ReportDays, periodOf } from './report-periods';

const at = (iso: string) => Date.parse(iso);

describe(ReportDays.name, () => {
  it('walks local days, 23 and 25 hours long across DST, clipped to the range', () => {
    // Europe/Berlin: 2026-03-29 has 23 hours, 2026-10-25 has 25.
    const days = new ReportDays(
      at('2026-03-28T00:00:00+01:00'),
      at('2026-03-31T00:00:00+02:00'),
      'Europe/Berlin',
    );
    const taken = [...days.take(2), ...days.take(5)];
    expect(days.done).toBe(true);
    expect(taken.map((d) => [d.date.day, (d.end - d.start) / 3_600_000])).toEqual([
      [28, 24],
      [29, 23],
      [30, 24],
    ]);
    const autumn = new ReportDays(
      at('2026-10-25T00:00:00+02:00'),
      at('2026-10-26T00:00:00+01:00'),
      'Europe/Berlin',
    ).take(9);
    expect(autumn.map((d) => (d.end - d.start) / 3_600_000)).toEqual([25]);
  });

  it('peeks at the next day without taking it', () => {
    const days = new ReportDays(
      at('2026-11-30T00:00:00+08:00'),
      at('2026-12-02T00:00:00+08:00'),
      'Asia/Shanghai',
    );
    expect(days.total).toBe(2);
    days.take(1);
    expect(days.peek()).toEqual({ year: 2026, month: 12, day: 1 });
    days.take(1);
    expect(days.peek()).toBeNull();
  });
});

describe(periodOf.name, () => {
  const TZ = 'Asia/Shanghai';
  const day = { year: 2026, month: 11, day: 4 }; // a Wednesday

  it('labels days, Monday-first weeks and months in local time', () => {
    expect(periodOf('day', day, TZ)).toEqual({
      start: at('2026-11-04T00:00:00+08:00'),
      label: '2026-11-04',
    });
    expect(periodOf('week', day, TZ)).toEqual({
      start: at('2026-11-02T00:00:00+08:00'),
      label: '2026-11-02 ~ 2026-11-08',
    });
    expect(periodOf('week', { year: 2026, month: 11, day: 8 }, TZ).label).toBe(
      '2026-11-02 ~ 2026-11-08',
    );
    expect(periodOf('week', { year: 2027, month: 1, day: 1 }, TZ).label).toBe(
      '2026-12-28 ~ 2027-01-03',
    );
    expect(periodOf('month', day, TZ)).toEqual({
      start: at('2026-11-01T00:00:00+08:00'),
      label: '2026-11',
    });
  });
});
