import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  CallRecordWriter,
  CallStore,
  createDataSource,
  DEFAULT_AGGREGATION_RULES,
  isDatabaseUnusable,
  openDatabase,
  SqliteDatabaseGuard,
  type WriterLogger,
} from '@hotline/storage';
import { queueCall } from '@hotline/storage/queue-call.factory';

/**
 * SQLite writes on into a deleted or replaced file without any error. The writer's guard
 * notices, degrades, logs once, spills, and brings the database back without losing a record.
 */

class RecordingLogger implements WriterLogger {
  readonly lines: { level: string; msg: string; obj: Record<string, unknown> }[] = [];
  info(obj: object, msg: string) {
    this.lines.push({ level: 'info', msg, obj: obj as Record<string, unknown> });
  }
  warn(obj: object, msg: string) {
    this.lines.push({ level: 'warn', msg, obj: obj as Record<string, unknown> });
  }
  error(obj: object, msg: string) {
    this.lines.push({ level: 'error', msg, obj: obj as Record<string, unknown> });
  }
  errors() {
    return this.lines.filter((l) => l.level === 'error');
  }
}

async function callIdsIn(path: string): Promise<string[]> {
  const db = createDataSource({ driver: 'sqlite', path });
  await db.initialize();
  try {
    const rows = await db.query<{ call_id: string }[]>(
      'SELECT call_id FROM queue_call ORDER BY call_id',
    );
    return rows.map((r) => r.call_id);
  } finally {
    await db.destroy();
  }
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('a vanished or replaced SQLite database', () => {
  let dir: string;
  let dataDir: string;
  let path: string;
  let dataSource: DataSource;
  let writer: CallRecordWriter;
  let guard: SqliteDatabaseGuard;
  let log: RecordingLogger;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-vanished-'));
    dataDir = join(dir, 'data');
    path = join(dataDir, 'hotline.sqlite');
    dataSource = await openDatabase({ driver: 'sqlite', path });
    guard = new SqliteDatabaseGuard(dataSource, path);
    log = new RecordingLogger();
    writer = new CallRecordWriter(
      new CallStore(dataSource, DEFAULT_AGGREGATION_RULES),
      {
        maxBacklog: 1_000,
        batchSize: 50,
        flushIntervalMs: 50,
        retryInitialDelayMs: 10,
        retryMaxDelayMs: 50,
        spillPath: join(dir, 'spill', 'backlog.jsonl'),
      },
      { logger: log, guard },
    );
  });

  afterEach(async () => {
    await writer.stop(100);
    if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const offer = (callIds: string[]) =>
    callIds.forEach((callId) => expect(writer.offerCall(queueCall({ callId }))).toBe(true));

  it('data folder deleted and blocked: degraded, logged once, spilled; back when it can be: every record there', async () => {
    offer(ids('before-', 5));
    await writer.flush();
    expect(await callIdsIn(path)).toEqual(ids('before-', 5));

    rmSync(dataDir, { recursive: true });
    // A file where the folder was: the guard cannot recreate it until the file is gone.
    writeFileSync(dataDir, 'in the way');
    offer(ids('during-', 4));
    for (let i = 0; i < 5; i++) await writer.flush();
    const status = writer.status();
    expect(status).toMatchObject({
      health: 'degraded',
      backlog: 0,
      databaseFaults: 1,
      databaseFault: { kind: 'missing' },
    });
    expect(status.spillBytes).toBeGreaterThan(0);
    expect(log.errors()).toHaveLength(1);
    expect(log.errors()[0].obj).toMatchObject({ database: path, fault: 'missing' });
    offer(ids('still-', 2));

    rmSync(dataDir);
    expect(await writer.drain(5_000)).toBe(true);
    expect(writer.status()).toMatchObject({ health: 'ok', spillBytes: 0, databaseFaults: 1 });
    expect(writer.status().databaseFault).toBeUndefined();
    // The rows written before the deletion came back from the open handle; the rest from the spill.
    expect(await callIdsIn(path)).toEqual(
      [...ids('before-', 5), ...ids('during-', 4), ...ids('still-', 2)].sort(),
    );
    expect(log.errors()).toHaveLength(1);
    expect(log.lines.some((l) => l.msg.startsWith('database back'))).toBe(true);
  });

  it('rm -rf of the data folder while idle: rebuilt at once from the open database', async () => {
    offer(ids('a-', 3));
    await writer.flush();
    rmSync(dataDir, { recursive: true });
    await writer.flush(); // idle: no record waits, the check runs all the same
    expect(existsSync(path)).toBe(true);
    expect(writer.status()).toMatchObject({ health: 'ok', databaseFaults: 1 });
    offer(ids('b-', 3));
    expect(await writer.drain(5_000)).toBe(true);
    expect(await callIdsIn(path)).toEqual([...ids('a-', 3), ...ids('b-', 3)]);
  });

  it('file replaced: the open one is kept beside it as an orphan, the new one is migrated and written', async () => {
    offer(ids('old-', 3));
    await writer.flush();
    // Someone restores an older copy (here: an empty database) over the live file.
    const other = join(dir, 'other.sqlite');
    const fresh = await openDatabase({ driver: 'sqlite', path: other });
    await fresh.destroy();
    rmSync(path);
    copyFileSync(other, path);
    offer(ids('new-', 2));
    expect(await writer.drain(5_000)).toBe(true);

    expect(guard.orphans).toHaveLength(1);
    expect(readdirSync(dataDir)).toContain(guard.orphans[0].slice(dataDir.length + 1));
    expect(await callIdsIn(guard.orphans[0])).toEqual(ids('old-', 3));
    expect(await callIdsIn(path)).toEqual(ids('new-', 2));
    expect(log.errors()).toHaveLength(1);
    expect(log.errors()[0].obj).toMatchObject({ fault: 'replaced' });
  });

  it('tells storage errors that need a reopen from transient ones', () => {
    for (const code of [
      'SQLITE_READONLY',
      'SQLITE_READONLY_DBMOVED',
      'SQLITE_IOERR_SHMOPEN',
      'SQLITE_FULL',
    ])
      expect(isDatabaseUnusable(Object.assign(new Error(code), { code }))).toBe(true);
    expect(isDatabaseUnusable({ driverError: { code: 'SQLITE_CANTOPEN' } })).toBe(true);
    for (const code of ['SQLITE_BUSY', 'SQLITE_LOCKED', 'ECONNREFUSED', '57P01'])
      expect(isDatabaseUnusable(Object.assign(new Error(code), { code }))).toBe(false);
  });
});
