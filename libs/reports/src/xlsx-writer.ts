import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ColumnFormat } from './report-columns';
import type { ReportTable, StreamedReportTable } from './report-table';
import { drained } from './writable-drained';

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  count: '#,##0',
  rate: '0.00%',
  seconds: '0.0',
  decimal: '0.00',
  fixed2: '0.00',
};

/**
 * Writes a workbook, one worksheet per table, to `output` as its rows arrive (exceljs's
 * streaming WorkbookWriter: each row is committed and leaves memory). Numbers stay numbers
 * (rates as 0–1 with a % format); strings are stored as text, never as formulas. Ends `output`.
 */
export async function writeXlsx(
  output: Writable,
  tables: readonly (ReportTable | StreamedReportTable)[],
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Hotline Monitor';
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    // Column styles before the first row: the streaming writer writes <cols> with it.
    sheet.columns = table.formats.map((format, i) => {
      const numFmt = NUMBER_FORMATS[format];
      return {
        width: Math.max(10, Math.min(28, table.headers[i].length * 2 + 2)),
        ...(numFmt ? { style: { numFmt } } : {}),
      };
    });
    const head = sheet.addRow([...table.headers]);
    head.font = { bold: true };
    head.commit();
    let written = 0;
    for await (const row of table.rows) {
      sheet.addRow([...row]).commit();
      // A slow reader: wait for it rather than hold the workbook in memory.
      if (++written % 500 === 0) await drained(output);
    }
    sheet.commit();
  }
  await workbook.commit();
}

/** The workbook in memory (scheduled report files, small downloads). */
export async function toXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeXlsx(sink, tables);
  return Buffer.concat(chunks);
}

function sheetName(title: string): string {
  // Excel: at most 31 characters, none of : \ / ? * [ ]
  return title.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Report';
}
