import { ZonedCalendar } from './zoned-calendar';

/** Shanghai wall time of 6 March 2026 as epoch ms. */
const shanghai = (hour: number, minute: number, second = 0): number =>
  Date.UTC(2026, 2, 6, hour - 8, minute, second);

describe('ZonedCalendar.samePeriodsAround: the span with the same day, week, month, interval and shifts', () => {
  const rota = [
    { name: '早班', start: '07:10', end: '15:00' },
    { name: '夜班', start: '21:45', end: '07:10' },
  ];
  const calendar = new ZonedCalendar('Asia/Shanghai', rota);

  it('is the 15-minute interval when no shift starts or ends inside it', () => {
    expect(calendar.samePeriodsAround(shanghai(10, 3))).toEqual({
      from: shanghai(10, 0),
      to: shanghai(10, 15),
    });
  });

  it('is cut where a shift hands over inside the interval (07:10)', () => {
    expect(calendar.samePeriodsAround(shanghai(7, 5))).toEqual({
      from: shanghai(7, 0),
      to: shanghai(7, 10),
    });
    expect(calendar.samePeriodsAround(shanghai(7, 10))).toEqual({
      from: shanghai(7, 10),
      to: shanghai(7, 15),
    });
  });

  it('holds the same shifts at every instant of the span, and others just outside it', () => {
    for (const at of [shanghai(7, 9, 59), shanghai(21, 44), shanghai(21, 50), shanghai(15, 0)]) {
      const span = calendar.samePeriodsAround(at);
      const names = (t: number) => calendar.shiftsAt(t).map((s) => s.name);
      expect(names(span.from)).toEqual(names(at));
      expect(names(span.to - 1)).toEqual(names(at));
      expect(calendar.intervalOf(span.to - 1)).toEqual(calendar.intervalOf(at));
    }
    expect(calendar.shiftsAt(shanghai(7, 10)).map((s) => s.name)).not.toEqual(
      calendar.shiftsAt(shanghai(7, 9, 59)).map((s) => s.name),
    );
  });
});
