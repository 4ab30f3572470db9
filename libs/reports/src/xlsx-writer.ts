import ExcelJS from 'exceljs';
import type { ColumnFormat } from './report-columns';
import type { ReportTable } from './report-table';

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  count: '#,##0',
  rate: '0.00%',
  seconds: '0.0',
  decimal: '0.00',
};

/** One worksheet per table; numbers stay numbers (rates as 0–1 with a % format). */
export async function toXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hotline Monitor';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title));
    sheet.addRow([...table.headers]).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of table.rows) sheet.addRow(row.map((v) => (v === null ? null : v)));
    table.formats.forEach((format, i) => {
      const column = sheet.getColumn(i + 1);
      const numFmt = NUMBER_FORMATS[format];
      if (numFmt) column.numFmt = numFmt;
      column.width = Math.max(10, Math.min(28, table.headers[i].length * 2 + 2));
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}

function sheetName(title: string): string {
  // Excel: at most 31 characters, none of : \ / ? * [ ]
  return title.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Report';
}
