import { COUNTER_COLUMNS, counterValues, countersFromRow } from './aggregate-columns';
import { chunk, num, placeholders, type Sql, valuesList } from './sql';
import type { IntervalAggregateRow, ScopeKind } from './stored-records';

const KEY_COLUMNS = ['interval_start', 'scope_kind', 'scope_key'];
const ALL_COLUMNS = [...KEY_COLUMNS, ...COUNTER_COLUMNS.map(([c]) => c)];

/** interval_aggregate: 15-minute counters per scope, always recomputed whole, never incremented. */
export class IntervalAggregateRepository {
  constructor(private readonly sql: Sql) {}

  /** Replaces every scope row of the given intervals with `rows` (which must lie in them). */
  async replaceIntervals(
    intervalStarts: readonly number[],
    rows: readonly IntervalAggregateRow[],
  ): Promise<void> {
    for (const part of chunk([...new Set(intervalStarts)], 500)) {
      await this.sql.run(
        `DELETE FROM interval_aggregate WHERE interval_start IN (${placeholders(part.length)})`,
        part,
      );
    }
    for (const part of chunk(rows, 200)) {
      await this.sql.run(
        `INSERT INTO interval_aggregate (${ALL_COLUMNS.join(', ')}) VALUES ${valuesList(part.length, ALL_COLUMNS.length)}`,
        part.flatMap((r) => [r.intervalStart, r.scopeKind, r.scopeKey, ...counterValues(r)]),
      );
    }
  }

  /** Rows with interval_start in [from, to), optionally one scope kind / key. */
  async findBetween(
    from: number,
    to: number,
    scopeKind?: ScopeKind,
    scopeKey?: string,
  ): Promise<IntervalAggregateRow[]> {
    const where = ['interval_start >= ?', 'interval_start < ?'];
    const params: (string | number)[] = [from, to];
    if (scopeKind) {
      where.push('scope_kind = ?');
      params.push(scopeKind);
    }
    if (scopeKey !== undefined) {
      where.push('scope_key = ?');
      params.push(scopeKey);
    }
    const rows = await this.sql.rows(
      `SELECT * FROM interval_aggregate WHERE ${where.join(' AND ')} ORDER BY interval_start, scope_kind, scope_key`,
      params,
    );
    return rows.map((row) => ({
      intervalStart: num(row.interval_start),
      scopeKind: String(row.scope_kind) as ScopeKind,
      scopeKey: String(row.scope_key),
      ...countersFromRow(row),
    }));
  }

  /** Earliest and latest interval stored, or null when empty. */
  async span(): Promise<{ first: number; last: number } | null> {
    const [row] = await this.sql.rows<{ first: unknown; last: unknown }>(
      `SELECT MIN(interval_start) AS first, MAX(interval_start) AS last FROM interval_aggregate`,
    );
    if (!row || row.first === null || row.first === undefined) return null;
    return { first: num(row.first), last: num(row.last) };
  }

  async purgeBefore(before: number): Promise<number> {
    const [row] = await this.sql.rows<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM interval_aggregate WHERE interval_start < ?`,
      [before],
    );
    await this.sql.run(`DELETE FROM interval_aggregate WHERE interval_start < ?`, [before]);
    return num(row?.n ?? 0);
  }
}
