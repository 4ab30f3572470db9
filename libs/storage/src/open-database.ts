import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { InitialSchema1764370000000 } from './migrations/1764370000000-initial-schema';
import { AttachAndUnknownOutcome1765100000000 } from './migrations/1765100000000-attach-and-unknown-outcome';
import { HistoryCoverage1765200000000 } from './migrations/1765200000000-history-coverage';
import { IntervalAggregateKeyIndex1765300000000 } from './migrations/1765300000000-interval-aggregate-key-index';
import { AfterCallWork1765400000000 } from './migrations/1765400000000-after-call-work';
import { AlarmHistory1765500000000 } from './migrations/1765500000000-alarm-history';
import type { DatabaseOptions } from './storage-options';

/** Every migration, in order. Hand-written, portable; the schema is never `synchronize`d. */
export const STORAGE_MIGRATIONS = [
  InitialSchema1764370000000,
  AttachAndUnknownOutcome1765100000000,
  HistoryCoverage1765200000000,
  IntervalAggregateKeyIndex1765300000000,
  AfterCallWork1765400000000,
  AlarmHistory1765500000000,
];

export function createDataSource(options: DatabaseOptions): DataSource {
  if (options.driver === 'sqlite') {
    return new DataSource({
      type: 'better-sqlite3',
      database: options.path,
      migrations: STORAGE_MIGRATIONS,
      migrationsTableName: 'storage_migrations',
      synchronize: false,
      // WAL lets report reads run while the writer commits.
      enableWAL: options.path !== ':memory:',
    });
  }
  const schema = options.schema ?? 'public';
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema,
    migrations: STORAGE_MIGRATIONS,
    migrationsTableName: 'storage_migrations',
    synchronize: false,
    poolSize: options.poolSize ?? 10,
    connectTimeoutMS: options.connectTimeoutMs ?? 5_000,
    applicationName: options.applicationName ?? 'hotline-monitor',
    extra: { options: `-c search_path=${schema}` },
  });
}

/** Opens the database (creating the SQLite folder or the PostgreSQL schema) and migrates it. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  if (options.driver === 'sqlite' && options.path !== ':memory:')
    mkdirSync(dirname(options.path), { recursive: true });
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  if (options.driver === 'postgres' && options.schema && options.schema !== 'public') {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '')}"`);
  }
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** SQLSTATE / errno codes of a database that is not reachable yet (worth a retry by systemd). */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P03', // cannot_connect_now: the server is starting up
  '53300', // too_many_connections
]);

/**
 * Why `openDatabase` failed, in one line, and whether trying again later can help (PostgreSQL
 * still starting) or the setting itself is wrong (bad path, bad credentials, no such database).
 */
export function describeOpenFailure(error: unknown): { reason: string; retryable: boolean } {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.split('\n', 1)[0] + (typeof code === 'string' ? ` (${code})` : '');
  return { reason, retryable: typeof code === 'string' && TRANSIENT_CODES.has(code) };
}
