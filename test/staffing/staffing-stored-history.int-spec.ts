import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CallStore,
  DEFAULT_AGGREGATION_RULES,
  type DatabaseOptions,
  openDatabase,
  QueueCallRepository,
  type QueueCallRecord,
  Sql,
} from '@hotline/storage';
import { queueCall } from '@hotline/storage/queue-call.factory';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import { type RunningMonitor, startMonitor } from '../support/monitor-harness';
import { type Dialect, PG_URL, testDialects } from '../storage/storage-test-databases';
import { Client } from 'pg';

/**
 * The finding: /api/v1/staffing/rota answered 404 "storage is not configured" with
 * SQLite configured, because the staffing module never received the stored history. Here the
 * whole monitor (AppModule, as main.ts builds it) runs on a database that holds a past week of
 * calls; the rota check and the forecast must read them.
 */
const at = (local: string) => Date.parse(`${local}+08:00`);
const WEEK = '2025-03-03';
const SPIKE = at('2025-03-05T10:00:00');

/** Mon 3 – Sun 9 March 2025, 08:00–20:00: 6 calls per 15 minutes, every tenth abandoned after 40 s; 60 at the spike. */
function pastWeek(): QueueCallRecord[] {
  const calls: QueueCallRecord[] = [];
  let n = 0;
  for (let day = 0; day < 7; day++) {
    for (let slot = 0; slot < 48; slot++) {
      const start = at('2025-03-03T08:00:00') + day * 86_400_000 + slot * 900_000;
      const count = start === SPIKE ? 60 : 6;
      for (let i = 0; i < count; i++, n++) {
        const abandoned = n % 10 === 0;
        calls.push(
          queueCall({
            callId: `w${n}`,
            queue: '12345',
            line: '12345',
            agent: abandoned ? null : `a${n % 20}`,
            joinedAt: start + i * 10_000,
            waitSeconds: abandoned ? 40 : 8,
            talkSeconds: abandoned ? null : 200,
            outcome: abandoned ? 'abandoned' : 'answered',
          }),
        );
      }
    }
  }
  return calls;
}

const INTERVAL = 900_000;
const WEEK_MS = 7 * 86_400_000;

/** 12 calls in each of the next 8 intervals from now, on the same weekday of each of the 4 past weeks. */
function pastWeeksAroundNow(now: number): QueueCallRecord[] {
  const calls: QueueCallRecord[] = [];
  const current = now - (now % INTERVAL);
  for (let week = 1; week <= 4; week++)
    for (let slot = 0; slot < 8; slot++)
      for (let i = 0; i < 12; i++)
        calls.push(
          queueCall({
            callId: `f${week}-${slot}-${i}`,
            queue: '12345',
            agent: `a${i}`,
            joinedAt: current - week * WEEK_MS + slot * INTERVAL + i * 30_000,
            waitSeconds: 5,
            talkSeconds: 180,
          }),
        );
  return calls;
}

async function seed(options: DatabaseOptions, calls: readonly QueueCallRecord[]): Promise<void> {
  const dataSource = await openDatabase(options);
  try {
    const store = new CallStore(dataSource, DEFAULT_AGGREGATION_RULES);
    for (let i = 0; i < calls.length; i += 500)
      await store.writeBatch(
        calls.slice(i, i + 500).map((record) => ({ kind: 'queue-call' as const, record })),
      );
    // The summed waits the rota reads equal the stored calls' waits.
    const waits = await new QueueCallRepository(Sql.of(dataSource)).waitSecondsByInterval(
      at('2025-03-03T00:00:00'),
      at('2025-03-10T00:00:00'),
    );
    expect(waits.get(SPIKE)).toBe(
      calls
        .filter((c) => c.joinedAt >= SPIKE && c.joinedAt < SPIKE + 900_000)
        .reduce((s, c) => s + c.waitSeconds, 0),
    );
  } finally {
    await dataSource.destroy();
  }
}

