import fc from 'fast-check';
import { HOUR_MS } from './durations';
import { TimeZone, UnknownTimeZoneError, assertTimeZone, isValidTimeZone } from './time-zone';

const utc = Date.UTC;

describe(TimeZone.name, () => {
  describe('Europe/Berlin (CET/CEST)', () => {
    const berlin = TimeZone.of('Europe/Berlin');

    it('moves from +1 h to +2 h at 01:00 UTC on 29 March 2026: 02:00–02:59 never happens', () => {
      expect(berlin.offsetMs(utc(2026, 2, 29, 0, 59, 59, 999))).toBe(HOUR_MS);
      expect(berlin.offsetMs(utc(2026, 2, 29, 1, 0))).toBe(2 * HOUR_MS);
      expect(berlin.local(utc(2026, 2, 29, 0, 59, 59))).toMatchObject({ hour: 1, minute: 59 });
      expect(berlin.local(utc(2026, 2, 29, 1, 0))).toMatchObject({ hour: 3, minute: 0 });
      expect(berlin.epochOf(2026, 3, 29, 2, 30)).toBe(utc(2026, 2, 29, 1, 0));
      expect(berlin.epochOf(2026, 3, 29, 3, 0)).toBe(utc(2026, 2, 29, 1, 0));
    });

    it('moves back at 01:00 UTC on 25 October 2026: 02:30 happens twice, the earlier is meant', () => {
      expect(berlin.local(utc(2026, 9, 25, 0, 30))).toMatchObject({ hour: 2, minute: 30 });
      expect(berlin.local(utc(2026, 9, 25, 1, 30))).toMatchObject({ hour: 2, minute: 30 });
      expect(berlin.epochOf(2026, 10, 25, 2, 30)).toBe(utc(2026, 9, 25, 0, 30));
      expect(berlin.epochOf(2026, 10, 25, 3, 30)).toBe(utc(2026, 9, 25, 2, 30));
    });
  });

  describe('America/New_York (EST/EDT)', () => {
    const newYork = TimeZone.of('America/New_York');

    it('skips 02:00–02:59 on 8 March 2026 (07:00 UTC)', () => {
      expect(newYork.local(utc(2026, 2, 8, 6, 59))).toMatchObject({ day: 8, hour: 1, minute: 59 });
      expect(newYork.local(utc(2026, 2, 8, 7, 0))).toMatchObject({ day: 8, hour: 3, minute: 0 });
      expect(newYork.epochOf(2026, 3, 8, 2, 15)).toBe(utc(2026, 2, 8, 7, 0));
      expect(newYork.epochOf(2026, 3, 8)).toBe(utc(2026, 2, 8, 5, 0));
    });

    it('repeats 01:00–01:59 on 1 November 2026 (06:00 UTC)', () => {
      expect(newYork.offsetMs(utc(2026, 10, 1, 5, 59))).toBe(-4 * HOUR_MS);
      expect(newYork.offsetMs(utc(2026, 10, 1, 6, 0))).toBe(-5 * HOUR_MS);
      expect(newYork.epochOf(2026, 11, 1, 1, 0)).toBe(utc(2026, 10, 1, 5, 0));
      expect(newYork.epochOf(2026, 11, 1, 2, 0)).toBe(utc(2026, 10, 1, 7, 0));
    });
  });

  it('keeps Asia/Shanghai at +8 h all year, midnight as hour 0 of the next day', () => {
    const shanghai = TimeZone.of('Asia/Shanghai');
    for (const month of [0, 3, 6, 9, 11]) {
      expect(shanghai.offsetMs(utc(2026, month, 15, 12))).toBe(8 * HOUR_MS);
    }
    expect(shanghai.local(utc(2026, 11, 31, 16, 0))).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
      isoWeekday: 5,
    });
    expect(shanghai.epochOf(2027, 1, 1)).toBe(utc(2026, 11, 31, 16, 0));
  });

  it('finds a wall time hours before a transition in a +13:45 zone (Chatham, DST ends 03:45 → 02:45)', () => {
    const chatham = TimeZone.of('Pacific/Chatham');
    // 2084-04-02 02:00 at +13:45 is 2084-04-01 12:15 UTC, 13:45 before the wall time read as UTC.
    expect(chatham.epochOf(2084, 4, 2, 2, 0)).toBe(utc(2084, 3, 1, 12, 15));
    // 03:00 is shown twice (+13:45, then +12:45 after 03:45 → 02:45): the earlier instant.
    expect(chatham.epochOf(2084, 4, 2, 3, 0)).toBe(utc(2084, 3, 1, 13, 15));
  });

  it('is one instance per zone, and refuses a zone Intl does not know', () => {
    expect(TimeZone.of('Europe/Berlin')).toBe(TimeZone.of('Europe/Berlin'));
    expect(() => TimeZone.of('Mars/Olympus_Mons')).toThrow(UnknownTimeZoneError);
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(
      'unknown IANA time zone "Mars/Olympus_Mons"',
    );
    expect([isValidTimeZone('UTC'), isValidTimeZone(''), isValidTimeZone(8)]).toEqual([
      true,
      false,
      false,
    ]);
  });

  describe('agrees with Intl for any instant 1972–2099', () => {
    const zones = [
      'Asia/Shanghai',
      'Europe/Berlin',
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'UTC',
    ];
    const instant = fc.integer({ min: utc(1972, 0, 1), max: utc(2099, 11, 31) });

    it('local() gives the wall clock Intl prints', () => {
      fc.assert(
        fc.property(fc.constantFrom(...zones), instant, (name, at) => {
          const format = new Intl.DateTimeFormat('en-US', {
            timeZone: name,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
          const printed: Record<string, number> = {};
          for (const p of format.formatToParts(new Date(at)))
            if (p.type !== 'literal') printed[p.type] = Number(p.value);
          const { year, month, day, hour, minute, second } = TimeZone.of(name).local(at);
          expect({ year, month, day, hour, minute, second }).toEqual({
            ...printed,
            hour: printed.hour % 24,
          });
        }),
        { numRuns: 3_000 },
      );
    });

    it('epochOf(local(at)) is `at` to the second, or the earlier instant of a repeated wall time', () => {
      fc.assert(
        fc.property(fc.constantFrom(...zones), instant, (name, at) => {
          const zone = TimeZone.of(name);
          const l = zone.local(at);
          const back = zone.epochOf(l.year, l.month, l.day, l.hour, l.minute, l.second);
          const second = at - (at % 1000);
          if (back !== second) {
            expect(back).toBeLessThan(second);
            expect(zone.local(back)).toEqual(l);
          }
        }),
        { numRuns: 3_000 },
      );
    });
  });
});
