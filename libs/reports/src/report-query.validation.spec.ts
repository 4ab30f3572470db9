import { parseKpiReportQuery, ReportQueryError } from './report-query';

const TZ = 'Asia/Shanghai';

describe(parseKpiReportQuery.name, () => {
  it('resolves an inclusive date range to local midnights', () => {
    const request = parseKpiReportQuery(
      {
        from: '2026-11-01',
        to: '2026-11-30',
        by: 'day',
        scope: 'queue',
        format: 'csv',
        lang: 'zh',
      },
      TZ,
    );
    expect(request.fromMs).toBe(Date.parse('2026-11-01T00:00:00+08:00'));
    expect(request.toMs).toBe(Date.parse('2026-12-01T00:00:00+08:00'));
  });

  it('reads a month as "to" up to the end of that month', () => {
    expect(parseKpiReportQuery({ from: '2020-07', to: '2021-06', by: 'month' }, TZ).toMs).toBe(
      Date.parse('2021-07-01T00:00:00+08:00'),
    );
  });

  it.each([
    [{ from: '2026-11-30', to: '2026-11-01' }, 'to: must not be before from'],
    [{ from: '2026/11/01', to: '2026-11-02' }, 'from: must be YYYY-MM-DD'],
    [{ from: '2026-11-01', to: '2026-11-02', by: 'year' }, 'by: Invalid enum value'],
    [{ from: '2026-01-01', to: '2026-06-30', by: 'interval' }, 'by: 15-minute rows are limited'],
    [{ from: '2026-11-01', to: '2026-11-02', key: 'q1' }, 'key: not allowed with scope=centre'],
    [
      { from: '2026-11-01', to: '2026-11-02', colour: 'red' },
      "Unrecognized key(s) in object: 'colour'",
    ],
  ])('rejects %j with a clear problem', (query, problem) => {
    let error: unknown;
    try {
      parseKpiReportQuery(query, TZ);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReportQueryError);
    expect((error as ReportQueryError).problems.join('\n')).toContain(problem);
  });
});
