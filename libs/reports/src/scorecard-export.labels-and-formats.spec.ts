import ExcelJS from 'exceljs';
import { type MonthlyFigures, projectMonth, scoreMonth, scoreYear } from '@hotline/kpi';
import { toCsv } from './csv-writer';
import { type ScorecardReport, scorecardExportTable } from './scorecard-report';
import { toXlsx } from './xlsx-writer';

const month = (m: MonthlyFigures): MonthlyFigures => m;
const JANUARY = month({
  month: '2021-01',
  offered: 32_000,
  inProgress: 0,
  answered: 30_720,
  answeredWithin10s: 24_576,
  overFiveMinutes: 9_830,
  satisfactionRate: 0.97,
});
const FEBRUARY = month({
  month: '2021-02',
  offered: 25_000,
  inProgress: 0,
  answered: 23_000,
  answeredWithin10s: 18_400,
  overFiveMinutes: 9_000,
  satisfactionRate: 0.94,
});
/** March so far: 10 of its 31 days gone at 2021-03-11 00:00 Shanghai. */
const MARCH_SO_FAR = month({
  month: '2021-03',
  offered: 10_000,
  inProgress: 0,
  answered: 9_600,
  answeredWithin10s: 8_000,
  overFiveMinutes: 2_000,
  satisfactionRate: 0.97,
});
const NOW = Date.UTC(2021, 2, 10, 16, 0, 0);

/** As buildScorecard gathers it: every month, the complete ones as the year, March projected. */
const CARD: ScorecardReport = {
  fromMonth: '2021-01',
  toMonth: '2021-03',
  months: [JANUARY, FEBRUARY, MARCH_SO_FAR].map((m) => scoreMonth(m)),
  year: scoreYear([JANUARY, FEBRUARY]),
  projection: projectMonth(MARCH_SO_FAR, NOW, 'Asia/Shanghai'),
};

const csvLines = (lang: 'zh' | 'en') =>
  toCsv(scorecardExportTable(CARD, lang), { bom: false }).toString('utf8').split('\r\n');

describe(`${scorecardExportTable.name}: a row per month, the range and the projection`, () => {
  it('names each column for what it holds, targets and maximum points included (zh)', () => {
    expect(csvLines('zh')[0]).toBe(
      '期间,月话务量（目标 30000）,话务量得分（满分 3）,话务接通率（目标 ≥ 95%）,接通率得分（满分 5）,' +
        '热线10秒接通率（目标 ≥ 80%）,10秒接通率得分（满分 2）,超5分钟通话率（目标 < 36%）,' +
        '超5分钟得分（满分 2）,满意率（目标 ≥ 95%）,满意率未达标月数,满意率得分（满分 2）,合计得分（满分 14）',
    );
  });

  it('writes counts as whole numbers and rates with %, month by month', () => {
    const [, january, february, march] = csvLines('zh');
    expect(january).toBe('2021-01,32000,3,96.00%,5,80.00%,2,32.00%,2,97.00%,0,2,14');
    // 16.7 % short of the volume (0), 92 % (2), 39.13 % over 5 min (0), satisfaction 94 % (1.8).
    expect(february).toBe('2021-02,25000,0,92.00%,2,80.00%,2,39.13%,0,94.00%,1,1.8,5.8');
    expect(march).toBe('2021-03（至今）,10000,0,96.00%,5,83.33%,2,20.83%,2,97.00%,0,2,11');
  });

  it('scores the complete months as the year: the average month, and months below target as a count', () => {
    const range = csvLines('zh')[4];
    // 28,500 a month is exactly 5 % short: one step, 2 of 3 points; 94.25 %: 4 of 5.
    // Satisfaction of a range is no rate: its rate cell stays empty, the count says 1 month.
    expect(range).toBe(
      '全期 2021-01~2021-02（2 个月，话务量为月均）,28500,2,94.25%,4,80.00%,2,35.05%,2,,1,1.8,11.8',
    );
  });

  it('says the projection is one, and from how much of the month', () => {
    const projection = csvLines('zh')[5];
    expect(projection).toBe(
      '2021-03 月末预测（按本月已过 32.26% 外推，非实际值）,31000,3,96.00%,5,83.33%,2,20.83%,2,97.00%,0,2,14',
    );
    expect(csvLines('en')[5]).toMatch(
      /^2021-03 month-end projection \(extrapolated from 32\.26% of the month; not actual\),31000,/,
    );
  });

  it('speaks English on request', () => {
    const [header, , , , range] = csvLines('en');
    expect(header).toContain('Calls offered per month (target 30000)');
    expect(header).toContain('Months below the satisfaction target');
    expect(header).toContain('Satisfaction rate (target ≥ 95%)');
    expect(range).toMatch(/^Range 2021-01~2021-02 \(2 months; calls: monthly average\),28500,/);
  });

  it('takes the targets it is given into the headers', () => {
    const table = scorecardExportTable(CARD, 'zh', {
      answerRate: 0.9,
      answeredIn10sRate: 0.75,
      overFiveMinuteRate: 0.4,
      satisfactionRate: 0.9,
      monthlyOffered: 25_000,
    });
    expect(table.headers[1]).toBe('月话务量（目标 25000）');
    expect(table.headers[3]).toBe('话务接通率（目标 ≥ 90%）');
    expect(table.headers[7]).toBe('超5分钟通话率（目标 < 40%）');
  });

  it('stores numbers in XLSX: whole counts with a count format, rates as fractions with a % format', async () => {
    const workbook = new ExcelJS.Workbook();
    const xlsx = await toXlsx([scorecardExportTable(CARD, 'zh')]);
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('考核得分')!;
    expect(sheet.getColumn(2).numFmt).toBe('#,##0');
    expect(sheet.getColumn(4).numFmt).toBe('0.00%');
    expect(sheet.getColumn(11).numFmt).toBe('#,##0');
    const range = sheet.getRow(5);
    expect(range.getCell(2).value).toBe(28_500);
    expect(range.getCell(4).value).toBeCloseTo(0.9425, 10);
    expect(range.getCell(10).value).toBeNull();
    expect(range.getCell(11).value).toBe(1);
    expect(sheet.getRow(6).getCell(2).value).toBe(31_000);
  });
});
