import { intervalKey } from './interval-key';

const utc = Date.UTC;

describe(intervalKey.name, () => {
  it('keys the last interval of a Sunday and the first of the Monday after it (Shanghai)', () => {
    const last = utc(2026, 2, 15, 15, 59, 59, 999); // Sun 15 March 23:59:59.999
    expect(intervalKey(last, 'Asia/Shanghai')).toEqual({
      date: '2026-03-15',
      weekday: 7,
      minuteOfDay: 23 * 60 + 45,
      slot: 95,
      msIntoInterval: 15 * 60_000 - 1,
    });
    expect(intervalKey(last + 1, 'Asia/Shanghai')).toEqual({
      date: '2026-03-16',
      weekday: 1,
      minuteOfDay: 0,
      slot: 0,
      msIntoInterval: 0,
    });
  });

  it('counts slots on the wall clock through a DST day (America/New_York)', () => {
    // 8 March 2026: 01:59 EST is followed by 03:00 EDT, slots 8–11 never happen.
    expect(intervalKey(utc(2026, 2, 8, 6, 59), 'America/New_York').slot).toBe(7);
    expect(intervalKey(utc(2026, 2, 8, 7, 0), 'America/New_York').slot).toBe(12);
    // 1 November 2026: 01:30 EDT and 01:30 EST are both slot 6 of the same date.
    const first = intervalKey(utc(2026, 10, 1, 5, 30), 'America/New_York');
    const again = intervalKey(utc(2026, 10, 1, 6, 30), 'America/New_York');
    expect([first.date, first.slot]).toEqual(['2026-11-01', 6]);
    expect([again.date, again.slot]).toEqual(['2026-11-01', 6]);
  });

  it('cuts longer intervals that divide the day', () => {
    expect(intervalKey(utc(2026, 2, 10, 2, 40), 'Asia/Shanghai', 60)).toMatchObject({
      minuteOfDay: 600,
      slot: 10,
      msIntoInterval: 40 * 60_000,
    });
  });
});
