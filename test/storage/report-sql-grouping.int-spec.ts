import {
  buildKpiReport,
  type KpiReportQueryInput,
  type PaceOptions,
  parseKpiReportQuery,
  peakLossIntervals,
  storedPeakLossIntervals,
  storedReportData,
} from '@hotline/reports';
import { FIFTEEN_MINUTES_MS, monthKey } from '@hotline/calendar';
import {
  addCounters,
  CENTRE_KEY,
  emptyCounters,
  IntervalAggregateRepository,
  type IntervalAggregateRow,
  type StoredCounters,
  MonthlyAggregateRepository,
  type MonthlyAggregateRow,
  rollUpMonth,
  type ScopeKind,
  Sql,
} from '@hotline/storage';
import { inMemoryKpiReport } from '../support/in-memory-kpi-report';
import { type Dialect, freshDatabase, testDialects } from './storage-test-databases';

/**
 * Reports are computed by the database a few days per call (SUM/MAX per period and key); they
 * must equal, row for row, what the in-memory grouping of every 15-minute row gave before
 * (test/support/in-memory-kpi-report.ts, the builder of commit 2c487c8): every grain and scope,
 * a key or all keys, ranges starting mid-week and mid-month, a zone with DST (Europe/Berlin,
 * 29 March 2026 has 23 hours), months served by monthly_aggregate, and call sizes from one day
 * to the adaptive default.
 */

const FIRST = Date.parse('2026-01-26T00:00:00Z');
const LAST = Date.parse('2026-04-07T00:00:00Z');
const KEYS: Record<Exclude<ScopeKind, 'centre'>, readonly string[]> = {
  queue: ['q1', 'q2', 'Q3'],
  // '-' is the line the PBX did not report; code order ≠ locale order on purpose.
  line: ['12345', '12315', '-', 'L9'],
  agent: ['a10', 'a9', 'B', 'b', '张三', '李四', '1001'],
};

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seededRows(): IntervalAggregateRow[] {
  const rand = random(20261206);
  const int = (n: number) => Math.floor(rand() * n);
  const rows: IntervalAggregateRow[] = [];
  for (let start = FIRST; start < LAST; start += FIFTEEN_MINUTES_MS) {
    const scopes: [ScopeKind, string, number][] = [['centre', CENTRE_KEY, 0.9]];
    for (const [kind, keys] of Object.entries(KEYS) as [ScopeKind, string[]][])
      for (const key of keys) scopes.push([kind, key, kind === 'agent' ? 0.3 : 0.5]);
    for (const [scopeKind, scopeKey, share] of scopes) {
      if (rand() > share) continue;
      const offered = int(20);
      const answered = int(offered + 1);
      const ratings = int(answered + 1);
      rows.push({
        intervalStart: start,
        scopeKind,
        scopeKey,
        offered,
        answered,
        answered10s: int(answered + 1),
        over5min: int(answered + 1),
        abandoned: int(offered - answered + 1),
        shortAbandoned: int(2),
        exited: int(2),
        blocked: int(2),
        unknown: int(2),
        sumWait: answered * int(60),
        sumTalk: answered * int(600),
        talkUnknown: int(2),
        maxWait: int(400),
        ratings,
        satisfied: int(ratings + 1),
        agentsOnDuty: int(40),
      });
    }
  }
  return rows;
}

function month(
  monthText: string,
  scopeKind: ScopeKind,
  scopeKey: string,
  offered: number,
  source: 'computed' | 'imported',
): MonthlyAggregateRow {
  return {
    month: monthText,
    scopeKind,
    scopeKey,
    offered,
    answered: offered - 7,
    answered10s: offered - 20,
    over5min: 11,
    abandoned: 5,
    shortAbandoned: 1,
    exited: 1,
    blocked: 1,
    unknown: 2,
    sumWait: 900,
    sumTalk: 90_000,
    talkUnknown: 1,
    maxWait: 321,
    ratings: source === 'imported' ? 0 : 40,
    satisfied: source === 'imported' ? 0 : 37,
    agentsOnDuty: 33,
    satisfactionRate: source === 'imported' ? 0.9312 : null,
    source,
  };
}

