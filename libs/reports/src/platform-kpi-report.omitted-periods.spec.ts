import type { DataSource } from 'typeorm';
import {
  CallStore,
  DEFAULT_AGGREGATION_RULES,
  MonthlyAggregateRepository,
  openDatabase,
  rollUpMonth,
  Sql,
  type StorageItem,
} from '@hotline/storage';
import { importedCentreMonth } from '@hotline/storage/monthly-aggregate.factory';
import { queueCall } from '@hotline/storage/queue-call.factory';
import { buildPlatformKpiReport, type SiteReportSource } from './platform-kpi-report';
import { platformReportData } from './platform-report-data';
import { platformMonthOnTheWall } from './month-on-the-wall';
import { storedReportData } from './report-data';
import { parseKpiReportQuery, ReportQueryError, type KpiReportQueryInput } from './report-query';
import { platformReportStreamTable } from './report-table';
import { platformKpiReport } from './platform-kpi-report';

const TZ = DEFAULT_AGGREGATION_RULES.timeZone;
const at = (local: string) => Date.parse(`${local}+08:00`);

const call = (callId: string, local: string, outcome: 'answered' | 'abandoned' = 'answered') => ({
  kind: 'queue-call' as const,
  record: queueCall({ callId, joinedAt: at(local), outcome }),
});
const onDuty = (agent: string, from: string, to: string): StorageItem => ({
  kind: 'agent-state',
  record: { agent, state: 'available', startedAt: at(from), endedAt: at(to) },
});

