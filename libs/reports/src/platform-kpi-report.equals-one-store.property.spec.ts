import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import {
  CallStore,
  DEFAULT_AGGREGATION_RULES,
  openDatabase,
  type QueueCallOutcome,
  type StorageItem,
} from '@hotline/storage';
import { queueCall } from '@hotline/storage/queue-call.factory';
import { buildKpiReport, type KpiReport } from './kpi-report.builder';
import type { KpiReportRow } from './kpi-report-row';
import { buildPlatformKpiReport, type SiteReportSource } from './platform-kpi-report';
import { storedReportData } from './report-data';
import { parseKpiReportQuery, type ReportGrain } from './report-query';
import { buildPlatformScorecard, buildScorecard } from './scorecard-report';

/**
 * The platform total is the report of one store holding every site's calls: for random calls,
 * ratings and agents' on-duty spans at 1–3 sites (each its own real SQLite store, written by the
 * real CallStore), the platform report by interval, day, week and month — rows, total, monthly
 * average — and the platform scorecard equal those of one store fed all of them with
 * site-qualified ids (two PBXs' ids and agent names collide; one store must not merge them).
 * The range crosses a week and a month boundary. True for every column: the sites' contacts are
 * disjoint, and so are their agents, so the one store's agents on duty per interval are the
 * sites' added.
 */

const TZ = DEFAULT_AGGREGATION_RULES.timeZone;
const at = (local: string) => Date.parse(`${local}+08:00`);
const FROM = at('2026-03-28T00:00:00');
const SPAN_MS = 7 * 24 * 60 * 60 * 1000;

interface CallSpec {
  readonly joinOffsetMs: number;
  readonly outcome: QueueCallOutcome;
  readonly waitSeconds: number;
  readonly talkSeconds: number;
  readonly agent: string;
  readonly score: number | null;
  /** A second visit of the same contact (a transfer), this long after the first ends. */
  readonly revisitAfterMs: number | null;
}

interface SpanSpec {
  readonly agent: string;
  readonly startOffsetMs: number;
  readonly lengthMs: number;
  readonly state: 'available' | 'paused' | 'logged-out';
}

interface SiteSpec {
  readonly calls: readonly CallSpec[];
  readonly spans: readonly SpanSpec[];
}

const agentArb = fc.constantFrom('1001', '1002', '1003');
const callArb: fc.Arbitrary<CallSpec> = fc.record({
  joinOffsetMs: fc.integer({ min: 0, max: SPAN_MS - 1 }),
  outcome: fc.constantFrom<QueueCallOutcome>('answered', 'answered', 'abandoned', 'exited'),
  waitSeconds: fc.oneof(fc.integer({ min: 8, max: 12 }), fc.integer({ min: 0, max: 200 })),
  talkSeconds: fc.oneof(fc.integer({ min: 298, max: 302 }), fc.integer({ min: 0, max: 900 })),
  agent: agentArb,
  score: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 2 }),
  revisitAfterMs: fc.option(fc.integer({ min: 0, max: 5_000 }), { freq: 4 }),
});
const spanArb: fc.Arbitrary<SpanSpec> = fc.record({
  agent: agentArb,
  startOffsetMs: fc.integer({ min: 0, max: SPAN_MS - 1 }),
  lengthMs: fc.integer({ min: 1_000, max: 10 * 60 * 60 * 1000 }),
  state: fc.constantFrom('available', 'paused', 'logged-out'),
});
const siteArb: fc.Arbitrary<SiteSpec> = fc.record({
  calls: fc.array(callArb, { maxLength: 25 }),
  spans: fc.array(spanArb, { maxLength: 6 }),
});

