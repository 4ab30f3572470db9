import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  buildKpiReport,
  buildScorecard,
  scorecardExportTable,
  kpiReportTable,
  listReportFiles,
  parseKpiReportQuery,
  ReportJobs,
  storedReportData,
  toCsv,
  toXlsx,
  writePeriodReport,
} from '@hotline/reports';
import {
  CallStore,
  DEFAULT_AGGREGATION_RULES,
  MonthlyAggregateRepository,
  parseMonthlyCsv,
  Sql,
} from '@hotline/storage';
import { queueCall } from '@hotline/storage/queue-call.factory';
import { type Dialect, freshDatabase, testDialects } from './storage-test-databases';

const TZ = 'Asia/Shanghai';
const REFERENCE_CSV = readFileSync(
  join(__dirname, '../fixtures/reference/monthly-kpis-2020-07_2021-06.csv'),
  'utf8',
);
const at = (local: string) => Date.parse(`${local}+08:00`);

const silentJobs = () => new ReportJobs({ info: () => undefined });

describe.each(testDialects())('reports on %s', (dialect: Dialect) => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  beforeEach(async () => {
    db = await freshDatabase(dialect);
  });
  afterEach(async () => db.drop());

  describe('fed the twelve reference months (2020-07 … 2021-06)', () => {
    beforeEach(async () => {
      await new MonthlyAggregateRepository(Sql.of(db.dataSource)).upsert(
        parseMonthlyCsv(REFERENCE_CSV),
      );
    });

    it('reproduces the evaluation report: 94.36 %, 90.49 %, 24.72 % and 28,676 calls a month', async () => {
      const request = parseKpiReportQuery(
        { from: '2020-07', to: '2021-06', by: 'month', scope: 'centre' },
        TZ,
      );
      const report = await buildKpiReport(storedReportData(db.dataSource), request);
      expect(report.rows).toHaveLength(12);
      expect(report.rows[6].values).toMatchObject({
        period: '2021-01',
        offered: 44632,
        answered: 42607,
      });
      const total = report.total!.values;
      expect(total.offered).toBe(344111);
      expect(total.answered).toBe(324720);
      expect(((total.answerRate as number) * 100).toFixed(2)).toBe('94.36');
      expect(((total.answered10sRate as number) * 100).toFixed(2)).toBe('90.49');
      expect(((total.over5minRate as number) * 100).toFixed(2)).toBe('24.72');
      expect(report.monthlyAverage!.values.offered).toBe(28676);
      const csv = toCsv(kpiReportTable(report, 'year')).toString('utf8');
      expect(csv.split('\r\n').find((l) => l.startsWith('合计'))).toContain('344111,324720,94.36%');
      expect(csv.split('\r\n').find((l) => l.startsWith('月均'))).toContain(',28676,');
    });

    it('scores the year exactly as the evaluation report: 2/3, 4/5, 2/2, 2/2, 0.8/2', async () => {
      const card = await buildScorecard(
        storedReportData(db.dataSource),
        '2020-07',
        '2021-06',
        at('2026-11-29T12:00:00'),
        TZ,
      );
      const { year } = card;
      expect(year.months).toHaveLength(12);
      expect([
        year.volume.points,
        year.answerRate.points,
        year.answeredIn10sRate.points,
        year.overFiveMinuteRate.points,
        year.satisfaction.points,
      ]).toEqual([2, 4, 2, 2, 0.8]);
      expect(year.satisfaction.monthsBelowTarget).toBe(6);
      expect(Math.round(year.averageMonthlyOffered)).toBe(28676);
      expect(card.projection).toBeNull();
      const lines = toCsv(scorecardExportTable(card, 'zh')).toString('utf8').split('\r\n');
      // The range: average month 28676 calls (2 points), 94.36 % (4), 90.49 % (2), 24.72 % (2),
      // 6 months below the satisfaction target (0.8); 10.8 of 14.
      expect(lines.find((l) => l.startsWith('全期 2020-07~2021-06'))).toMatch(
        /,28676,2,94\.36%,4,90\.49%,2,24\.72%,2,,6,0\.8,10\.8$/,
      );
    });
  });

  describe('built from stored calls', () => {
    beforeEach(async () => {
      const store = new CallStore(db.dataSource, DEFAULT_AGGREGATION_RULES);
      const calls = [
        queueCall({
          callId: 'a1',
          queue: 'q-1',
          line: '12345',
          agent: '1001',
          joinedAt: at('2026-11-02T08:01:00'),
          waitSeconds: 4,
          talkSeconds: 301,
        }),
        queueCall({
          callId: 'a2',
          queue: 'q-1',
          line: '12345',
          agent: '1002',
          joinedAt: at('2026-11-02T08:03:00'),
          waitSeconds: 25,
          talkSeconds: 300,
        }),
        queueCall({
          callId: 'a3',
          queue: 'q-1',
          line: '12315',
          outcome: 'abandoned',
          joinedAt: at('2026-11-02T08:05:00'),
          waitSeconds: 3,
        }),
        queueCall({
          callId: 'a4',
          queue: 'q-2',
          line: '12315',
          outcome: 'blocked',
          joinedAt: at('2026-11-03T23:59:00'),
          waitSeconds: 0,
        }),
      ];
      await store.writeBatch(calls.map((record) => ({ kind: 'queue-call' as const, record })));
      await store.writeBatch([
        {
          kind: 'rating',
          record: {
            ratingId: 'r1',
            callId: 'a1',
            queue: 'q-1',
            agent: '1001',
            score: 5,
            ratedAt: at('2026-11-02T08:07:00'),
          },
        },
        {
          kind: 'rating',
          record: {
            ratingId: 'r2',
            callId: 'a2',
            queue: 'q-1',
            agent: '1002',
            score: 2,
            ratedAt: at('2026-11-02T08:09:00'),
          },
        },
        {
          kind: 'agent-state',
          record: {
            agent: '1001',
            state: 'available',
            startedAt: at('2026-11-02T07:50:00'),
            endedAt: at('2026-11-02T08:20:00'),
          },
        },
        {
          kind: 'agent-state',
          record: {
            agent: '1002',
            state: 'paused',
            pauseReason: '小休',
            startedAt: at('2026-11-02T08:00:00'),
            endedAt: at('2026-11-02T08:10:00'),
          },
        },
      ]);
    });

    it('gives the day figures per centre with Chinese headers, and in English on request', async () => {
      const zh = await buildKpiReport(
        storedReportData(db.dataSource),
        parseKpiReportQuery({ from: '2026-11-02', to: '2026-11-03', by: 'day' }, TZ),
      );
      expect(zh.headers.slice(3, 10)).toEqual([
        '话务量',
        '话务接通数',
        '话务接通率',
        '热线10秒接通数',
        '热线10秒接通率',
        '超5分钟通话数',
        '超5分钟通话率',
      ]);
      expect(zh.rows.map((r) => r.period)).toEqual(['2026-11-02', '2026-11-03']);
      expect(zh.rows[0].values).toMatchObject({
        offered: 3,
        answered: 2,
        answered10s: 1,
        over5min: 1,
        abandoned: 1,
        shortAbandoned: 1,
        asa: 14.5,
        maxWait: 25,
        agentsOnDuty: 2,
        ratings: 2,
        satisfaction: 0.5,
      });
      expect(zh.rows[1].values).toMatchObject({
        offered: 1,
        blocked: 1,
        answered: 0,
        answerRate: 0,
      });
      const en = await buildKpiReport(
        storedReportData(db.dataSource),
        parseKpiReportQuery({ from: '2026-11-02', to: '2026-11-03', lang: 'en' }, TZ),
      );
      expect(en.headers.slice(3, 6)).toEqual(['Offered', 'Answered', 'Answer rate']);
    });

    it('splits by line and by 15-minute interval', async () => {
      const byLine = await buildKpiReport(
        storedReportData(db.dataSource),
        parseKpiReportQuery(
          { from: '2026-11-01', to: '2026-11-30', by: 'month', scope: 'line' },
          TZ,
        ),
      );
      expect(byLine.rows.map((r) => [r.scopeKey, r.values.offered])).toEqual([
        ['12315', 2],
        ['12345', 2],
      ]);
      const intervals = await buildKpiReport(
        storedReportData(db.dataSource),
        parseKpiReportQuery(
          { from: '2026-11-02', to: '2026-11-02', by: 'interval', scope: 'agent', key: '1001' },
          TZ,
        ),
      );
      expect(
        intervals.rows.map((r) => [r.period, r.values.answered, r.values.agentsOnDuty]),
      ).toEqual([
        ['2026-11-02 07:45', 0, 1],
        ['2026-11-02 08:00', 1, 1],
        ['2026-11-02 08:15', 0, 1],
      ]);
    });

    it('writes a CSV Excel reads as UTF-8 and an XLSX that parses back with its headers and rows', async () => {
      const report = await buildKpiReport(
        storedReportData(db.dataSource),
        parseKpiReportQuery({ from: '2026-11-02', to: '2026-11-02', scope: 'queue' }, TZ),
      );
      const csv = toCsv(kpiReportTable(report, 'queues'));
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.toString('utf8').slice(1).split('\r\n');
      expect(lines[0].startsWith('时段,统计维度,对象,话务量,话务接通数,话务接通率')).toBe(true);
      expect(lines[1].startsWith('2026-11-02,队列,q-1,3,2,66.67%,1,50.00%,1,50.00%')).toBe(true);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        (await toXlsx([kpiReportTable(report, 'queues')])) as unknown as ArrayBuffer,
      );
      const sheet = workbook.getWorksheet('queues')!;
      expect(sheet.getRow(1).getCell(4).value).toBe('话务量');
      expect(sheet.getRow(1).getCell(8).value).toBe('热线10秒接通率');
      expect(sheet.getRow(2).getCell(3).value).toBe('q-1');
      expect(sheet.getRow(2).getCell(4).value).toBe(3);
      expect(sheet.getRow(2).getCell(6).value).toBeCloseTo(2 / 3, 10);
      expect(sheet.getColumn(6).numFmt).toBe('0.00%');
    });

    it('projects the month in progress from the stored days so far', async () => {
      const card = await buildScorecard(
        storedReportData(db.dataSource),
        '2026-11',
        '2026-11',
        at('2026-11-16T00:00:00'),
        TZ,
      );
      expect(card.projection).not.toBeNull();
      expect(card.projection!.elapsed).toBeCloseTo(0.5, 5);
      expect(card.projection!.projected.offered).toBe(8); // 4 calls in half a month
    });

    it('writes the weekly report files with progress and lists them', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'hotline-reports-'));
      const jobs = silentJobs();
      const files = await writePeriodReport(
        storedReportData(db.dataSource),
        {
          kind: 'weekly',
          from: at('2026-11-02T00:00:00'),
          to: at('2026-11-09T00:00:00'),
          timeZone: TZ,
          folder,
          lang: 'zh',
        },
        jobs,
      );
      expect(files).toContain('weekly-2026-11-02_2026-11-08.xlsx');
      expect(files).toContain('weekly-2026-11-02_2026-11-08-peak-loss.csv');
      const [job] = jobs.list();
      expect(job).toMatchObject({ state: 'done', percent: 100 });
      expect((await listReportFiles(folder)).map((f) => f.name).sort()).toEqual([...files].sort());
      const peak = readFileSync(
        join(folder, 'weekly-2026-11-02_2026-11-08-peak-loss.csv'),
        'utf8',
      ).split('\r\n');
      // Equal loss: the worse loss rate first; the refused call had nobody on duty.
      expect(peak[1]).toBe('2026-11-03 23:45,1,0,1,100.00%,0,0,1,0,0,');
      expect(peak[2]).toBe('2026-11-02 08:00,3,2,1,33.33%,1,0,0,25,2,1.5');
    });
  });
});
