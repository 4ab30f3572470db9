import Redis from 'ioredis';
import type { CallEvent, CallSourceListener, PbxInFlightView } from '@hotline/call-events';
import {
  RedisLease,
  StreamAppender,
  StreamCallSource,
  decodeEntry,
  streamKey,
  type StreamRecord,
} from '@hotline/cluster';
import { waitFor } from '../support/monitor-harness';
import { startRedis, type RedisUnderTest } from '../support/redis-server';

/** libs/cluster against a real redis-server of the test's own: lease, fencing, append-once. */

const LEASE = { ttlMs: 1_000, renewMs: 200, pollMs: 100 };
const APPEND = {
  bufferCapacity: 1_000,
  retentionMs: 48 * 3_600_000,
  maxLength: 100_000,
  batchSize: 50,
  retryDelayMs: 100,
};

function joined(n: number): CallEvent {
  return {
    type: 'caller-joined-queue',
    at: 1_767_225_600_000 + n * 1_000,
    callId: `call-${n}@q`,
    contactId: `call-${n}`,
    queue: 'q',
  };
}

const events = (from: number, to: number): StreamRecord[] =>
  Array.from({ length: to - from }, (_, i) => ({ kind: 'event', event: joined(from + i) }));

function client(redis: RedisUnderTest): Redis {
  const connection = new Redis(redis.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 100,
  });
  connection.on('error', () => undefined);
  return connection;
}

async function streamRecords(redis: Redis, site: string): Promise<StreamRecord[]> {
  const entries = (await redis.xrange(streamKey(site), '-', '+')) as [string, string[]][];
  return entries.map(([id, fields]) => decodeEntry(id, fields).record);
}

async function connected(redis: Redis): Promise<void> {
  await waitFor('the Redis connection', () => redis.status === 'ready', 5_000);
}

