import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  buildKpiReport,
  buildScorecard,
  type KpiReport,
  type KpiReportRow,
  monthOnTheWall,
  parseKpiReportQuery,
  type PeakInterval,
  ReportGate,
  ReportJobs,
  storedPeakLossIntervals,
  storedReportData,
} from '@hotline/reports';
import { DEFAULT_KPI_TARGETS } from '@hotline/kpi';
import { startOfMonth } from '@hotline/calendar';
import {
  CallStore,
  DEFAULT_AGGREGATION_RULES,
  MonthlyAggregateRepository,
  parseMonthlyCsv,
  Sql,
  type StorageItem,
} from '@hotline/storage';
import { importedCentreMonth } from '@hotline/storage/monthly-aggregate.factory';
import { queueCall } from '@hotline/storage/queue-call.factory';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_GATE } from '../../apps/monitor/src/reports/report-gate.token';
import { REPORT_JOBS } from '../../apps/monitor/src/reports/report-jobs.token';
import { ReportsController } from '../../apps/monitor/src/reports/reports.controller';
import {
  REPORTS_MODULE_OPTIONS,
  type ReportsModuleOptions,
} from '../../apps/monitor/src/reports/reports-module-options';
import { loadMonitorConfig } from '../../apps/monitor/src/config/load-monitor-config';
import { MONITOR_CONFIG } from '../../apps/monitor/src/config/monitor-config.token';
import { SiteReportData } from '../../apps/monitor/src/reports/site-report-data';
import { MonthOnTheWallController } from '../../apps/monitor/src/reports/month-on-the-wall.controller';
import { SiteLive } from '../../apps/monitor/src/live/site-live';
import { OtherSiteStores } from '../../apps/monitor/src/storage/other-site-stores';
import { type Dialect, freshDatabase, testDialects } from './storage-test-databases';

const options: ReportsModuleOptions = {
  timeZone: 'Asia/Shanghai',
  folder: '/tmp/hotline-reports-api-test',
  language: 'zh',
  weekly: { enabled: false, isoWeekday: 3, at: '08:00' },
  monthly: { enabled: false, dayOfMonth: 1, at: '08:00' },
  peakIntervals: 20,
  lines: {},
  targets: DEFAULT_KPI_TARGETS,
};

