import {
  COUNTER_COMBINE,
  CENTRE_KEY,
  emptyCounters,
  type IntervalAggregateRow,
  type PieceSum,
  type ScopeKind,
  type StoredCounters,
} from '@hotline/storage';
import { mostLoss } from './peak-hours';
import type { ReportData } from './report-data';
import { ReportQueryError } from './report-query';

/**
 * Adds one site's counters of an interval (or a piece of time) into the platform's: counts add
 * up, the longest wait is the longest at any site, and agents on duty add up — they are on duty
 * at the same time in different rooms. (Over a longer period the on-duty count is a peak: see
 * `sums`, which takes it from the summed intervals, never from the sites' own peaks.)
 */
export function addSiteCounters(platform: StoredCounters, site: StoredCounters): StoredCounters {
  for (const key of Object.keys(COUNTER_COMBINE) as (keyof StoredCounters)[])
    platform[key] =
      key !== 'agentsOnDuty' && COUNTER_COMBINE[key] === 'max'
        ? Math.max(platform[key], site[key])
        : platform[key] + site[key];
  return platform;
}

/** A scope other than the centre asked of the platform total: a 400 saying why. */
export function platformScopeError(scope: string): ReportQueryError {
  const problem =
    `scope: the total of every site (site=all) has the centre only, not "${scope}": queue, ` +
    'line and agent names are never merged across sites (docs/adr/0006-sites.md); ask each site';
  return new ReportQueryError(`invalid report query: ${problem}`, [problem]);
}

/**
 * The sites' stored 15-minute centre aggregates as one store holding all their calls: each
 * interval is the sites' intervals added (addSiteCounters), and every period is summed from
 * those intervals. A contact never spans two PBXs, so the sum of the sites' contacts is exact.
 *
 * Stored monthly figures are not read (`months` is empty): an imported reference month carries
 * rates without counts, and a rolled-up month whose intervals were purged has lost the
 * per-interval on-duty counts a platform peak needs. platformKpiReport finds such months in
 * the sites' stores and leaves them out with the reason.
 */
export function platformReportData(sites: readonly ReportData[]): ReportData {
  const centreOnly = (kind: ScopeKind): void => {
    if (kind !== 'centre') throw platformScopeError(kind);
  };
  const intervals = async (from: number, to: number): Promise<IntervalAggregateRow[]> => {
    const byStart = new Map<number, StoredCounters>();
    for (const site of sites)
      for (const row of await site.intervals(from, to, 'centre', CENTRE_KEY)) {
        const counters = byStart.get(row.intervalStart) ?? emptyCounters();
        byStart.set(row.intervalStart, addSiteCounters(counters, row));
      }
    return [...byStart.entries()]
      .sort(([a], [b]) => a - b)
      .map(([intervalStart, counters]) => ({
        intervalStart,
        scopeKind: 'centre',
        scopeKey: CENTRE_KEY,
        ...counters,
      }));
  };
  return {
    intervals: async (from, to, kind) => {
      centreOnly(kind);
      return intervals(from, to);
    },
    async sums(bounds, kind) {
      centreOnly(kind);
      if (bounds.length < 2) return [];
      const pieces = new Map<number, StoredCounters>();
      for (const site of sites)
        for (const sum of await site.sums(bounds, 'centre', CENTRE_KEY)) {
          const counters = pieces.get(sum.piece) ?? emptyCounters();
          pieces.set(sum.piece, addSiteCounters(counters, sum.counters));
        }
      // A piece's on-duty count is the peak of the platform's intervals in it.
      for (const counters of pieces.values()) counters.agentsOnDuty = 0;
      for (const row of await intervals(bounds[0], bounds[bounds.length - 1])) {
        const counters = pieces.get(pieceOf(bounds, row.intervalStart));
        if (counters) counters.agentsOnDuty = Math.max(counters.agentsOnDuty, row.agentsOnDuty);
      }
      return [...pieces.entries()]
        .sort(([a], [b]) => a - b)
        .map(([piece, counters]): PieceSum => ({ piece, scopeKey: CENTRE_KEY, counters }));
    },
    months: (_fromMonth, _toMonth, kind) => {
      centreOnly(kind);
      return Promise.resolve([]);
    },
    topLoss: async (from, to, limit) => mostLoss(await intervals(from, to), limit),
  };
}

/** The piece [bounds[i], bounds[i + 1]) holding `at` (bounds ascend; `at` lies within them). */
function pieceOf(bounds: readonly number[], at: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (at < bounds[mid]) hi = mid;
    else lo = mid;
  }
  return lo;
}
