import type { ColumnFormat } from './report-columns';
import type { ReportValue } from './kpi-report-row';
import type { ReportTable } from './report-table';

/** Excel opens a CSV as UTF-8 (and shows the Chinese headers) only when it starts with a BOM. */
const BOM = '\uFEFF';

/** RFC 4180 CSV, CRLF line ends, UTF-8 with BOM; rates as "94.36%", seconds with one decimal. */
export function toCsv(table: ReportTable): Buffer {
  const lines = [table.headers.map(quote).join(',')];
  for (const row of table.rows)
    lines.push(row.map((value, i) => quote(formatCell(value, table.formats[i]))).join(','));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

export function formatCell(value: ReportValue, format: ColumnFormat): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'rate':
      return `${(value * 100).toFixed(2)}%`;
    case 'seconds':
      return value.toFixed(1);
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
    case 'decimal':
      return String(Math.round(value * 100) / 100);
    case 'text':
      return String(value);
  }
}

function quote(cell: string): string {
  // Also neutralise spreadsheet formulas in names that come from the PBX (CSV injection).
  const safe = /^[=+\-@]/.test(cell) && !/^-?\d/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
