import type { KpiReport, KpiReportStream } from './kpi-report.builder';
import {
  NOT_IN_THE_TOTAL,
  omissionNote,
  type OmittedReportPeriod,
  type PlatformKpiReportStream,
} from './platform-kpi-report';
import { header } from './report-columns';
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
      if (id === 'scope') return header(NOT_IN_THE_TOTAL, lang);
      if (id === 'name') return omissionNote(o, lang);
      return null;
    });
  async function* rows(): AsyncGenerator<readonly ReportValue[]> {
    yield* table.rows;
    for (const omitted of report.summary().omittedPeriods) yield line(omitted);
  }
  return { ...table, rows: rows() };
}