describe(ReportsController.name, () => {
  let app: INestApplication;
  let base: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    await new MonthlyAggregateRepository(Sql.of(db.dataSource)).upsert(
      parseMonthlyCsv(
        readFileSync(
          join(__dirname, '../fixtures/reference/monthly-kpis-2020-07_2021-06.csv'),
          'utf8',
        ),
      ),
    );
    const moduleRef = await Test.createTestingModule({
      controllers: [ReportsController],
      providers: [
        { provide: DataSource, useValue: db.dataSource },
        { provide: REPORTS_MODULE_OPTIONS, useValue: options },
        { provide: REPORT_JOBS, useValue: new ReportJobs({ info: () => undefined }) },
        { provide: REPORT_GATE, useValue: new ReportGate() },
        { provide: MONITOR_CONFIG, useValue: loadMonitorConfig({ env: {} }) },
        // An embedded monitor: no other site's records.
        {
          provide: OtherSiteStores,
          useValue: new OtherSiteStores({}, { site: () => undefined }, 'Asia/Shanghai'),
        },
        SiteReportData,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/api/v1/reports`;
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it("reports this monitor's own site, and answers another site with a 404 naming its own", async () => {
    const own = await fetch(`${base}/scorecard?from=2020-07&to=2021-06&site=default`);
    expect(own.status).toBe(200);
    const other = await fetch(`${base}/scorecard?from=2020-07&to=2021-06&site=taiyuan`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { message: string }).message).toBe(
      'no records of site "taiyuan" here: this instance stores "default" (storage.postgres.siteSchemas)',
    );
  });

  it('answers a bad query with 400 and every problem', async () => {
    const response = await fetch(`${base}/kpi?from=2026-11-30&to=2026-11-01&by=year`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; problems: string[] };
    expect(body.code).toBe('REPORTS_ERR_QUERY');
    expect(body.problems.join('\n')).toContain('by:');
  });

  it('downloads the year as CSV with a BOM and as XLSX', async () => {
    const csv = await fetch(`${base}/kpi?from=2020-07&to=2021-06&by=month&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n2021-01,中心,全中心,44632,42607,95.46%');
    const xlsx = await fetch(`${base}/kpi?from=2020-07&to=2021-06&by=month&format=xlsx&lang=en`);
    expect(xlsx.headers.get('content-disposition')).toContain('.xlsx');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
  });

  it('serves the scorecard with the reference points', async () => {
    const response = await fetch(`${base}/scorecard?from=2020-07&to=2021-06`);
    const body = (await response.json()) as { year: { points: number; maxPoints: number } };
    expect(body.year).toMatchObject({ points: 10.8, maxPoints: 14 });
  });
});

const TZ = options.timeZone;
const at = (local: string) => Date.parse(`${local}+08:00`);

/** Known calls of one site; `q` qualifies its ids for a store holding every site's calls. */
function siteCalls(
  calls: readonly {
    id: string;
    at: number;
    outcome?: 'answered' | 'abandoned';
    waitSeconds?: number;
    talkSeconds?: number;
  }[],
  onDuty: readonly { agent: string; from: number; to: number }[],
  q: (id: string) => string = (id) => id,
): StorageItem[] {
  return [
    ...calls.map((c): StorageItem => ({
      kind: 'queue-call',
      record: queueCall({
        callId: q(c.id),
        joinedAt: c.at,
        outcome: c.outcome ?? 'answered',
        waitSeconds: c.waitSeconds ?? 5,
        ...(c.talkSeconds !== undefined ? { talkSeconds: c.talkSeconds } : {}),
        ...(c.outcome === 'abandoned' ? {} : { agent: q('1001') }),
      }),
    })),
    ...onDuty.map((d): StorageItem => ({
      kind: 'agent-state',
      record: { agent: q(d.agent), state: 'available', startedAt: d.from, endedAt: d.to },
    })),
  ];
}

/** A row's figures without its name (the total's is "all sites"). */
const figures = (row: KpiReportRow | null) =>
  row && { period: row.period, counters: row.counters, values: { ...row.values, name: null } };
const reportFigures = (report: Pick<KpiReport, 'rows' | 'total' | 'monthlyAverage'>) => ({
  rows: report.rows.map(figures),
  total: figures(report.total),
  monthlyAverage: figures(report.monthlyAverage),
});

/**
 * A cluster serve of site lvliang that reads taiyuan's records from taiyuan's own schema
 * (OtherSiteStores, as storage.postgres.siteSchemas opens it): `site=all` answers the total of
 * both, equal to the report of one store holding both sites' calls, and says what it left out.
 */
describe.each(testDialects())(
  "a serve's total of every site (site=all) on %s",
  (dialect: Dialect) => {
    let app: INestApplication;
    let api: string;
    const drops: (() => Promise<void>)[] = [];
    let otherSites: OtherSiteStores;
    let oneStore: DataSource;

    // Both sites' calls in November; taiyuan's October is an imported reference month; this
    // month's calls for the wall's month view.
    const thisMonth = startOfMonth(Date.now(), TZ);
    const inThisMonth = thisMonth + Math.floor((Date.now() - thisMonth) / 2);
    const lvliang = (q?: (id: string) => string) =>
      siteCalls(
        [
          { id: 'c1', at: at('2026-11-02T08:01:00'), waitSeconds: 5 },
          { id: 'c2', at: at('2026-11-02T08:02:00'), waitSeconds: 15 },
          { id: 'c3', at: at('2026-11-02T08:03:00'), outcome: 'abandoned', waitSeconds: 30 },
          { id: 'c4', at: inThisMonth, waitSeconds: 5 },
        ],
        [
          { agent: '1001', from: at('2026-11-02T08:00:00'), to: at('2026-11-02T08:10:00') },
          { agent: '1002', from: at('2026-11-02T08:00:00'), to: at('2026-11-02T08:10:00') },
        ],
        q,
      );
    const taiyuan = (q?: (id: string) => string) =>
      siteCalls(
        [
          { id: 'c1', at: at('2026-11-02T09:01:00'), waitSeconds: 40, talkSeconds: 400 },
          { id: 'c2', at: at('2026-11-03T09:01:00'), waitSeconds: 5 },
          { id: 'c3', at: inThisMonth, outcome: 'abandoned' },
        ],
        [
          { agent: '1001', from: at('2026-11-02T09:00:00'), to: at('2026-11-02T09:10:00') },
          { agent: '1002', from: at('2026-11-02T09:00:00'), to: at('2026-11-02T09:10:00') },
          { agent: '1003', from: at('2026-11-02T09:00:00'), to: at('2026-11-02T09:10:00') },
        ],
        q,
      );

    beforeAll(async () => {
      const store = async (items: readonly StorageItem[]) => {
        const db = await freshDatabase(dialect);
        drops.push(db.drop);
        await new CallStore(db.dataSource, DEFAULT_AGGREGATION_RULES).writeBatch(items);
        return db;
      };
      const own = await store(lvliang());
      const other = await store(taiyuan());
      await new MonthlyAggregateRepository(Sql.of(other.dataSource)).upsert([
        importedCentreMonth('2026-10', {
          offered: 30_000,
          answered: 28_000,
          satisfactionRate: 0.97,
        }),
      ]);
      oneStore = (
        await store([...lvliang((id) => `lvliang:${id}`), ...taiyuan((id) => `taiyuan:${id}`)])
      ).dataSource;
      const file = join(mkdtempSync(join(tmpdir(), 'hotline-all-sites-')), 'monitor.yaml');
      writeFileSync(
        file,
        'mode: cluster\ncluster:\n  role: serve\n  site: lvliang\n  sites: [lvliang, taiyuan]\n  redis: { url: "redis://127.0.0.1:6379" }\n',
      );
      const config = loadMonitorConfig({ env: {}, file });
      const quiet = { info: () => undefined, warn: () => undefined };
      const taiyuanLive = new SiteLive('taiyuan', config, quiet);
      otherSites = new OtherSiteStores(
        { taiyuan: other.options },
        { site: (name) => (name === 'taiyuan' ? taiyuanLive : undefined) },
        TZ,
      );
      await otherSites.begin();
      expect(otherSites.open).toEqual(['taiyuan']);
      const moduleRef = await Test.createTestingModule({
        controllers: [ReportsController, MonthOnTheWallController],
        providers: [
          { provide: DataSource, useValue: own.dataSource },
          { provide: REPORTS_MODULE_OPTIONS, useValue: options },
          { provide: REPORT_JOBS, useValue: new ReportJobs({ info: () => undefined }) },
          { provide: REPORT_GATE, useValue: new ReportGate() },
          { provide: MONITOR_CONFIG, useValue: config },
          { provide: OtherSiteStores, useValue: otherSites },
          SiteReportData,
        ],
      }).compile();
      app = moduleRef.createNestApplication({ logger: false });
      await app.listen(0, '127.0.0.1');
      api = `${await app.getUrl()}/api/v1`;
    });
    afterAll(async () => {
      await app?.close();
      await otherSites?.stop();
      for (const drop of drops) await drop();
    });

    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${api}${path}`);
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };

    it('sums the sites by month from counts, names the sites, and leaves out the imported month', async () => {
      type Body = KpiReport & { sites: string[]; omittedPeriods: unknown[] };
      const body = await get<Body>('/reports/kpi?from=2026-10&to=2026-11&by=month&site=all');
      expect(body.sites).toEqual(['lvliang', 'taiyuan']);
      expect(body.omittedPeriods).toEqual([
        { period: '2026-10', reason: 'imported-month', sites: ['taiyuan'] },
      ]);
      expect(body.rows.map((r) => r.values)).toEqual([
        expect.objectContaining({
          period: '2026-11',
          name: '全平台（各站点合计）',
          offered: 5,
          answered: 4,
          answerRate: 0.8,
          answered10s: 2,
          answered10sRate: 0.5,
          over5min: 1,
          maxWait: 40,
          // 2 at lvliang at 08:00, 3 at taiyuan at 09:00: never 5 at once.
          agentsOnDuty: 3,
        }),
      ]);
      const request = parseKpiReportQuery({ from: '2026-10', to: '2026-11', by: 'month' }, TZ);
      const one = await buildKpiReport(storedReportData(oneStore), request);
      expect(reportFigures(body)).toEqual(reportFigures(one));
    });

    it('sums by interval and by day as one store holding both sites would', async () => {
      for (const by of ['interval', 'day'] as const) {
        const query = { from: '2026-11-02', to: '2026-11-03', by };
        const body = await get<KpiReport>(
          `/reports/kpi?${new URLSearchParams({ ...query, site: 'all' }).toString()}`,
        );
        const one = await buildKpiReport(
          storedReportData(oneStore),
          parseKpiReportQuery(query, TZ),
        );
        expect(one.rows.length).toBeGreaterThan(1);
        expect(reportFigures(body)).toEqual(reportFigures(one));
      }
    });

    it('writes the omitted month into the CSV after the total', async () => {
      const response = await fetch(
        `${api}/reports/kpi?from=2026-10&to=2026-11&by=month&format=csv&site=all`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain(
        'kpi-all-sites-centre-by-month',
      );
      const lines = (await response.text()).split('\r\n');
      expect(lines.find((l) => l.startsWith('2026-11,'))).toMatch(
        /^2026-11,中心,全平台（各站点合计）,5,4,80\.00%,/,
      );
      expect(lines.find((l) => l.startsWith('2026-10,'))).toMatch(
        /^2026-10,未计入合计,该月为导入的参考数据.*: taiyuan,/,
      );
      const omitted = lines.findIndex((l) => l.startsWith('2026-10,'));
      expect(omitted).toBeGreaterThan(lines.findIndex((l) => l.startsWith('合计,')));
      expect(lines.findIndex((l) => l.startsWith('合计,'))).toBeGreaterThan(0);
    });

    it('has the centre only: a queue report of every site is a 400 saying why', async () => {
      const response = await fetch(
        `${api}/reports/kpi?from=2026-11&to=2026-11&scope=queue&site=all`,
      );
      expect(response.status).toBe(400);
      const body = (await response.json()) as { problems: string[] };
      expect(body.problems).toEqual([expect.stringMatching(/never merged across sites/)]);
    });

    it('scores the platform as one store holding both sites', async () => {
      type Card = Awaited<ReturnType<typeof buildScorecard>> & { omittedPeriods: unknown[] };
      const card = await get<Card>('/reports/scorecard?from=2026-10&to=2026-11&site=all');
      const one = await buildScorecard(
        storedReportData(oneStore),
        '2026-10',
        '2026-11',
        Date.now(),
        TZ,
      );
      expect(card.months).toEqual(one.months);
      expect(card.months.map((m) => m.month)).toEqual(['2026-11']);
      expect(card.year).toEqual(one.year);
      expect(card.omittedPeriods).toEqual([
        { period: '2026-10', reason: 'imported-month', sites: ['taiyuan'] },
      ]);
    });

    it('writes the omitted month into the scorecard CSV, every figure empty', async () => {
      const response = await fetch(
        `${api}/reports/scorecard?from=2026-10&to=2026-11&format=csv&site=all`,
      );
      expect(response.status).toBe(200);
      const lines = (await response.text()).split('\r\n');
      expect(lines.filter((l) => l.startsWith('2026-'))).toEqual([
        expect.stringMatching(/^2026-11,5,/),
        expect.stringMatching(/^2026-10 未计入合计: 该月为导入的参考数据.*: taiyuan,+$/),
      ]);
    });

    it('lists the peak-loss intervals of the sites added up', async () => {
      const peaks = await get<PeakInterval[]>(
        '/reports/peak-hours?from=2026-11-01&to=2026-11-30&site=all',
      );
      const range = parseKpiReportQuery({ from: '2026-11-01', to: '2026-11-30' }, TZ);
      const one = await storedPeakLossIntervals(
        storedReportData(oneStore),
        range.fromMs,
        range.toMs,
        TZ,
        20,
      );
      expect(peaks).toEqual(one);
      expect(peaks.map((p) => [p.label, p.lost, p.agentsOnDuty])).toEqual([
        ['2026-11-02 08:00', 1, 2],
      ]);
    });

    it("shows the wall the sites' month so far added up", async () => {
      type Month = { offeredToDate: number; sites?: string[]; peakLoss: { lost: number }[] };
      const own = await get<Month>('/month?site=lvliang');
      const other = await get<Month>('/month?site=taiyuan');
      const all = await get<Month>('/month?site=all');
      const one = await monthOnTheWall(storedReportData(oneStore), Date.now(), TZ);
      expect(all.sites).toEqual(['lvliang', 'taiyuan']);
      expect(one.offeredToDate).toBeGreaterThanOrEqual(2);
      expect(all.offeredToDate).toBe(one.offeredToDate);
      expect(all.offeredToDate).toBe(own.offeredToDate + other.offeredToDate);
      expect(all.peakLoss).toEqual(one.peakLoss);
      expect(all.peakLoss.length).toBeGreaterThan(0);
    });
  },
);
