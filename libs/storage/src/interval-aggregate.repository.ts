import {
  combinedCounterColumns,
  COUNTER_COLUMNS,
  counterValues,
  countersFromRow,
} from './aggregate-columns';
import { chunk, num, placeholders, type Sql, type SqlValue, valuesList } from './sql';
import { deleteRowsBefore } from './table-statements';
import {
  CENTRE_KEY,
  type IntervalAggregateRow,
  type StoredCounters,
  type ScopeKind,
} from './stored-records';

/** Counters of one scope key over one piece of time (see `sumPieces`). */
export interface PieceSum {
  /** The piece: [bounds[piece], bounds[piece + 1]). */
  readonly piece: number;
  readonly scopeKey: string;
  readonly counters: StoredCounters;
}

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
    return rows.map(intervalRow);
  }

  /**
   * Counters of one scope kind combined in SQL per scope key and per consecutive piece of time
   * — piece i is [bounds[i], bounds[i + 1]) — so a report reads one row per period and key,
   * never the 15-minute rows. Rows come in no particular order. Each call reads every row of
   * the kind in the span: callers keep the span bounded (reports go a few days at a time).
   */
  async sumPieces(
    bounds: readonly number[],
    scopeKind: ScopeKind,
    scopeKey?: string,
  ): Promise<PieceSum[]> {
    if (bounds.length < 2) return [];
    for (let i = 1; i < bounds.length; i++)
      if (!(bounds[i] > bounds[i - 1])) throw new RangeError('sumPieces: bounds must ascend');
    const pieces = bounds.length - 1;
    const params: SqlValue[] = [];
    // A balanced tree of comparisons: log2(pieces) per row rather than one per piece.
    const pieceOf = (lo: number, hi: number): string => {
      if (hi - lo === 1) return String(lo);
      const mid = (lo + hi) >> 1;
      params.push(bounds[mid]);
      return `CASE WHEN interval_start < ? THEN ${pieceOf(lo, mid)} ELSE ${pieceOf(mid, hi)} END`;
    };
    const piece = pieceOf(0, pieces);
    params.push(scopeKind);
    let where = 'scope_kind = ?';
    if (scopeKey !== undefined) {
      where += ' AND scope_key = ?';
      params.push(scopeKey);
    }
    params.push(bounds[0], bounds[pieces]);
    const rows = await this.sql.rows(
      `SELECT ${piece} AS piece, scope_key, ${combinedCounterColumns()}
       FROM interval_aggregate
       WHERE ${where} AND interval_start >= ? AND interval_start < ?
       GROUP BY 1, 2`,
      params,
    );
    return rows.map((row) => ({
      piece: num(row.piece),
      scopeKey: String(row.scope_key),
      counters: countersFromRow(row),
    }));
  }

  /**
   * The centre intervals in [from, to) with the most call loss (offered − answered), at most
   * `limit`: most loss first, then the higher loss rate (equal loss: fewer offered), then the
   * earlier interval.
   */
  async topLoss(from: number, to: number, limit: number): Promise<IntervalAggregateRow[]> {
    const rows = await this.sql.rows(
      `SELECT * FROM interval_aggregate
       WHERE scope_kind = ? AND scope_key = ? AND interval_start >= ? AND interval_start < ?
         AND offered > answered
       ORDER BY offered - answered DESC, offered ASC, interval_start ASC
       LIMIT ?`,
      ['centre', CENTRE_KEY, from, to, limit],
    );
    return rows.map(intervalRow);
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
    return deleteRowsBefore(this.sql, 'interval_aggregate', 'interval_start', before);
  }
}

function intervalRow(row: Record<string, unknown>): IntervalAggregateRow {
  return {
    intervalStart: num(row.interval_start),
    scopeKind: String(row.scope_kind) as ScopeKind,
    scopeKey: String(row.scope_key),
    ...countersFromRow(row),
  };
}
