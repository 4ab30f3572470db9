import type { ColumnFormat } from './report-columns';
import type { ReportValue } from './kpi-report-row';
import type { ReportTable, StreamedReportTable } from './report-table';

/** Excel opens a CSV as UTF-8 (and shows the Chinese headers) only when it starts with a BOM. */
const BOM = '\uFEFF';
const CRLF = '\r\n';
/** Streamed CSV goes out in pieces of about this many characters. */
const PIECE_CHARS = 64 * 1024;

export interface CsvOptions {
  /** Start with a UTF-8 BOM (default true: the reports are opened in Excel). */
  readonly bom?: boolean;
}

/**
 * The one CSV writer (reports, scheduled files, the staffing rota): RFC 4180, CRLF line ends,
 * UTF-8; rates as "94.36%", seconds with one decimal. Text cells are neutralised against
 * formula injection (see `csvText`); numbers we typed as numbers are written as numbers.
 */
export function toCsv(table: ReportTable, options: CsvOptions = {}): Buffer {
  const lines = [csvHeader(table.headers)];
  for (const row of table.rows) lines.push(csvRow(row, table.formats));
  return Buffer.from((options.bom === false ? '' : BOM) + lines.join(CRLF) + CRLF, 'utf8');
}

/** The same CSV, produced row by row as the table's rows arrive, in pieces of ~64 KB. */
export async function* csvPieces(
  table: ReportTable | StreamedReportTable,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  let piece = (options.bom === false ? '' : BOM) + csvHeader(table.headers) + CRLF;
  for await (const row of table.rows) {
    piece += csvRow(row, table.formats) + CRLF;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  if (piece.length > 0) yield piece;
}

export function csvHeader(headers: readonly string[]): string {
  return headers.map((h) => quote(csvText(h))).join(',');
}

export function csvRow(values: readonly ReportValue[], formats: readonly ColumnFormat[]): string {
  return values
    .map((value, i) => {
      if (value === null) return '';
      return typeof value === 'number' ? formatNumber(value, formats[i]) : quote(csvText(value));
    })
    .join(',');
}

/**
 * Text as a spreadsheet will not run it (OWASP "CSV injection"): a cell starting with `=`, `+`,
 * `-`, `@`, TAB or CR is a formula to Excel or LibreOffice — `-1+cmd|' /C calc'!A0` as much as
 * `=HYPERLINK(…)` — so it gets a leading `'`. Every string is text here, even one that looks
 * like a number: only values we hold as numbers (formatNumber) are written bare.
 */
export function csvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A number in its column's format: rates "94.36%", seconds "14.5", counts whole. */
export function formatNumber(value: number, format: ColumnFormat): string {
  switch (format) {
    case 'rate':
      return `${(value * 100).toFixed(2)}%`;
    case 'seconds':
      return value.toFixed(1);
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
    case 'decimal':
      return String(Math.round(value * 100) / 100);
    case 'fixed2':
      return value.toFixed(2);
    case 'text':
      return String(value);
  }
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
