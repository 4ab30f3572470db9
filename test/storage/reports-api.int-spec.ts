import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ReportGate, ReportJobs } from '@hotline/reports';
import { DEFAULT_KPI_TARGETS } from '@hotline/kpi';
import { MonthlyAggregateRepository, parseMonthlyCsv, Sql } from '@hotline/storage';
import { readFileSync } from 'node:fs';
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
import { OtherSiteStores } from '../../apps/monitor/src/storage/other-site-stores';
import { freshDatabase } from './storage-test-databases';

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