/** December 2025 has no 15-minute rows: the monthly aggregates serve it. February has both. */
const MONTHS: MonthlyAggregateRow[] = [
  month('2025-12', 'centre', CENTRE_KEY, 41_000, 'imported'),
  month('2025-12', 'queue', 'q1', 30_000, 'computed'),
  month('2025-12', 'queue', 'Q3', 9_000, 'computed'),
  month('2025-12', 'line', '12345', 35_000, 'computed'),
  month('2025-12', 'agent', 'a9', 800, 'computed'),
  month('2026-02', 'centre', CENTRE_KEY, 99_999, 'computed'),
  month('2026-02', 'agent', 'a9', 99_999, 'computed'),
];

const CASES: KpiReportQueryInput[] = [
  { by: 'month', scope: 'centre', from: '2025-12', to: '2026-04' },
  { by: 'month', scope: 'queue', from: '2025-12', to: '2026-04', lang: 'en' },
  { by: 'month', scope: 'line', from: '2025-12-15', to: '2026-04-10' },
  { by: 'month', scope: 'agent', from: '2026-01', to: '2026-03' },
  { by: 'month', scope: 'agent', key: 'a9', from: '2025-12', to: '2026-04' },
  { by: 'month', scope: 'queue', key: 'q2', from: '2025-12', to: '2026-01' },
  { by: 'week', scope: 'centre', from: '2026-01-28', to: '2026-04-02' },
  { by: 'week', scope: 'agent', from: '2026-01-26', to: '2026-04-06' },
  { by: 'week', scope: 'line', key: '-', from: '2026-02-11', to: '2026-03-17', lang: 'en' },
  { by: 'day', scope: 'centre', from: '2026-01-20', to: '2026-04-10' },
  { by: 'day', scope: 'agent', from: '2026-02-11', to: '2026-04-06' },
  { by: 'day', scope: 'line', from: '2026-03-25', to: '2026-04-02' },
  { by: 'day', scope: 'queue', key: 'Q3', from: '2026-02-27', to: '2026-03-02' },
  { by: 'interval', scope: 'centre', from: '2026-03-27', to: '2026-03-31' },
  { by: 'interval', scope: 'agent', from: '2026-03-27', to: '2026-03-31' },
  { by: 'interval', scope: 'line', key: '12345', from: '2026-03-28', to: '2026-03-30' },
  { by: 'day', scope: 'agent', key: 'nobody', from: '2026-02-01', to: '2026-02-05' },
];

const PACES: [string, PaceOptions][] = [
  ['adaptive calls', {}],
  ['one day a call', { sliceMs: 0 }],
  ['at most 5 days a call', { sliceMs: 1e9, maxDays: 5 }],
];

