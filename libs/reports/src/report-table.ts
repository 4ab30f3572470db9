import type { KpiReport } from './kpi-report.builder';
import type { ColumnFormat } from './report-columns';
import type { ReportValue } from './kpi-report-row';

/** A rectangular table any writer (CSV, XLSX) can render: headers, formats, rows of values. */
export interface ReportTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly formats: readonly ColumnFormat[];
  readonly rows: readonly (readonly ReportValue[])[];
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
