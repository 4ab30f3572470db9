import type { DataSource } from 'typeorm';
import { IntervalAggregateRepository } from './interval-aggregate.repository';
import { MonthlyAggregateRepository } from './monthly-aggregate.repository';
import { Sql } from './sql';
import {
  addCounters,
  emptyCounters,
  type StoredCounters,
  type MonthlyAggregateRow,
  SCOPE_KINDS,
  type ScopeKind,
} from './stored-records';
import { addLocalDays, addLocalMonths, parseLocalDate } from '@hotline/calendar';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Rolls a local month's 15-minute aggregates up into monthly_aggregate (source 'computed'), so
 * the month survives the purge of raw rows and intervals. Imported months are left alone. The
 * database sums a day of one scope kind per call and the event loop gets a turn between calls:
 * a month of 80 agents is never loaded, nor holds the loop (better-sqlite3 is synchronous).
 */
export async function rollUpMonth(
  dataSource: DataSource,
  month: string,
  timeZone: string,
): Promise<number> {
  const sql = Sql.of(dataSource);
  const from = parseLocalDate(month, timeZone);
  const to = addLocalMonths(from, 1, timeZone);
  const intervals = new IntervalAggregateRepository(sql);
  const byScope = new Map<string, { kind: ScopeKind; key: string; c: StoredCounters }>();
  for (const kind of SCOPE_KINDS) {
    for (let day = from; day < to;) {
      const next = Math.min(to, addLocalDays(day, 1, timeZone));
      for (const sum of await intervals.sumPieces([day, next], kind)) {
        const id = `${kind}|${sum.scopeKey}`;
        let entry = byScope.get(id);
        if (!entry) byScope.set(id, (entry = { kind, key: sum.scopeKey, c: emptyCounters() }));
        addCounters(entry.c, sum.counters);
      }
      day = next;
      await nextTurn();
    }
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
