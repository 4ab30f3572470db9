import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StorageSink } from './call-store';
import { CallRecordWriter } from './call-record-writer';
import { queueCall } from './queue-call.factory';
import type { StorageItem } from './stored-records';

class FakeSink implements StorageSink {
  up = true;
  readonly rows = new Map<string, StorageItem>();
  writeBatch(items: readonly StorageItem[]): Promise<void> {
    if (!this.up) return Promise.reject(new Error('connection refused'));
    for (const item of items)
      if (item.kind === 'queue-call') this.rows.set(item.record.callId, item);
    return Promise.resolve();
  }
}

const options = (spillPath: string) => ({
  maxBacklog: 3,
  batchSize: 2,
  flushIntervalMs: 10,
  retryInitialDelayMs: 1,
  retryMaxDelayMs: 2,
  spillPath,
});
const logger = () => ({ info: jest.fn(), warn: jest.fn(), error: jest.fn() });

describe(CallRecordWriter.name, () => {
  it('spills to the JSONL file when the backlog is full, logs once, and replays in order when the sink is back', async () => {
    const sink = new FakeSink();
    const log = logger();
    const spillPath = join(mkdtempSync(join(tmpdir(), 'writer-')), 'spill.jsonl');
    const writer = new CallRecordWriter(sink, options(spillPath), { logger: log });
    sink.up = false;
    for (let i = 0; i < 6; i++) expect(writer.offerCall(queueCall({ callId: `c${i}` }))).toBe(true);
    // The correction of c0 arrives while c0's first version waits: it must win in the end.
    expect(writer.offerCall(queueCall({ callId: 'c0', talkSeconds: 999 }))).toBe(true);
    await writer.flush();
    expect(writer.status()).toMatchObject({
      health: 'degraded',
      backlog: 3,
      spilled: 4,
      overflowEpisodes: 1,
    });
    expect(
      log.error.mock.calls.filter(([, msg]) => String(msg).includes('backlog full')),
    ).toHaveLength(1);

    sink.up = true;
    expect(await writer.drain(5_000)).toBe(true);
    expect(sink.rows.size).toBe(6);
    const c0 = sink.rows.get('c0');
    expect(c0?.kind === 'queue-call' && c0.record.talkSeconds).toBe(999);
    expect(writer.status()).toMatchObject({ health: 'ok', backlog: 0, spillBytes: 0, written: 7 });
  });

  it('refuses (false) only when even the spill file cannot be written, so the caller keeps the record', () => {
    const sink = new FakeSink();
    sink.up = false;
    // A spill path below a regular file: every append fails with ENOTDIR.
    const blocker = join(mkdtempSync(join(tmpdir(), 'writer-')), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const writer = new CallRecordWriter(sink, options(join(blocker, 'spill.jsonl')), {
      logger: logger(),
    });
    const results = [0, 1, 2, 3].map((i) => writer.offerCall(queueCall({ callId: `c${i}` })));
    expect(results).toEqual([true, true, true, false]);
    expect(writer.status()).toMatchObject({ refused: 1, health: 'degraded' });
  });

  it('saves the in-memory backlog to the spill file at shutdown when the database is down, and a new writer replays it', async () => {
    const sink = new FakeSink();
    sink.up = false;
    const spillPath = join(mkdtempSync(join(tmpdir(), 'writer-')), 'spill.jsonl');
    const first = new CallRecordWriter(sink, options(spillPath), { logger: logger() });
    first.offerCall(queueCall({ callId: 'kept-1' }));
    first.offerCall(queueCall({ callId: 'kept-2' }));
    await first.stop(50);
    expect(first.status().spillBytes).toBeGreaterThan(0);

    sink.up = true;
    const second = new CallRecordWriter(sink, options(spillPath), { logger: logger() });
    expect(await second.drain(5_000)).toBe(true);
    expect([...sink.rows.keys()].sort()).toEqual(['kept-1', 'kept-2']);
  });

  it('reports the age of the oldest waiting record', () => {
    let now = 1_000;
    const sink = new FakeSink();
    const writer = new CallRecordWriter(
      sink,
      options(join(mkdtempSync(join(tmpdir(), 'writer-')), 's.jsonl')),
      { logger: logger(), now: () => now },
    );
    writer.offerCall(queueCall({ callId: 'a' }));
    now = 4_500;
    expect(writer.status()).toMatchObject({ backlog: 1, oldestAgeMs: 3_500 });
  });
});
