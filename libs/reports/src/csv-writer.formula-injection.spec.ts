import { csvPieces, csvRow, csvText, toCsv } from './csv-writer';
import type { ReportTable } from './report-table';

describe('CSV writer: formula injection (OWASP) and RFC 4180 quoting', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ["-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['+8613800000000', "'+8613800000000"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tab', "'\tab"],
    ['\r=1', "'\r=1"],
    ['12345', '12345'],
    ['1001', '1001'],
    ['2026-11-02 ~ 2026-11-08', '2026-11-02 ~ 2026-11-08'],
    ['a=b', 'a=b'],
    ['张三', '张三'],
    ['', ''],
  ])('text %j is written as %j before quoting', (text, written) => {
    expect(csvText(text)).toBe(written);
  });

  it('neutralises a text cell, then quotes it where it holds a quote, comma, CR or LF', () => {
    const formats = ['text', 'text', 'text', 'text', 'text', 'text'] as const;
    expect(
      csvRow(
        ['=HYPERLINK("http://x","y")', '\r=1', 'a"b', 'a,b', 'a\nb', "-1+cmd|' /C calc'!A0"],
        formats,
      ),
    ).toBe(`"'=HYPERLINK(""http://x"",""y"")","'\r=1","a""b","a,b","a\nb",'-1+cmd|' /C calc'!A0`);
  });

  it('writes numbers we hold as numbers bare, negative ones included', () => {
    expect(
      csvRow(
        [-1, -0.5, -12.34, -3.456, 1234, 2 / 3, -2, null],
        ['count', 'rate', 'seconds', 'decimal', 'count', 'rate', 'fixed2', 'count'],
      ),
    ).toBe('-1,-50.00%,-12.3,-3.46,1234,66.67%,-2.00,');
  });

  it('neutralises headers too, and writes a BOM unless told not to', () => {
    const table: ReportTable = {
      title: 't',
      headers: ['=cmd', 'ok'],
      formats: ['text', 'count'],
      rows: [['-1', -1]],
    };
    expect(toCsv(table).toString('utf8')).toBe("\uFEFF'=cmd,ok\r\n'-1,-1\r\n");
    expect(toCsv(table, { bom: false }).toString('utf8')).toBe("'=cmd,ok\r\n'-1,-1\r\n");
  });

  it('streams the same bytes as it writes in memory, in pieces for a large table', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [`@agent-${i}`, i - 2_500, i / 5_000]);
    const table: ReportTable = {
      title: 't',
      headers: ['name', 'n', 'rate'],
      formats: ['text', 'count', 'rate'],
      rows,
    };
    async function* arriving() {
      for (const row of rows) yield await Promise.resolve(row);
    }
    const pieces: string[] = [];
    for await (const piece of csvPieces({ ...table, rows: arriving() })) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(toCsv(table).toString('utf8'));
  });
});
