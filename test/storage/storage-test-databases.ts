import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { type DatabaseOptions, openDatabase } from '@hotline/storage';

export const PG_URL =
  process.env.HOTLINE_TEST_PG_URL ?? 'postgres://hotline:hotline@127.0.0.1:5432/hotline_test';

/**
 * Whether PostgreSQL answers, decided once and synchronously (jest collects describe blocks
 * synchronously). Unreachable: a failure in CI, a loud warning elsewhere — never a silent skip.
 */
function postgresReachable(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const {Client}=require('pg');const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`,
      PG_URL,
    ],
    { cwd: process.cwd(), timeout: 10_000 },
  );
  return probe.status === 0;
}

export type Dialect = 'sqlite' | 'postgres';

export function testDialects(): Dialect[] {
  if (postgresReachable()) return ['sqlite', 'postgres'];
  const message = `PostgreSQL at ${PG_URL} is unreachable: the PostgreSQL variant of the storage tests is NOT running (start it with scripts/ci-services.sh start, or set HOTLINE_TEST_PG_URL)`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n\n*** ${message} ***\n\n`);
  return ['sqlite'];
}

let counter = 0;

/** A fresh, migrated database: a temp SQLite file, or a private PostgreSQL schema. */
export async function freshDatabase(
  dialect: Dialect,
): Promise<{ dataSource: DataSource; options: DatabaseOptions; drop(): Promise<void> }> {
  counter++;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-storage-'));
    const options: DatabaseOptions = { driver: 'sqlite', path: join(dir, 'hotline.sqlite') };
    const dataSource = await openDatabase(options);
    return {
      dataSource,
      options,
      drop: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  }
  const schema = `storage_it_${process.pid}_${counter}_${Date.now() % 100000}`;
  const options: DatabaseOptions = {
    driver: 'postgres',
    url: PG_URL,
    schema,
    poolSize: 4,
    applicationName: schema,
  };
  const dataSource = await openDatabase(options);
  return {
    dataSource,
    options,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/**
 * A fresh database for each test of the enclosing describe block, dropped after it: call at
 * describe level, read `dataSource()` inside a test.
 */
export function freshDatabaseForEachTest(dialect: Dialect): () => DataSource {
  let db: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  beforeEach(async () => {
    db = await freshDatabase(dialect);
  });
  afterEach(async () => db?.drop());
  return () => {
    if (!db) throw new Error('freshDatabaseForEachTest: read the data source inside a test');
    return db.dataSource;
  };
}