describe.each(testDialects())(
  'reports computed by %s equal the in-memory grouping',
  (dialect: Dialect) => {
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    let repository: IntervalAggregateRepository;
    let seeded: IntervalAggregateRow[];

    beforeAll(async () => {
      db = await freshDatabase(dialect);
      const sql = Sql.of(db.dataSource);
      repository = new IntervalAggregateRepository(sql);
      seeded = seededRows();
      const byDay = new Map<number, IntervalAggregateRow[]>();
      for (const row of seeded) {
        const day = row.intervalStart - (row.intervalStart % 86_400_000);
        byDay.set(day, [...(byDay.get(day) ?? []), row]);
      }
      for (const [day, rows] of byDay) {
        const starts = Array.from({ length: 96 }, (_, i) => day + i * FIFTEEN_MINUTES_MS);
        await repository.replaceIntervals(starts, rows);
      }
      await new MonthlyAggregateRepository(sql).upsert(MONTHS);
    }, 120_000);
    afterAll(async () => db?.drop());

    it('has what the cases need: every scope kind, and 15-minute rows around the DST change', async () => {
      expect(seeded.length).toBeGreaterThan(30_000);
      const dst = await repository.findBetween(
        Date.parse('2026-03-29T00:00:00+01:00'),
        Date.parse('2026-03-30T00:00:00+02:00'),
      );
      expect(new Set(dst.map((r) => r.scopeKind))).toEqual(
        new Set(['centre', 'queue', 'line', 'agent']),
      );
    });

    for (const timeZone of ['Asia/Shanghai', 'Europe/Berlin']) {
      describe(`in ${timeZone}`, () => {
        it.each(CASES.map((query) => [JSON.stringify(query), query] as const))(
          '%s',
          async (_, query) => {
            const request = parseKpiReportQuery(query, timeZone);
            const data = storedReportData(db.dataSource);
            const naming = { lines: { '12345': '12345政务服务便民热线' } };
            const months =
              request.by === 'month'
                ? (
                    await data.months(
                      monthKey(request.fromMs, timeZone),
                      monthKey(request.toMs - 1, timeZone),
                      request.scope,
                    )
                  ).filter((m) => request.key === undefined || m.scopeKey === request.key)
                : [];
            const expected = inMemoryKpiReport(
              request,
              await data.intervals(request.fromMs, request.toMs, request.scope, request.key),
              months,
              naming,
            );
            if (request.key !== 'nobody') expect(expected.rows.length).toBeGreaterThan(0);
            for (const [, pace] of PACES) {
              const actual = await buildKpiReport(data, request, naming, pace);
              expect(actual.rows).toEqual(expected.rows);
              expect(actual.total).toEqual(expected.total);
              expect(actual.monthlyAverage).toEqual(expected.monthlyAverage);
            }
          },
          60_000,
        );
      });
    }

    it('serves a month without 15-minute rows from monthly_aggregate, and only such a month', async () => {
      const report = await buildKpiReport(
        storedReportData(db.dataSource),
        parseKpiReportQuery(
          { by: 'month', scope: 'agent', key: 'a9', from: '2025-12', to: '2026-02' },
          'Asia/Shanghai',
        ),
      );
      expect(report.rows.map((r) => [r.period, r.values.offered === 800])).toEqual([
        ['2025-12', true],
        ['2026-01', false],
        ['2026-02', false],
      ]);
      expect(report.rows[2].values.offered).not.toBe(99_999);
    });

    it.each([1, 7, 50])('finds the top %i peak-loss intervals a few days per call', async (top) => {
      const from = Date.parse('2026-01-30T00:00:00+08:00');
      const to = Date.parse('2026-04-03T00:00:00+08:00');
      const data = storedReportData(db.dataSource);
      const expected = peakLossIntervals(
        await data.intervals(from, to, 'centre'),
        'Asia/Shanghai',
        top,
      );
      expect(expected).toHaveLength(top);
      for (const [, pace] of PACES)
        expect(await storedPeakLossIntervals(data, from, to, 'Asia/Shanghai', top, pace)).toEqual(
          expected,
        );
    });

    it('rolls a month up (a day per call) to exactly the sums of its 15-minute rows', async () => {
      const monthStart = Date.parse('2026-03-01T00:00:00+08:00');
      const monthEnd = Date.parse('2026-04-01T00:00:00+08:00');
      const expected = new Map<string, StoredCounters>();
      for (const row of await repository.findBetween(monthStart, monthEnd)) {
        const id = `${row.scopeKind}|${row.scopeKey}`;
        expected.set(id, addCounters(expected.get(id) ?? emptyCounters(), row));
      }
      expect(await rollUpMonth(db.dataSource, '2026-03', 'Asia/Shanghai')).toBe(expected.size);
      const stored = await new MonthlyAggregateRepository(Sql.of(db.dataSource)).findMonths(
        '2026-03',
        '2026-03',
      );
      expect(
        new Map(
          stored.map((m) => [`${m.scopeKind}|${m.scopeKey}`, addCounters(emptyCounters(), m)]),
        ),
      ).toEqual(expected);
      expect(stored.every((m) => m.source === 'computed')).toBe(true);
    });
  },
);
