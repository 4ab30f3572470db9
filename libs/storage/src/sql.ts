import type { DataSource, EntityManager } from 'typeorm';

export type SqlDialect = 'sqlite' | 'postgres';
export type SqlValue = string | number | null;

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Raw, portable SQL over a TypeORM DataSource or a transaction's EntityManager. Statements are
 * written with `?` placeholders and renumbered to `$n` for PostgreSQL (none of our SQL has a
 * literal question mark). PostgreSQL returns BIGINT as strings: readers go through `num()`.
 */
export class Sql {
  constructor(
    private readonly target: Queryable,
    readonly dialect: SqlDialect,
  ) {}

  static of(dataSource: DataSource): Sql {
    return new Sql(dataSource, dialectOf(dataSource));
  }

  within(manager: EntityManager): Sql {
    return new Sql(manager, this.dialect);
  }

  async rows<T = Record<string, unknown>>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<T[]> {
    const result = await this.target.query(this.prepare(sql), [...params]);
    return Array.isArray(result) ? (result as T[]) : [];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.target.query(this.prepare(sql), [...params]);
  }

  private prepare(sql: string): string {
    if (this.dialect === 'sqlite') return sql;
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  }
}

export function dialectOf(dataSource: DataSource): SqlDialect {
  const type = dataSource.options.type;
  if (type === 'better-sqlite3') return 'sqlite';
  if (type === 'postgres') return 'postgres';
  throw new Error(`unsupported database type ${type}`);
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

export function strOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `(?, ?, …)` groups for a multi-row VALUES list. */
export function valuesList(rows: number, columns: number): string {
  const group = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(group).join(', ');
}

export function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ');
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
