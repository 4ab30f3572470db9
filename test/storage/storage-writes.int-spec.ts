import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  CallRecordWriter,
  CallStore,
  CENTRE_KEY,
  DEFAULT_AGGREGATION_RULES,
  IntervalAggregateRepository,
  loadRecoverySeed,
  purgeExpired,
  QueueCallRepository,
  Sql,
  type WriterLogger,
} from '@hotline/storage';
import { queueCall } from '@hotline/storage/queue-call.factory';
import { Client } from 'pg';
import { type Dialect, freshDatabase, PG_URL, testDialects } from './storage-test-databases';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0); // 2026-11-02 10:00 Asia/Shanghai, a Monday

class RecordingLogger implements WriterLogger {
  readonly lines: { level: string; msg: string }[] = [];
  info(_o: object, msg: string) {
    this.lines.push({ level: 'info', msg });
  }
  warn(_o: object, msg: string) {
    this.lines.push({ level: 'warn', msg });
  }
  error(_o: object, msg: string) {
    this.lines.push({ level: 'error', msg });
  }
}

describe.each(testDialects())('storage writes on %s', (dialect: Dialect) => {
  let db: Awaited<ReturnType<typeof import('./storage-test-databases').freshDatabase>>;
  let dataSource: DataSource;
  let store: CallStore;

  beforeEach(async () => {
    db = await freshDatabase(dialect);
    dataSource = db.dataSource;
    store = new CallStore(dataSource, DEFAULT_AGGREGATION_RULES);
  });
  afterEach(async () => db.drop());

  it('writes the same call twice as one row, the later version winning', async () => {
    const first = queueCall({ callId: 'c1', joinedAt: T0, waitSeconds: 12, talkSeconds: 200 });
    await store.writeBatch([{ kind: 'queue-call', record: first }]);
    await store.writeBatch([{ kind: 'queue-call', record: first }]);
    await store.writeBatch([{ kind: 'queue-call', record: { ...first, talkSeconds: 320 } }]);
    const repo = new QueueCallRepository(Sql.of(dataSource));
    expect(await repo.count()).toBe(1);
    const [row] = await repo.findByCallIds(['c1']);
    expect(row.talkSeconds).toBe(320);
    const [centre] = await new IntervalAggregateRepository(Sql.of(dataSource)).findBetween(
      T0,
      T0 + 900_000,
      'centre',
    );
    expect(centre).toMatchObject({
      offered: 1,
      answered: 1,
      answered10s: 0,
      over5min: 1,
      sumWait: 12,
      sumTalk: 320,
    });
  });

  it('keeps what is known of a call the monitor did not see end or join (migration 1765100000000), and corrects it', async () => {
    const unknown = queueCall({
      callId: 'u1',
      joinedAt: T0,
      outcome: 'unknown',
      waitSeconds: 40,
      reason: 'gone-at-resync',
    });
    const unseenEnd = queueCall({
      callId: 'a1',
      joinedAt: T0 + 1_000,
      waitSeconds: 5,
      talkSeconds: null,
      talkAtLeastSeconds: 320,
      reason: 'ended-unseen',
      estimated: true,
      joinedBeforeMonitoring: true,
    });
    await store.writeBatch([
      { kind: 'queue-call', record: unknown },
      { kind: 'queue-call', record: unseenEnd },
    ]);
    const repo = new QueueCallRepository(Sql.of(dataSource));
    const byId = async () =>
      new Map((await repo.findByCallIds(['u1', 'a1'])).map((r) => [r.callId, r]));
    let rows = await byId();
    expect(rows.get('u1')).toMatchObject({
      outcome: 'unknown',
      waitSeconds: 40,
      talkSeconds: null,
    });
    expect(rows.get('a1')).toMatchObject({
      outcome: 'answered',
      talkSeconds: null,
      talkAtLeastSeconds: 320,
      estimated: true,
      joinedBeforeMonitoring: true,
    });
    const aggregates = new IntervalAggregateRepository(Sql.of(dataSource));
    const centre = async () => (await aggregates.findBetween(T0, T0 + 900_000, 'centre'))[0];
    expect(await centre()).toMatchObject({
      offered: 2,
      answered: 1,
      unknown: 1,
      abandoned: 0,
      talkUnknown: 1,
      sumTalk: 0,
      over5min: 1,
    });
    // The real ends, read later from the ledger, replace both.
    await store.writeBatch([
      { kind: 'queue-call', record: { ...unknown, outcome: 'abandoned', reason: null } },
      {
        kind: 'queue-call',
        record: {
          ...unseenEnd,
          talkSeconds: 200,
          talkAtLeastSeconds: null,
          reason: 'agent-hangup',
        },
      },
    ]);
    rows = await byId();
    expect(rows.get('u1')?.outcome).toBe('abandoned');
    expect(rows.get('a1')).toMatchObject({ talkSeconds: 200, talkAtLeastSeconds: null });
    expect(await centre()).toMatchObject({
      offered: 2,
      answered: 1,
      unknown: 0,
      abandoned: 1,
      talkUnknown: 0,
      sumTalk: 200,
      over5min: 0,
    });
  });

  it('counts an overflowed contact once for the centre, with its wait from the first queue entry', async () => {
    const visit1 = queueCall({
      callId: 'v1',
      contactId: 'k1',
      queue: 'q-a',
      joinedAt: T0,
      outcome: 'exited',
      waitSeconds: 30,
    });
    const visit2 = queueCall({
      callId: 'v2',
      contactId: 'k1',
      queue: 'q-b',
      joinedAt: T0 + 30_000,
      outcome: 'answered',
      waitSeconds: 2,
      talkSeconds: 60,
    });
    await store.writeBatch([{ kind: 'queue-call', record: visit1 }]);
    await store.writeBatch([{ kind: 'queue-call', record: visit2 }]);
    const rows = await new IntervalAggregateRepository(Sql.of(dataSource)).findBetween(
      T0,
      T0 + 900_000,
    );
    const find = (kind: string, key: string) =>
      rows.find((r) => r.scopeKind === kind && r.scopeKey === key);
    expect(find('centre', CENTRE_KEY)).toMatchObject({
      offered: 1,
      answered: 1,
      answered10s: 0,
      sumWait: 32,
      exited: 0,
    });
    expect(find('queue', 'q-a')).toMatchObject({ offered: 1, exited: 1, answered: 0 });
    expect(find('queue', 'q-b')).toMatchObject({ offered: 1, answered: 1, answered10s: 1 });
  });

  it('keeps every record while the database is down and writes them all once it is back', async () => {
    const logger = new RecordingLogger();
    const spillPath = join(mkdtempSync(join(tmpdir(), 'hotline-spill-')), 'backlog.jsonl');
    const writer = new CallRecordWriter(
      store,
      {
        maxBacklog: 20,
        batchSize: 10,
        flushIntervalMs: 20,
        retryInitialDelayMs: 10,
        retryMaxDelayMs: 40,
        spillPath,
      },
      { logger },
    );
    await dataSource.destroy(); // the database goes away
    const calls = Array.from({ length: 50 }, (_, i) =>
      queueCall({ callId: `down-${i}`, joinedAt: T0 + i * 60_000 }),
    );
    const accepted = calls.map((c) => writer.offerCall(c));
    expect(accepted.every(Boolean)).toBe(true);
    await writer.flush();
    const down = writer.status();
    expect(down.failures).toBeGreaterThan(0);
    expect(down.backlog).toBe(20);
    expect(down.spilled).toBe(30);
    expect(down.health).toBe('degraded');
    expect(
      logger.lines.filter((l) => l.level === 'error' && l.msg.includes('backlog full')),
    ).toHaveLength(1);

    await dataSource.initialize(); // back
    expect(await writer.drain(20_000)).toBe(true);
    expect(await new QueueCallRepository(Sql.of(dataSource)).count()).toBe(50);
    expect(writer.status()).toMatchObject({ health: 'ok', backlog: 0, spillBytes: 0, written: 50 });
  });

  if (dialect === 'postgres') {
    it('survives its connections being terminated by the server', async () => {
      const logger = new RecordingLogger();
      const spillPath = join(mkdtempSync(join(tmpdir(), 'hotline-spill-')), 'backlog.jsonl');
      const writer = new CallRecordWriter(
        store,
        {
          maxBacklog: 100,
          batchSize: 10,
          flushIntervalMs: 20,
          retryInitialDelayMs: 10,
          retryMaxDelayMs: 40,
          spillPath,
        },
        { logger },
      );
      writer.offerCall(queueCall({ callId: 'before', joinedAt: T0 }));
      await writer.flush();
      const schema = (db.options as { schema: string }).schema;
      const killer = new Client({ connectionString: PG_URL });
      await killer.connect();
      const killed = await killer.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [schema],
      );
      await killer.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      for (let i = 0; i < 15; i++)
        writer.offerCall(queueCall({ callId: `after-${i}`, joinedAt: T0 + i * 1000 }));
      expect(await writer.drain(20_000)).toBe(true);
      expect(await new QueueCallRepository(Sql.of(dataSource)).count()).toBe(16);
    });
  }

  it('reads this month and this week back as the recovery seed', async () => {
    // 2026-12-02 is a Wednesday: its week began on Monday 2026-11-30, in the previous month.
    const now = Date.UTC(2026, 11, 2, 4, 0, 0);
    const inWeek = queueCall({ callId: 'mon-nov-30', joinedAt: Date.UTC(2026, 10, 30, 1, 0, 0) });
    const beforeWeek = queueCall({
      callId: 'sun-nov-29',
      joinedAt: Date.UTC(2026, 10, 29, 1, 0, 0),
    });
    const today = queueCall({ callId: 'today', joinedAt: Date.UTC(2026, 11, 2, 1, 0, 0) });
    await store.writeBatch(
      [inWeek, beforeWeek, today].map((record) => ({ kind: 'queue-call' as const, record })),
    );
    const seed = await loadRecoverySeed(dataSource, now, 'Asia/Shanghai');
    expect(seed.calls.map((c) => c.callId)).toEqual(['mon-nov-30', 'today']);
    expect(seed.from).toBe(Date.UTC(2026, 10, 29, 16, 0, 0));
  });

  it('purges raw calls older than the retention and keeps the month in monthly aggregates', async () => {
    const old = queueCall({ callId: 'old', joinedAt: Date.UTC(2024, 0, 10, 2, 0, 0) });
    const recent = queueCall({ callId: 'recent', joinedAt: Date.UTC(2026, 10, 10, 2, 0, 0) });
    await store.writeBatch(
      [old, recent].map((record) => ({ kind: 'queue-call' as const, record })),
    );
    const result = await purgeExpired(
      dataSource,
      Date.UTC(2026, 10, 20),
      { rawMonths: 24, intervalAggregateMonths: 120 },
      'Asia/Shanghai',
    );
    expect(result.queueCalls).toBe(1);
    const remaining = await new QueueCallRepository(Sql.of(dataSource)).findByCallIds([
      'old',
      'recent',
    ]);
    expect(remaining.map((r) => r.callId)).toEqual(['recent']);
    const intervals = await new IntervalAggregateRepository(Sql.of(dataSource)).findBetween(
      0,
      Date.UTC(2025, 0, 1),
      'centre',
    );
    expect(intervals).toHaveLength(1); // aggregates outlive the raw rows
  });
});
