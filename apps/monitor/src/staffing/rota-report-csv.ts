import type { StaffingRotaReport } from './staffing-views';

const COLUMNS = [
  'date',
  'time',
  'weekday',
  'offered',
  'offered_load_erlangs',
  'required_agents',
  'scheduled_agents',
  'shortfall',
  'short',
] as const;

/**
 * The week's staffing gaps as CSV: one row per 15-minute interval (local date and time),
 * required (Erlang A) versus scheduled (the rota), the shortfall, and `short` = 1 where the
 * rota falls below the requirement. RFC 4180 line ends; every field is numeric or a date/time,
 * so nothing needs quoting.
 */
export function rotaReportCsv(report: StaffingRotaReport): string {
  const lines = [COLUMNS.join(',')];
  for (const row of report.intervals) {
    lines.push(
      [
        row.date,
        row.time,
        row.weekday,
        row.offered,
        row.offeredLoad.toFixed(2),
        row.required,
        row.scheduled.toFixed(2),
        row.shortfall.toFixed(2),
        row.shortfall > 0 ? 1 : 0,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function rotaReportFileName(report: StaffingRotaReport): string {
  return `staffing-gaps-${report.weekStart}.csv`;
}