// Response bodies are checked field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe.each(testDialects())('staffing reads the stored history (%s)', (dialect: Dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-staffing-'));
  const schema = `staffing_it_${process.pid}_${Date.now() % 100_000}`;
  const calls = pastWeek();
  let monitor: RunningMonitor;

  beforeAll(async () => {
    const database: DatabaseOptions =
      dialect === 'sqlite'
        ? { driver: 'sqlite', path: join(dir, 'hotline.sqlite') }
        : { driver: 'postgres', url: PG_URL, schema };
    await seed(database, [...calls, ...pastWeeksAroundNow(Date.now())]);
    const storage: MonitorConfigInput['storage'] =
      dialect === 'sqlite'
        ? { driver: 'sqlite', sqlite: { path: database.driver === 'sqlite' ? database.path : '' } }
        : { driver: 'postgres', postgres: { url: PG_URL, schema, poolSize: 4 } };
    monitor = await startMonitor({
      storage: { ...storage, writer: { spillPath: join(dir, 'spill', 'backlog.jsonl') } },
      reports: {
        folder: join(dir, 'reports'),
        weekly: { enabled: false },
        monthly: { enabled: false },
      },
    });
  }, 120_000);

  afterAll(async () => {
    await monitor?.close();
    if (dialect === 'postgres') {
      const client = new Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  it('GET /rota?weekStart=2025-03-03 answers 200 with the stored week', async () => {
    const response = await fetch(`${monitor.baseUrl}/api/v1/staffing/rota?weekStart=${WEEK}`);
    const body = (await response.json()) as Json;

    expect(response.status).toBe(200);
    expect(body.source).toBe('storage');
    // Only intervals storage knows: nothing happened at night (no call, nobody logged in).
    expect(body.intervals).toHaveLength(7 * 48);
    const offered = (start: number) =>
      (body.intervals as { intervalStart: number; offered: number }[]).find(
        (r) => r.intervalStart === start,
      )?.offered;
    expect(offered(SPIKE)).toBe(60);
    expect(offered(at('2025-03-09T19:45:00'))).toBe(6);
    expect(offered(at('2025-03-04T03:00:00'))).toBeUndefined();
    expect(body.intervals.reduce((s: number, r: { offered: number }) => s + r.offered, 0)).toBe(
      calls.length,
    );
    expect(body.peak.requiredAt).toBe(SPIKE);
    // Talk from the stored calls, patience pooled over every stored wait (the waits are summed
    // by the database): Σ waits ÷ abandons.
    expect(body.handleTime).toMatchObject({ talkSeconds: 200, talkSource: 'history' });
    const abandons = calls.filter((c) => c.outcome === 'abandoned').length;
    const waited = calls.reduce((s, c) => s + c.waitSeconds, 0);
    expect(body.meanPatienceSeconds).toBe(Math.round((waited / abandons) * 100) / 100);
  });

  it('GET /rota?format=csv gives the same week through the one CSV writer', async () => {
    const response = await fetch(
      `${monitor.baseUrl}/api/v1/staffing/rota?weekStart=${WEEK}&format=csv`,
    );
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(response.status).toBe(200);
    expect(lines).toHaveLength(1 + 7 * 48);
    expect(lines.find((l) => l.startsWith('2025-03-05,10:00,3,60,'))).toBeDefined();
  });

  it('GET /forecast takes its baseline from the same weekday and interval of the stored past weeks', async () => {
    const response = await fetch(`${monitor.baseUrl}/api/v1/staffing/forecast?hours=1`);
    const body = (await response.json()) as Json;

    expect(response.status).toBe(200);
    expect(body.method).toBe('history');
    expect(body.intervals).toHaveLength(4);
    for (const interval of body.intervals.slice(0, 3))
      expect(interval).toMatchObject({ baseline: 12, weeksUsed: 4 });
  });

  it('GET /rota for a week with nothing stored says so (404), not "storage is not configured"', async () => {
    const response = await fetch(`${monitor.baseUrl}/api/v1/staffing/rota?weekStart=2024-03-04`);
    const body = (await response.json()) as Json;
    expect(response.status).toBe(404);
    expect(body.message).not.toContain('not configured');
  });
});