describe('the platform report', () => {
  const stores: DataSource[] = [];
  const storeWith = async (items: readonly StorageItem[]): Promise<DataSource> => {
    const store = await openDatabase({ driver: 'sqlite', path: ':memory:' });
    await new CallStore(store, DEFAULT_AGGREGATION_RULES).writeBatch(items);
    stores.push(store);
    return store;
  };
  const site = (name: string, store: DataSource, timeZone = TZ): SiteReportSource => ({
    site: name,
    timeZone,
    data: storedReportData(store),
  });
  const request = (query: KpiReportQueryInput) =>
    parseKpiReportQuery({ scope: 'centre', ...query }, TZ);

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.destroy();
  });

  it("takes agents on duty as the peak of the sites' summed intervals, not the sum of their peaks", async () => {
    // Taiyuan has 2 on duty at 08:00, Lvliang 3 at 09:00 and 1 at 08:00: the platform never had 5.
    const taiyuan = await storeWith([
      onDuty('1001', '2026-11-02T08:00:00', '2026-11-02T08:10:00'),
      onDuty('1002', '2026-11-02T08:00:00', '2026-11-02T08:10:00'),
    ]);
    const lvliang = await storeWith([
      onDuty('1001', '2026-11-02T08:05:00', '2026-11-02T08:10:00'),
      onDuty('1001', '2026-11-02T09:00:00', '2026-11-02T09:10:00'),
      onDuty('1002', '2026-11-02T09:00:00', '2026-11-02T09:10:00'),
      onDuty('1003', '2026-11-02T09:00:00', '2026-11-02T09:10:00'),
    ]);
    const sites = [site('taiyuan', taiyuan), site('lvliang', lvliang)];
    const day = await buildPlatformKpiReport(
      sites,
      request({ from: '2026-11-02', to: '2026-11-02' }),
    );
    expect(day.rows.map((r) => r.values.agentsOnDuty)).toEqual([3]);
    expect(day.total?.values.agentsOnDuty).toBe(3);
    const intervals = await buildPlatformKpiReport(
      sites,
      request({ from: '2026-11-02', to: '2026-11-02', by: 'interval' }),
    );
    expect(intervals.rows.map((r) => [r.period, r.values.agentsOnDuty])).toEqual([
      ['2026-11-02 08:00', 3],
      ['2026-11-02 09:00', 3],
    ]);
  });

  it("derives rates from the summed counts, never from the sites' rates", async () => {
    // 1 of 1 answered at one site, 1 of 3 at the other: 2 of 4 (50 %), not the mean of 100 % and 33 %.
    const a = await storeWith([call('a1', '2026-11-02T08:00:00')]);
    const b = await storeWith([
      call('b1', '2026-11-02T08:00:00'),
      call('b2', '2026-11-02T08:01:00', 'abandoned'),
      call('b3', '2026-11-02T08:02:00', 'abandoned'),
    ]);
    const report = await buildPlatformKpiReport(
      [site('a', a), site('b', b)],
      request({ from: '2026-11-02', to: '2026-11-02' }),
    );
    expect(report.rows[0].values).toMatchObject({ offered: 4, answered: 2, answerRate: 0.5 });
  });

  it('leaves out a month a site holds only as imported reference figures, and says so', async () => {
    const a = await storeWith([
      call('a1', '2026-10-15T10:00:00'),
      call('a2', '2026-11-02T10:00:00'),
      call('a3', '2026-12-01T10:00:00'),
    ]);
    const b = await storeWith([call('b1', '2026-11-03T10:00:00')]);
    await new MonthlyAggregateRepository(Sql.of(b)).upsert([
      importedCentreMonth('2026-10', { offered: 30_000, answered: 28_000, satisfactionRate: 0.97 }),
    ]);
    const sites = [site('a', a), site('b', b)];
    const months = await buildPlatformKpiReport(
      sites,
      request({ from: '2026-10', to: '2026-12', by: 'month' }),
    );
    expect(months.rows.map((r) => [r.period, r.values.offered])).toEqual([
      ['2026-11', 2],
      ['2026-12', 1],
    ]);
    expect(months.omittedPeriods).toEqual([
      { period: '2026-10', reason: 'imported-month', sites: ['b'] },
    ]);
    expect(months.total?.values.offered).toBe(3);
    // Its days and a week reaching into it would lack the site's calls too: left out, the
    // month named, whether or not another site had calls then.
    const weeks = await buildPlatformKpiReport(
      sites,
      request({ from: '2026-10-26', to: '2026-11-08', by: 'week' }),
    );
    expect(weeks.rows.map((r) => r.period)).toEqual(['2026-11-02 ~ 2026-11-08']);
    expect(weeks.omittedPeriods).toEqual(months.omittedPeriods);
    const days = await buildPlatformKpiReport(
      sites,
      request({ from: '2026-10-15', to: '2026-11-02' }),
    );
    expect(days.rows.map((r) => r.period)).toEqual(['2026-11-02']);
    expect(days.omittedPeriods).toEqual(months.omittedPeriods);
  });

  it('names an omitted month even when no other site had a call in it', async () => {
    const a = await storeWith([call('a1', '2026-11-02T10:00:00')]);
    const b = await storeWith([]);
    await new MonthlyAggregateRepository(Sql.of(b)).upsert([
      importedCentreMonth('2026-10', { offered: 30_000, answered: 28_000, satisfactionRate: 0.97 }),
    ]);
    const report = await buildPlatformKpiReport(
      [site('a', a), site('b', b)],
      request({ from: '2026-10', to: '2026-11', by: 'month' }),
    );
    expect(report.rows.map((r) => r.period)).toEqual(['2026-11']);
    expect(report.omittedPeriods).toEqual([
      { period: '2026-10', reason: 'imported-month', sites: ['b'] },
    ]);
  });

  it('gives the wall no projection and no peaks for a month it cannot sum, and says why', async () => {
    const a = await storeWith([call('a1', '2026-10-15T10:00:00', 'abandoned')]);
    const b = await storeWith([]);
    await new MonthlyAggregateRepository(Sql.of(b)).upsert([
      importedCentreMonth('2026-10', { offered: 30_000, answered: 28_000, satisfactionRate: 0.97 }),
    ]);
    const now = at('2026-10-20T12:00:00');
    const sites = [site('a', a), site('b', b)];
    const month = await platformMonthOnTheWall(sites, now, TZ);
    expect(month).toMatchObject({
      month: '2026-10',
      sites: ['a', 'b'],
      omittedPeriods: [{ period: '2026-10', reason: 'imported-month', sites: ['b'] }],
      offeredToDate: 0,
      projection: null,
      peakLoss: [],
    });
    // Without the imported site, the same month is summed and projected.
    const alone = await platformMonthOnTheWall([site('a', a)], now, TZ);
    expect(alone).toMatchObject({ offeredToDate: 1, omittedPeriods: [] });
    expect(alone.projection).not.toBeNull();
    expect(alone.peakLoss.map((p) => p.lost)).toEqual([1]);
  });

  it('leaves out a month a site holds only rolled up (its 15-minute rows purged)', async () => {
    const a = await storeWith([call('a1', '2026-10-15T10:00:00')]);
    const b = await storeWith([call('b1', '2026-10-16T10:00:00')]);
    await rollUpMonth(b, '2026-10', TZ);
    await Sql.of(b).run('DELETE FROM interval_aggregate');
    const report = await buildPlatformKpiReport(
      [site('a', a), site('b', b)],
      request({ from: '2026-10', to: '2026-10', by: 'month' }),
    );
    expect(report.rows).toEqual([]);
    expect(report.total).toBeNull();
    expect(report.omittedPeriods).toEqual([
      { period: '2026-10', reason: 'month-without-intervals', sites: ['b'] },
    ]);
  });

  it("leaves out days when a site's calendar is another time zone's, but sums its intervals", async () => {
    const a = await storeWith([call('a1', '2026-11-02T10:00:00')]);
    const b = await storeWith([call('b1', '2026-11-02T10:00:00')]);
    const sites = [site('a', a), site('b', b, 'Asia/Urumqi')];
    const days = await buildPlatformKpiReport(
      sites,
      request({ from: '2026-11-02', to: '2026-11-02' }),
    );
    expect(days.rows).toEqual([]);
    expect(days.omittedPeriods).toEqual([
      { period: '2026-11-02', reason: 'calendars-differ', sites: ['b'] },
    ]);
    const intervals = await buildPlatformKpiReport(
      sites,
      request({ from: '2026-11-02', to: '2026-11-02', by: 'interval' }),
    );
    expect(intervals.rows.map((r) => [r.period, r.values.offered])).toEqual([
      ['2026-11-02 10:00', 2],
    ]);
  });

  it('lists what it left out in a CSV/XLSX table too, after the total', async () => {
    const a = await storeWith([call('a1', '2026-11-02T10:00:00')]);
    const report = platformKpiReport(
      [site('a', a), site('b', await storeWith([]), 'Asia/Urumqi')],
      request({ from: '2026-11-02', to: '2026-11-02', lang: 'en' }),
    );
    const rows: unknown[][] = [];
    for await (const row of platformReportStreamTable(report, 'centre-day', 'en').rows)
      rows.push([...row]);
    expect(rows).toEqual([
      [
        '2026-11-02',
        'Not in the total',
        expect.stringMatching(/^sites in other time zones: not the same period: b$/),
        ...rows[0].slice(3).map(() => null),
      ],
    ]);
  });

  it('has the centre only: a queue, line or agent is a 400 saying why', () => {
    const data = platformReportData([]);
    expect(() =>
      platformKpiReport([], request({ from: '2026-11-02', to: '2026-11-02', scope: 'queue' })),
    ).toThrow(ReportQueryError);
    expect(() =>
      platformKpiReport([], request({ from: '2026-11-02', to: '2026-11-02', scope: 'agent' })),
    ).toThrow(/never merged across sites/);
    return expect(data.intervals(0, 1, 'line')).rejects.toThrow(ReportQueryError);
  });
});
