import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { InitialSchema1764370000000 } from './migrations/1764370000000-initial-schema';
import { AttachAndUnknownOutcome1765100000000 } from './migrations/1765100000000-attach-and-unknown-outcome';
import type { DatabaseOptions } from './storage-options';

/** Every migration, in order. Hand-written, portable; the schema is never `synchronize`d. */
export const STORAGE_MIGRATIONS = [
  InitialSchema1764370000000,
  AttachAndUnknownOutcome1765100000000,
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
