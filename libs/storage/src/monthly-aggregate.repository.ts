import { COUNTER_COLUMNS, counterValues, countersFromRow } from './aggregate-columns';
import { chunk, numOrNull, type Sql, valuesList } from './sql';
import type { MonthlyAggregateRow, ScopeKind } from './stored-records';

const ALL_COLUMNS = [
  'month',
  'scope_kind',
  'scope_key',
  ...COUNTER_COLUMNS.map(([c]) => c),
  'satisfaction_rate',
  'source',
];

/** monthly_aggregate: history that outlives raw retention, and imported months (the 2020–21 reference). */
export class MonthlyAggregateRepository {
  constructor(private readonly sql: Sql) {}

  async upsert(rows: readonly MonthlyAggregateRow[]): Promise<void> {
    const updates = ALL_COLUMNS.slice(3)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    for (const part of chunk(rows, 200)) {
      await this.sql.run(
        `INSERT INTO monthly_aggregate (${ALL_COLUMNS.join(', ')}) VALUES ${valuesList(part.length, ALL_COLUMNS.length)}
         ON CONFLICT (month, scope_kind, scope_key) DO UPDATE SET ${updates}`,
        part.flatMap((r) => [
          r.month,
          r.scopeKind,
          r.scopeKey,
          ...counterValues(r),
          r.satisfactionRate,
          r.source,
        ]),
      );
    }
  }

  /** Months in ["YYYY-MM", "YYYY-MM"] inclusive (string order is month order). */
  async findMonths(
    fromMonth: string,
    toMonth: string,
    scopeKind?: ScopeKind,
  ): Promise<MonthlyAggregateRow[]> {
    const params: string[] = [fromMonth, toMonth];
    let where = 'month >= ? AND month <= ?';
    if (scopeKind) {
      where += ' AND scope_kind = ?';
      params.push(scopeKind);
    }
    const rows = await this.sql.rows(
      `SELECT * FROM monthly_aggregate WHERE ${where} ORDER BY month, scope_kind, scope_key`,
      params,
    );
    return rows.map((row) => ({
      month: String(row.month),
      scopeKind: String(row.scope_kind) as ScopeKind,
      scopeKey: String(row.scope_key),
      ...countersFromRow(row),
      satisfactionRate: numOrNull(row.satisfaction_rate),
      source: String(row.source) === 'imported' ? 'imported' : 'computed',
    }));
  }
}
