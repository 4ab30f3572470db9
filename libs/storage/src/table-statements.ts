import { chunk, num, placeholders, type Sql, type SqlValue, valuesList } from './sql';

/** How a table is upserted: its columns, the leading ones forming the conflict key. */
export interface UpsertTable<T> {
  readonly table: string;
  readonly columns: readonly string[];
  /** How many leading `columns` form the conflict key; the rest are replaced on conflict. */
  readonly keyColumns: number;
  readonly rowsPerStatement: number;
  readonly keyOf: (record: T) => string;
  /** The record's values in `columns` order. */
  readonly valuesOf: (record: T) => SqlValue[];
}

/** Multi-row upserts; the last version of a key in the batch wins, as if written one by one. */
export async function upsertRows<T>(
  sql: Sql,
  spec: UpsertTable<T>,
  records: readonly T[],
): Promise<void> {
  const latest = new Map<string, T>();
  for (const record of records) latest.set(spec.keyOf(record), record);
  const key = spec.columns.slice(0, spec.keyColumns).join(', ');
  const updates = spec.columns
    .slice(spec.keyColumns)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  for (const part of chunk([...latest.values()], spec.rowsPerStatement)) {
    await sql.run(
      `INSERT INTO ${spec.table} (${spec.columns.join(', ')}) VALUES ${valuesList(part.length, spec.columns.length)}
         ON CONFLICT (${key}) DO UPDATE SET ${updates}`,
      part.flatMap(spec.valuesOf),
    );
  }
}

/** Every row whose `column` is one of `values` (each asked once, 500 to a statement). */
export async function rowsWhereIn(
  sql: Sql,
  table: string,
  column: string,
  values: readonly string[],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const part of chunk([...new Set(values)], 500)) {
    out.push(
      ...(await sql.rows(
        `SELECT * FROM ${table} WHERE ${column} IN (${placeholders(part.length)})`,
        part,
      )),
    );
  }
  return out;
}

/** Deletes the rows whose `column` is before the instant; returns how many. */
export async function deleteRowsBefore(
  sql: Sql,
  table: string,
  column: string,
  before: number,
): Promise<number> {
  const [row] = await sql.rows<{ n: unknown }>(
    `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} < ?`,
    [before],
  );
  await sql.run(`DELETE FROM ${table} WHERE ${column} < ?`, [before]);
  return num(row?.n ?? 0);
}