describe('cluster stream: lease, fencing and append-once (real redis-server)', () => {
  let redis: RedisUnderTest;
  const clients: Redis[] = [];
  const open = async () => {
    const c = client(redis);
    clients.push(c);
    await connected(c);
    return c;
  };

  beforeAll(async () => {
    redis = await startRedis({ persistent: true });
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis?.remove();
  });

  it('lets one holder have a site at a time, a standby take it once it lapses, and fences the old holder', async () => {
    const site = 'lease-site';
    const connectionA = await open();
    const a = new RedisLease(connectionA, site, LEASE);
    const b = new RedisLease(await open(), site, LEASE);
    expect(await a.acquire(() => undefined)).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    // Still held after several ttl: a renews.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await b.tryAcquire()).toBe(false);
    const tokenA = a.token as number;
    const writerA = new StreamAppender(await open(), site, tokenA, APPEND);
    writerA.append(events(0, 3));
    await writerA.flushed();
    expect(writerA.status()).toMatchObject({ state: 'appending', appended: 3 });

    // a dies (its connection gone: no more renewals): b gets the lease once it lapses.
    connectionA.disconnect();
    const diedAt = Date.now();
    const lost: string[] = [];
    expect(await b.acquire((why) => lost.push(why))).toBe(true);
    const takeoverMs = Date.now() - diedAt;
    expect(takeoverMs).toBeGreaterThanOrEqual(LEASE.ttlMs - LEASE.renewMs - 50);
    expect(takeoverMs).toBeLessThan(LEASE.ttlMs + 1_000);
    expect(b.token).toBeGreaterThan(tokenA);

    // a's writer, fenced: appends nothing more and says so once.
    let fenced = 0;
    const lateA = new StreamAppender(await open(), site, tokenA, APPEND, {
      onFenced: () => fenced++,
    });
    lateA.append(events(3, 5));
    await lateA.flushed();
    expect(lateA.status().state).toBe('fenced');
    expect(fenced).toBe(1);
    expect(await streamRecords(await open(), site)).toEqual(events(0, 3));
    await b.release();
    expect(lost).toEqual([]);
  });

  it('appends each call event once: a retried batch and a takeover re-reading the same events add nothing', async () => {
    const site = 'once-site';
    const lease = new RedisLease(await open(), site, LEASE);
    expect(await lease.acquire(() => undefined)).toBe(true);
    const token = lease.token as number;
    const first = new StreamAppender(await open(), site, token, APPEND);
    first.append(events(0, 10));
    await first.flushed();
    const again = new StreamAppender(await open(), site, token, APPEND);
    again.append([...events(5, 10), ...events(10, 12)]);
    await again.flushed();
    expect(again.status()).toMatchObject({ appended: 2, alreadyAppended: 5 });
    expect(await streamRecords(await open(), site)).toEqual(events(0, 12));
    await lease.release();
  });

  it('holds records in order while Redis is down (bounded, visible) and drains them when it is back', async () => {
    const site = 'outage-site';
    const lease = new RedisLease(await open(), site, { ...LEASE, ttlMs: 20_000, renewMs: 500 });
    expect(await lease.acquire(() => undefined)).toBe(true);
    const connection = await open();
    const redisStates: boolean[] = [];
    const appender = new StreamAppender(
      connection,
      site,
      lease.token as number,
      { ...APPEND, bufferCapacity: 30 },
      { onRedis: (up) => redisStates.push(up) },
    );
    appender.append(events(0, 5));
    await appender.flushed();
    await redis.stop(true);
    appender.append(events(5, 25));
    await waitFor('the appender to buffer', () => appender.status().state === 'buffering', 5_000);
    appender.append(events(25, 40));
    const during = appender.status();
    expect(during).toMatchObject({ state: 'buffering', buffered: 30, refused: 5 });
    expect(during.lastError).toBeDefined();
    await redis.start();
    await waitFor('the buffer to drain', () => appender.status().buffered === 0, 10_000);
    expect(appender.status()).toMatchObject({ state: 'appending', appended: 35 });
    expect(redisStates).toEqual([false, true]);
    // In order, none twice; the 5 refused beyond the bound are missing, and counted above.
    expect(await streamRecords(await open(), site)).toEqual(events(0, 35));
    await lease.release();
  });

  it('reads a stream into a listener as the ingest handed it over, ready once caught up', async () => {
    const site = 'read-site';
    const lease = new RedisLease(await open(), site, LEASE);
    expect(await lease.acquire(() => undefined)).toBe(true);
    const appender = new StreamAppender(await open(), site, lease.token as number, APPEND);
    const view: PbxInFlightView = { at: 1_767_225_600_000, waiting: [], talking: [], agents: [] };
    appender.append([
      { kind: 'link', up: true, at: view.at },
      { kind: 'resync', view },
      ...events(0, 300),
    ]);
    await appender.flushed();
    const seen: string[] = [];
    const received: CallEvent[] = [];
    let prepared = 0;
    const listener: CallSourceListener = {
      prepare: () => {
        prepared++;
        seen.push('prepare');
        return Promise.resolve({ until: -Infinity, calls: [] });
      },
      onEvents: (batch) => received.push(...batch),
      onResync: () => seen.push('resync'),
      onLink: (up) => seen.push(up ? 'up' : 'down'),
    };
    const source = new StreamCallSource(
      await open(),
      site,
      { blockMs: 200, count: 100, retryDelayMs: 100 },
      { info: () => undefined, warn: () => undefined },
    );
    source.start(listener);
    await waitFor('caught up', () => source.ready, 10_000);
    expect(received).toEqual(events(0, 300).map((r) => (r as { event: CallEvent }).event));
    expect(prepared).toBe(1);
    expect(seen.slice(0, 3)).toEqual(['up', 'prepare', 'resync']);
    expect(seen[seen.length - 1]).toBe('up');
    appender.append(events(300, 310));
    await waitFor('live entries', () => received.length === 310, 5_000);
    expect(source.status()).toMatchObject({ caughtUp: true, entries: 312 });
    await source.stop();
    await lease.release();
  });
});
