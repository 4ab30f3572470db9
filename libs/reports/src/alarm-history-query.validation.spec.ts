import { parseAlarmHistoryQuery } from './alarm-history-query';
import { ReportQueryError } from './report-query';

const TZ = 'Asia/Shanghai';
/** 2026-03-10 01:30 in Shanghai (still 2026-03-09 in UTC). */
const NOW = Date.UTC(2026, 2, 9, 17, 30);
const midnight = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 8 * 3_600_000;

describe(parseAlarmHistoryQuery.name, () => {
  it('defaults to the local today, newest 1,000 events', () => {
    expect(parseAlarmHistoryQuery({}, TZ, NOW)).toEqual({
      from: '2026-03-10',
      to: '2026-03-10',
      fromMs: midnight(2026, 3, 10),
      toMs: midnight(2026, 3, 11),
      limit: 1_000,
    });
  });

  it('reads local days inclusive, one day when only from is given', () => {
    expect(
      parseAlarmHistoryQuery({ from: '2026-03-01', to: '2026-03-02', limit: '5' }, TZ, NOW),
    ).toMatchObject({ fromMs: midnight(2026, 3, 1), toMs: midnight(2026, 3, 3), limit: 5 });
    expect(parseAlarmHistoryQuery({ from: '2026-02-28' }, TZ, NOW)).toMatchObject({
      to: '2026-02-28',
      toMs: midnight(2026, 3, 1),
    });
  });

  it('refuses impossible dates, reversed or too long ranges, unknown keys', () => {
    for (const raw of [
      { from: '2026-02-30' },
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2026-01-01', to: '2026-06-01' },
      { limit: '0' },
      { since: '2026-03-01' },
    ])
      expect(() => parseAlarmHistoryQuery(raw, TZ, NOW)).toThrow(ReportQueryError);
  });
});
