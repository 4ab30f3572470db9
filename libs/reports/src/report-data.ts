import type { DataSource } from 'typeorm';
import {
  IntervalAggregateRepository,
  type IntervalAggregateRow,
  MonthlyAggregateRepository,
  type MonthlyAggregateRow,
  type PieceSum,
  type ScopeKind,
  Sql,
} from '@hotline/storage';

/** What report builders read: stored aggregates, never raw calls. */
export interface ReportData {
  /** 15-minute rows of [from, to) (interval reports: the caller keeps the span short). */
  intervals(
    from: number,
    to: number,
    scopeKind: ScopeKind,
    scopeKey?: string,
  ): Promise<IntervalAggregateRow[]>;
  /** Counters per key summed in the database per piece [bounds[i], bounds[i + 1]). */
  sums(bounds: readonly number[], scopeKind: ScopeKind, scopeKey?: string): Promise<PieceSum[]>;
  months(fromMonth: string, toMonth: string, scopeKind: ScopeKind): Promise<MonthlyAggregateRow[]>;
  /** Centre intervals of [from, to) with the most call loss, at most `limit`. */
  topLoss(from: number, to: number, limit: number): Promise<IntervalAggregateRow[]>;
}

export function storedReportData(dataSource: DataSource): ReportData {
  const sql = Sql.of(dataSource);
  const intervals = new IntervalAggregateRepository(sql);
  const months = new MonthlyAggregateRepository(sql);
  return {
    intervals: (from, to, kind, key) => intervals.findBetween(from, to, kind, key),
    sums: (bounds, kind, key) => intervals.sumPieces(bounds, kind, key),
    months: (fromMonth, toMonth, kind) => months.findMonths(fromMonth, toMonth, kind),
    topLoss: (from, to, limit) => intervals.topLoss(from, to, limit),
  };
}
