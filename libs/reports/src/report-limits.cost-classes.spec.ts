import {
  costScope,
  estimatedRows,
  isHeavyReport,
  LIGHT_REPORT_ROWS,
  RANGE_CAP_DAYS,
  rangeCapDays,
  ROWS_PER_DAY,
} from './report-limits';

describe('report limits', () => {
  it('treats a report of one queue, line or agent as one key; the centre has one key anyway', () => {
    expect(costScope('agent', '1001')).toBe('key');
    expect(costScope('agent', undefined)).toBe('agent');
    expect(costScope('centre', undefined)).toBe('centre');
  });

  it('keeps the worst allowed report of every scope near a million rows read', () => {
    for (const scope of Object.keys(RANGE_CAP_DAYS) as (keyof typeof RANGE_CAP_DAYS)[]) {
      for (const by of ['interval', 'day', 'week', 'month'] as const) {
        const rows = estimatedRows(scope, rangeCapDays(by, scope));
        expect([scope, by, rows <= 1_100_000]).toEqual([scope, by, true]);
      }
    }
  });

  it('lets light reports run beside a heavy one: a month of the centre, not a week of all agents', () => {
    expect(isHeavyReport('centre', 31)).toBe(false);
    expect(isHeavyReport('key', 31)).toBe(false);
    expect(isHeavyReport('centre', 366)).toBe(true);
    expect(isHeavyReport('agent', 7)).toBe(true);
    expect(isHeavyReport('line', 1)).toBe(false);
    expect(estimatedRows('agent', 2)).toBeLessThanOrEqual(LIGHT_REPORT_ROWS);
    expect(ROWS_PER_DAY.centre).toBe(96);
  });
});
