import { type ReportTable, toCsv } from '@hotline/reports';
import type { StaffingRotaReport } from '@hotline/staffing';

const COLUMNS = [
  ['date', 'text'],
  ['time', 'text'],
  ['weekday', 'count'],
  ['offered', 'count'],
  ['offered_load_erlangs', 'fixed2'],
  ['required_agents', 'count'],
  ['scheduled_agents', 'fixed2'],
  ['shortfall', 'fixed2'],
  ['short', 'count'],
] as const;

/**
 * The week's staffing gaps as CSV: one row per 15-minute interval (local date and time),
 * required (Erlang A) versus scheduled (the rota), the shortfall, and `short` = 1 where the
 * rota falls below the requirement. Written by the reports' one CSV writer; machine-readable
 * column names, so no BOM.
 */
export function rotaReportCsv(report: StaffingRotaReport): string {
  const table: ReportTable = {
    title: `staffing-gaps-${report.weekStart}`,
    headers: COLUMNS.map(([name]) => name),
    formats: COLUMNS.map(([, format]) => format),
    rows: report.intervals.map((row) => [
      row.date,
      row.time,
      row.weekday,
      row.offered,
      row.offeredLoad,
      row.required,
      row.scheduled,
      row.shortfall,
      row.shortfall > 0 ? 1 : 0,
    ]),
  };
  return toCsv(table, { bom: false }).toString('utf8');
}

export function rotaReportFileName(report: StaffingRotaReport): string {
  return `staffing-gaps-${report.weekStart}.csv`;
}
