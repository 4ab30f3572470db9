import type { DataSource } from 'typeorm';
import {
  IntervalAggregateRepository,
  type IntervalAggregateRow,
  MonthlyAggregateRepository,
  type MonthlyAggregateRow,
  type ScopeKind,
  Sql,
} from '@hotline/storage';

/** What report builders read: stored aggregates, never raw calls. */
export interface ReportData {
  intervals(
    from: number,
    to: number,
    scopeKind: ScopeKind,
    scopeKey?: string,
  ): Promise<IntervalAggregateRow[]>;
  months(fromMonth: string, toMonth: string, scopeKind: ScopeKind): Promise<MonthlyAggregateRow[]>;
}

export function storedReportData(dataSource: DataSource): ReportData {
  const sql = Sql.of(dataSource);
  const intervals = new IntervalAggregateRepository(sql);
  const months = new MonthlyAggregateRepository(sql);
  return {
    intervals: (from, to, kind, key) => intervals.findBetween(from, to, kind, key),
    months: (fromMonth, toMonth, kind) => months.findMonths(fromMonth, toMonth, kind),
  };
}
