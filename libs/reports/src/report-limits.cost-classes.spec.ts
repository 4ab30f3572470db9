import {
  costScope,
  estimatedRows,
  isHeavyReport,
  isHeavyRequest,
  daysPerCall,
  RANGE_CAP_DAYS,
  rangeCapDays,
  ROWS_PER_CALL,
  ROWS_PER_DAY,
} from './report-limits';
import { parseKpiReportQuery } from './report-query';

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
    expect(estimatedRows('agent', 2)).toBeLessThanOrEqual(ROWS_PER_CALL);
    expect(ROWS_PER_DAY.centre).toBe(96);
  });

  it('bounds one database call by the rows it may read, whatever earlier calls cost', () => {
    expect(daysPerCall('centre')).toBe(208);
    expect(daysPerCall('queue')).toBe(20);
    expect(daysPerCall('line')).toBe(10);
    expect(daysPerCall('agent')).toBe(2);
    for (const scope of ['centre', 'key', 'queue', 'line', 'agent'] as const)
      expect(estimatedRows(scope, daysPerCall(scope))).toBeLessThanOrEqual(ROWS_PER_CALL);
  });

  it('classes a validated request by its scope, key and local days', () => {
    const request = (query: Record<string, string>) => parseKpiReportQuery(query, 'Asia/Shanghai');
    expect(isHeavyRequest(request({ from: '2026-01-01', to: '2026-07-27' }))).toBe(false); // 208 days
    expect(isHeavyRequest(request({ from: '2026-01-01', to: '2026-07-28' }))).toBe(true);
    expect(isHeavyRequest(request({ scope: 'agent', from: '2026-01-01', to: '2026-01-02' }))).toBe(
      false,
    );
    expect(isHeavyRequest(request({ scope: 'agent', from: '2026-01-01', to: '2026-01-03' }))).toBe(
      true,
    );
    expect(
      isHeavyRequest(
        request({ scope: 'agent', key: '1001', from: '2026-01-01', to: '2026-03-31' }),
      ),
    ).toBe(false);
  });
});
