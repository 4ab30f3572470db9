import {
  CLOCK_TIME_OR_END_OF_DAY_PATTERN,
  CLOCK_TIME_PATTERN,
  clockTimeMinutes,
  formatClockTime,
} from './clock-time';

describe(clockTimeMinutes.name, () => {
  it.each([
    ['00:00', 0],
    ['07:10', 430],
    ['12:00', 720],
    ['21:45', 1305],
    ['23:59', 1439],
  ])('reads %s as %d minutes after midnight', (text, minutes) => {
    expect(clockTimeMinutes(text)).toBe(minutes);
    expect(clockTimeMinutes(text, { endOfDay: true })).toBe(minutes);
    expect(formatClockTime(minutes)).toBe(text);
  });

  it('reads 24:00 only where the end of a day is meant', () => {
    expect(clockTimeMinutes('24:00')).toBeUndefined();
    expect(clockTimeMinutes('24:00', { endOfDay: true })).toBe(1440);
    expect(formatClockTime(1440)).toBe('24:00');
    expect(clockTimeMinutes('24:01', { endOfDay: true })).toBeUndefined();
    expect(clockTimeMinutes('24:30', { endOfDay: true })).toBeUndefined();
  });

  it.each([
    '7:00',
    '07:0',
    '0700',
    '07:60',
    '25:00',
    '-1:00',
    ' 07:00',
    '07:00 ',
    '07:00:00',
    '',
    '٠٧:٠٠',
    '07h00',
  ])('refuses %p', (text) => {
    expect(clockTimeMinutes(text)).toBeUndefined();
    expect(clockTimeMinutes(text, { endOfDay: true })).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(clockTimeMinutes(undefined)).toBeUndefined();
    expect(clockTimeMinutes(420)).toBeUndefined();
  });

  it('says the same as the patterns the config schemas check with', () => {
    for (let h = 0; h <= 25; h++) {
      for (const m of [0, 1, 30, 59, 60]) {
        const text = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        expect(CLOCK_TIME_PATTERN.test(text)).toBe(clockTimeMinutes(text) !== undefined);
        expect(CLOCK_TIME_OR_END_OF_DAY_PATTERN.test(text)).toBe(
          clockTimeMinutes(text, { endOfDay: true }) !== undefined,
        );
      }
    }
  });
});