/** A site's records as its PBX names them; `q` qualifies ids for the one shared store. */
function recordsOf(site: SiteSpec, q: (id: string) => string): StorageItem[] {
  const items: StorageItem[] = [];
  site.calls.forEach((c, i) => {
    const visits = c.revisitAfterMs === null ? 1 : 2;
    let joinedAt = FROM + c.joinOffsetMs;
    for (let v = 0; v < visits; v++) {
      const callId = q(`c${i}-${v}`);
      const answered = c.outcome === 'answered';
      const record = queueCall({
        callId,
        contactId: q(`c${i}`),
        joinedAt,
        outcome: c.outcome,
        waitSeconds: c.waitSeconds,
        talkSeconds: answered ? c.talkSeconds : null,
        agent: answered ? q(c.agent) : null,
      });
      items.push({ kind: 'queue-call', record });
      if (answered && c.score !== null)
        items.push({
          kind: 'rating',
          record: {
            ratingId: q(`r${i}-${v}`),
            contactId: record.contactId,
            callId,
            queue: record.queue,
            agent: record.agent,
            score: c.score,
            ratedAt: record.endedAt! + 2_000,
          },
        });
      joinedAt = record.endedAt! + (c.revisitAfterMs ?? 0);
    }
  });
  site.spans.forEach((s) =>
    items.push({
      kind: 'agent-state',
      record: {
        agent: q(s.agent),
        state: s.state,
        startedAt: FROM + s.startOffsetMs,
        endedAt: FROM + s.startOffsetMs + s.lengthMs,
      },
    }),
  );
  return items;
}

async function storeWith(items: readonly StorageItem[]): Promise<DataSource> {
  const dataSource = await openDatabase({ driver: 'sqlite', path: ':memory:' });
  await new CallStore(dataSource, DEFAULT_AGGREGATION_RULES).writeBatch(items);
  return dataSource;
}

/** A row with its figures, not its name (the platform's is "all sites"). */
const figures = (row: KpiReportRow | null) => {
  if (row === null) return null;
  const { name: _name, ...values } = row.values;
  return { period: row.period, periodStart: row.periodStart, counters: row.counters, values };
};
const reportFigures = (report: KpiReport) => ({
  rows: report.rows.map(figures),
  total: figures(report.total),
  monthlyAverage: figures(report.monthlyAverage),
});

const REQUESTS: readonly { by: ReportGrain; from: string; to: string }[] = [
  { by: 'interval', from: '2026-03-31', to: '2026-04-01' },
  { by: 'day', from: '2026-03-28', to: '2026-04-03' },
  { by: 'week', from: '2026-03-28', to: '2026-04-03' },
  { by: 'month', from: '2026-03', to: '2026-04' },
];

describe('the platform report of several sites', () => {
  it('equals the report of one store holding all their calls, at every grain, and the scorecard too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(siteArb, { minLength: 1, maxLength: 3 }), async (specs) => {
        const names = specs.map((_, i) => `site-${i}`);
        const stores = await Promise.all(specs.map((s) => storeWith(recordsOf(s, (id) => id))));
        const one = await storeWith(
          specs.flatMap((s, i) => recordsOf(s, (id) => `${names[i]}:${id}`)),
        );
        try {
          const sites: SiteReportSource[] = stores.map((store, i) => ({
            site: names[i],
            timeZone: TZ,
            data: storedReportData(store),
          }));
          for (const query of REQUESTS) {
            const request = parseKpiReportQuery({ ...query, scope: 'centre' }, TZ);
            const platform = await buildPlatformKpiReport(sites, request);
            const expected = await buildKpiReport(storedReportData(one), request);
            expect(reportFigures(platform)).toEqual(reportFigures(expected));
            expect(platform.omittedPeriods).toEqual([]);
            expect(platform.sites).toEqual(names);
          }
          const now = at('2026-04-02T12:00:00');
          const {
            sites: _s,
            omittedPeriods,
            ...card
          } = await buildPlatformScorecard(sites, '2026-03', '2026-04', now, TZ);
          expect(omittedPeriods).toEqual([]);
          expect(card).toEqual(
            await buildScorecard(storedReportData(one), '2026-03', '2026-04', now, TZ),
          );
        } finally {
          for (const store of [...stores, one]) await store.destroy();
        }
      }),
      { numRuns: 12 },
    );
  }, 60_000);
});
