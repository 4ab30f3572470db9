import { emptyCounters } from '@hotline/storage';
import { reportValues } from './kpi-report-row';
import { KPI_COLUMNS } from './report-columns';

describe(reportValues.name, () => {
  const labels = { period: '2026-11-02', scope: '中心', name: '全中心' };
  const counters = {
    ...emptyCounters(),
    offered: 10,
    answered: 6,
    abandoned: 2,
    exited: 1,
    unknown: 1,
    sumWait: 30,
    sumTalk: 500,
    talkUnknown: 1,
  };

  it('shows calls whose outcome is unknown in their own column, not in 呼损', () => {
    const values = reportValues(labels, counters, null, false);
    expect(values).toMatchObject({ offered: 10, answered: 6, unanswered: 3, unknown: 1 });
    expect(KPI_COLUMNS.find((c) => c.id === 'unknown')?.zh).toBe('结果未知数');
  });

  it('leaves answered calls whose talk is unknown out of the handle time', () => {
    expect(reportValues(labels, counters, null, false).aht).toBe(100);
  });

  it('keeps offered − answered as 呼损 for imported months, which have no split', () => {
    expect(reportValues(labels, counters, 0.9, true)).toMatchObject({
      unanswered: 4,
      unknown: null,
    });
  });
});
