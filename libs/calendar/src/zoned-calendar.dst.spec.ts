import { TimeZone } from './time-zone';
import { ZonedCalendar } from './zoned-calendar';

describe(ZonedCalendar.name, () => {
  it('makes a 23-hour day on the spring DST change (Europe/Berlin, 29 March 2026)', () => {
    const cal = new ZonedCalendar('Europe/Berlin');
    const day = cal.dayOf(Date.UTC(2026, 2, 29, 12));
    expect(day.from).toBe(Date.UTC(2026, 2, 28, 23));
    expect(day.to - day.from).toBe(23 * 3600_000);
  });

  it('makes a 25-hour day on the autumn DST change (Europe/Berlin, 25 October 2026)', () => {
    const cal = new ZonedCalendar('Europe/Berlin');
    const day = cal.dayOf(Date.UTC(2026, 9, 25, 12));
    expect(day.to - day.from).toBe(25 * 3600_000);
  });

  it('resolves a wall time inside the spring gap to the moment the clocks jump', () => {
    const cal = TimeZone.of('Europe/Berlin');
    expect(cal.epochOf(2026, 3, 29, 2, 30)).toBe(Date.UTC(2026, 2, 29, 1, 0));
  });

  it('starts the week on Monday and the month on the 1st, local', () => {
    const cal = new ZonedCalendar('Asia/Shanghai');
    const sundayNight = Date.UTC(2026, 2, 15, 15, 59); // Sun 23:59 Shanghai
    expect(cal.weekOf(sundayNight).from).toBe(Date.UTC(2026, 2, 8, 16)); // Mon 9 March 00:00
    expect(cal.weekOf(sundayNight + 60_000).from).toBe(Date.UTC(2026, 2, 15, 16));
    expect(cal.monthOf(sundayNight).from).toBe(Date.UTC(2026, 1, 28, 16));
  });

  it('cuts 15-minute intervals on local wall time in a +5:45 zone', () => {
    const cal = new ZonedCalendar('Asia/Kathmandu');
    const at = Date.UTC(2026, 2, 10, 4, 20); // 10:05 local
    expect(cal.intervalOf(at).from).toBe(Date.UTC(2026, 2, 10, 4, 15)); // 10:00 local
  });

  it('starts the day at the jump when DST begins at midnight (America/Santiago, 6 September 2026)', () => {
    const cal = new ZonedCalendar('America/Santiago', [
      { name: 'n', start: '23:00', end: '01:30' },
    ]);
    const day = cal.dayOf(Date.UTC(2026, 8, 6, 18));
    expect(day.from).toBe(Date.UTC(2026, 8, 6, 4)); // 00:00 -04 is 01:00 -03
    expect(day.to - day.from).toBe(23 * 3600_000);
    // 23:00 -04 to 01:30 -03: an hour and a half, the skipped hour never happened.
    expect(cal.shiftsAt(Date.UTC(2026, 8, 6, 4, 10))).toEqual([
      { name: 'n', from: Date.UTC(2026, 8, 6, 3), to: Date.UTC(2026, 8, 6, 4, 30) },
    ]);
  });

  it('resolves an ambiguous autumn wall time to the earlier instant (America/New_York)', () => {
    const cal = TimeZone.of('America/New_York');
    expect(cal.epochOf(2026, 11, 1, 1, 30)).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });
});
