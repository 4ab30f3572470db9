import type { KpiReport, KpiReportStream } from './kpi-report.builder';
import type { OmittedReportPeriod, PlatformKpiReportStream } from './platform-kpi-report';
import type { ReportLanguage } from './report-query';
import type { ColumnFormat } from './report-columns';
import type { ReportValue } from './kpi-report-row';

/** A rectangular table any writer (CSV, XLSX) can render: headers, formats, rows of values. */
export interface ReportTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly formats: readonly ColumnFormat[];
  readonly rows: readonly (readonly ReportValue[])[];
}

/** The same, with rows that arrive as they are computed (read once). */
export interface StreamedReportTable extends Omit<ReportTable, 'rows'> {
  readonly rows: AsyncIterable<readonly ReportValue[]>;
}

export function kpiReportTable(report: KpiReport, title: string): ReportTable {
  const ids = report.columns.map((c) => c.id);
  const lines = [...report.rows];
  if (report.total) lines.push(report.total);
  if (report.monthlyAverage) lines.push(report.monthlyAverage);
  return {
    title,
    headers: report.headers,
    formats: report.columns.map((c) => c.format),
    rows: lines.map((row) => ids.map((id) => row.values[id])),
  };
}

/** A report stream as a table: its rows as they come, then the total and monthly average. */
export function kpiReportStreamTable(report: KpiReportStream, title: string): StreamedReportTable {
  const ids = report.columns.map((c) => c.id);
  async function* rows(): AsyncGenerator<readonly ReportValue[]> {
    for await (const row of report.rows()) yield ids.map((id) => row.values[id]);
    const { total, monthlyAverage } = report.summary();
    for (const row of [total, monthlyAverage]) if (row) yield ids.map((id) => row.values[id]);
  }
  return {
    title,
    headers: report.headers,
    formats: report.columns.map((c) => c.format),
    rows: rows(),
  };
}

const OMITTED_LABEL = { zh: '未计入合计', en: 'Not in the total' };
const OMISSION_REASONS: Record<OmittedReportPeriod['reason'], { zh: string; en: string }> = {
  'imported-month': {
    zh: '该月为导入的参考数据（只有比率，无可相加的计数）',
    en: 'imported reference month (rates only, no counts to add)',
  },
  'month-without-intervals': {
    zh: '该月只有月汇总（15分钟数据已清理，无法得出出勤峰值）',
    en: 'month held rolled up only (15-minute rows purged: no on-duty peak)',
  },
  'calendars-differ': {
    zh: '站点时区不同，日期不是同一时段',
    en: 'sites in other time zones: not the same period',
  },
};

/**
 * The platform report as a table: its rows and summary, then a line per period left out of the
 * total with the reason and the sites, so a file never lacks a month without saying so.
 */
export function platformReportStreamTable(
  report: PlatformKpiReportStream,
  title: string,
  lang: ReportLanguage,
): StreamedReportTable {
  const table = kpiReportStreamTable(report, title);
  const ids = report.columns.map((c) => c.id);
  const line = (o: OmittedReportPeriod): ReportValue[] =>
    ids.map((id) => {
      if (id === 'period') return o.period;
      if (id === 'scope') return OMITTED_LABEL[lang];
      if (id === 'name') return `${OMISSION_REASONS[o.reason][lang]}: ${o.sites.join(', ')}`;
      return null;
    });
  async function* rows(): AsyncGenerator<readonly ReportValue[]> {
    yield* table.rows;
    for (const omitted of report.summary().omittedPeriods) yield line(omitted);
  }
  return { ...table, rows: rows() };
}
