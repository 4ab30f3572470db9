import type { DataSource } from 'typeorm';
import { IntervalAggregateRepository } from './interval-aggregate.repository';
import { MonthlyAggregateRepository } from './monthly-aggregate.repository';
import { Sql } from './sql';
import {
  addCounters,
  emptyCounters,
  type KpiCounters,
  type MonthlyAggregateRow,
  type ScopeKind,
} from './stored-records';
import { addLocalMonths, monthStartFromKey } from './zoned-time';

/**
 * Rolls a local month's 15-minute aggregates up into monthly_aggregate (source 'computed'), so
 * the month survives the purge of raw rows and intervals. Imported months are left alone.
 */
export async function rollUpMonth(
  dataSource: DataSource,
  month: string,
  timeZone: string,
): Promise<number> {
  const sql = Sql.of(dataSource);
  const from = monthStartFromKey(month, timeZone);
  const to = addLocalMonths(from, 1, timeZone);
  const rows = await new IntervalAggregateRepository(sql).findBetween(from, to);
  const byScope = new Map<string, { kind: ScopeKind; key: string; c: KpiCounters }>();
  for (const row of rows) {
    const id = `${row.scopeKind}|${row.scopeKey}`;
    let entry = byScope.get(id);
    if (!entry)
      byScope.set(id, (entry = { kind: row.scopeKind, key: row.scopeKey, c: emptyCounters() }));
    addCounters(entry.c, row);
  }
  const monthly = new MonthlyAggregateRepository(sql);
  const imported = new Set(
    (await monthly.findMonths(month, month))
      .filter((r) => r.source === 'imported')
      .map((r) => `${r.scopeKind}|${r.scopeKey}`),
  );
  const out: MonthlyAggregateRow[] = [...byScope.entries()]
    .filter(([id]) => !imported.has(id))
    .map(([, e]) => ({
      month,
      scopeKind: e.kind,
      scopeKey: e.key,
      ...e.c,
      satisfactionRate: null,
      source: 'computed',
    }));
  await monthly.upsert(out);
  return out.length;
}
