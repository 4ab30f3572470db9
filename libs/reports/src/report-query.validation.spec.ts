import { parseKpiReportQuery, ReportQueryError } from './report-query';

const TZ = 'Asia/Shanghai';

function problemsOf(query: Record<string, string>): string {
  try {
    parseKpiReportQuery(query, TZ);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportQueryError);
    return (error as ReportQueryError).problems.join('\n');
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

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
    expect(parseKpiReportQuery({ from: '2024-02', to: '2024-02' }, TZ).toMs).toBe(
      Date.parse('2024-03-01T00:00:00+08:00'),
    );
  });

  it.each([
    ['2024-02-29', '2024-02-29', '2024-03-01T00:00:00+08:00'],
    ['2026-12-31', '2026-12-31', '2027-01-01T00:00:00+08:00'],
    ['2099-12-31', '2099-12-31', '2100-01-01T00:00:00+08:00'],
  ])('accepts the edge date %s', (from, to, end) => {
    const request = parseKpiReportQuery({ from, to }, TZ);
    expect(request.fromMs).toBe(Date.parse(`${from}T00:00:00+08:00`));
    expect(request.toMs).toBe(Date.parse(end));
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
    // D9: impossible dates are a 400 with the reason, never rolled over or reinterpreted.
    [{ from: '2026-02-30', to: '2026-03-05' }, 'from: 2026-02-30 does not exist'],
    [{ from: '2026-00', to: '2026-03' }, 'from: month 00 does not exist'],
    [{ from: '2026-01', to: '2026-99' }, 'to: month 99 does not exist'],
    [{ from: '9999-01-01', to: '9999-01-02' }, 'from: year 9999 is outside the supported'],
    [{ from: '2026-01-01', to: '9999-12-31' }, 'to: year 9999 is outside'],
    [{ from: '0000-01-01', to: '2026-01-01' }, 'from: year 0000 is outside'],
  ])('rejects %j with a clear problem', (query, problem) => {
    expect(problemsOf(query)).toContain(problem);
  });

  describe('range caps per grain and scope', () => {
    it.each([
      // [scope, key, by, longest accepted range: from, to]
      ['centre', undefined, 'interval', '2026-01-01', '2026-01-31'],
      ['agent', '1001', 'interval', '2026-01-01', '2026-01-31'],
      ['agent', undefined, 'interval', '2026-01-01', '2026-01-07'],
      ['centre', undefined, 'day', '2016-01-01', '2026-02-16'],
      ['agent', '1001', 'month', '2016-01-01', '2026-02-16'],
      ['queue', undefined, 'day', '2024-01-01', '2026-12-31'],
      ['line', undefined, 'month', '2024-01-01', '2024-12-31'],
      ['agent', undefined, 'day', '2026-01-01', '2026-04-02'],
      ['agent', undefined, 'week', '2026-01-01', '2026-04-02'],
    ] as const)(
      '%s (key %s) by %s: accepts %s…%s, refuses a day more',
      (scope, key, by, from, to) => {
        const query = { scope, by, from, to, ...(key ? { key } : {}) };
        expect(() => parseKpiReportQuery(query, TZ)).not.toThrow();
        const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000)
          .toISOString()
          .slice(0, 10);
        const problem = problemsOf({ ...query, to: next });
        expect(problem).toMatch(by === 'interval' ? /^by: 15-minute rows/ : /^to: reports of/);
        expect(problem).toMatch(/\(asked \d+\)/);
      },
    );

    it('suggests one key for the scopes whose cap a key lifts', () => {
      expect(problemsOf({ scope: 'agent', from: '2026-01-01', to: '2026-12-31' })).toBe(
        'to: reports of all agents cover at most 92 days (asked 365); shorten the range or give one key=',
      );
      expect(problemsOf({ from: '2010-01-01', to: '2026-12-31', by: 'month' })).toBe(
        'to: reports of the centre cover at most 3700 days (asked 6209); shorten the range',
      );
    });
  });
});
