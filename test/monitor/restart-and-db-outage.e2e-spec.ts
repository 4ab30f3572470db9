import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '@hotline/storage';
import { PbxSimulator, type KpiFigures, type TruthCall } from '../../apps/simulator/src';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import { waitFor } from '../support/monitor-harness';
import {
  buildMonitorBundle,
  spawnMonitor,
  type MonitorBundle,
  type MonitorProcess,
} from '../support/monitor-process';

/**
 * The done-when: the simulator runs a day; the monitor (a real child process) is killed
 * with SIGKILL mid-run and started again on the same database and queue_log; later the database
 * is unavailable for a while; at the end the stored records and the day report equal the
 * simulator's truth exactly — no call lost, none doubled.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const HOURS = 4;
/** Simulated seconds per real second: 4 h in about 24 s. */
const SPEED = 600;
const SECRET = 'restart-secret-0123456789';
const TIME_ZONE = 'Asia/Shanghai';
/** Asia/Shanghai has had no DST since 1991: local time is UTC+8. */
const ZONE_OFFSET_MS = 8 * HOUR;
const KILL_AT = 70 * MINUTE;
const OUTAGE_AT = 150 * MINUTE;
/** Real ms the database stays locked: longer than better-sqlite3's 5 s busy timeout. */
const OUTAGE_MS = 8_000;
const SEED = Number(process.env.RESTART_SEED ?? 20261129);

interface QueueCallRow {
  call_id: string;
  contact_id: string;
  queue: string;
  line: string | null;
  wait_seconds: number;
  talk_seconds: number | null;
  outcome: string;
}

interface ReportCounters {
  offered: number;
  answered: number;
  answered10s: number;
  over5min: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  blocked: number;
  maxWait: number;
}

interface KpiReportJson {
  rows: { scopeKey: string; counters: ReportCounters }[];
  total: { counters: ReportCounters } | null;
}

interface WriterStatusJson {
  backlog: number;
  spillBytes: number;
  failures: number;
  written: number;
  health: string;
}

/** Call ids as the mapper and queue_log number them: `<uniqueid>@<queue>`, then `#2`… */
function truthCallIds(calls: readonly TruthCall[]): Map<TruthCall, string> {
  const ids = new Map<TruthCall, string>();
  const seen = new Map<string, number>();
  for (const call of [...calls].sort((a, b) => a.joinedAt - b.joinedAt || a.visit - b.visit)) {
    const key = `${call.uniqueid}@${call.queue}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    ids.set(call, n === 1 ? key : `${key}#${n}`);
  }
  return ids;
}

/** Local midnight (Asia/Shanghai) of the day `at` falls in. */
function localMidnight(at: number): number {
  return Math.floor((at + ZONE_OFFSET_MS) / (24 * HOUR)) * 24 * HOUR - ZONE_OFFSET_MS;
}

function localDate(at: number): string {
  return new Date(at + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

function reportCounts(c: ReportCounters) {
  return {
    offered: c.offered,
    answered: c.answered,
    answeredWithin10s: c.answered10s,
    overFiveMinutes: c.over5min,
    abandoned: c.abandoned,
    shortAbandons: c.shortAbandoned,
    exited: c.exited,
    blocked: c.blocked,
    longestWaitSeconds: c.maxWait,
  };
}

function truthReportCounts(f: KpiFigures) {
  return {
    offered: f.offered,
    answered: f.answered,
    answeredWithin10s: f.answeredWithin10s,
    overFiveMinutes: f.over5Min,
    abandoned: f.abandoned,
    shortAbandons: f.shortAbandons,
    exited: f.exited,
    blocked: f.blocked,
    longestWaitSeconds: f.longestWaitSeconds,
  };
}

function sumCounters(rows: readonly ReportCounters[]): ReportCounters {
  const sum: ReportCounters = {
    offered: 0,
    answered: 0,
    answered10s: 0,
    over5min: 0,
    abandoned: 0,
    shortAbandoned: 0,
    exited: 0,
    blocked: 0,
    maxWait: 0,
  };
  for (const row of rows) {
    for (const key of Object.keys(sum) as (keyof ReportCounters)[])
      sum[key] = key === 'maxWait' ? Math.max(sum[key], row[key]) : sum[key] + row[key];
  }
  return sum;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

describe('monitor killed and restarted mid-day, then a database outage (real child process)', () => {
  let bundle: MonitorBundle;
  let dir: string;
  let dbPath: string;
  let simulator: PbxSimulator;
  let monitor: MonitorProcess | undefined;
  let killedPid = 0;
  /** Simulated times of the kill and of the restarted monitor being ready. */
  let killedAt = 0;
  let backAt = 0;
  /** queue_call rows stored when the first monitor was killed (joined today). */
  let storedAtKill = 0;
  /** The restarted monitor's queues' offered today, right after it was ready. */
  let offeredTodayAfterRestart = 0;
  let lockedFor = 0;
  let statusAfterOutage: WriterStatusJson | undefined;
  let finalStatus: WriterStatusJson | undefined;
  let rows: QueueCallRow[] = [];
  let start = 0;

  /** The monitor's SQLite file, opened beside it (WAL: reads do not block its writes). */
  const openDb = async () => {
    const db = createDataSource({ driver: 'sqlite', path: dbPath });
    await db.initialize();
    return db;
  };

  const readRows = async (): Promise<QueueCallRow[]> => {
    const db = await openDb();
    try {
      return await db.query<QueueCallRow[]>(
        'SELECT call_id, contact_id, queue, line, wait_seconds, talk_seconds, outcome FROM queue_call',
      );
    } finally {
      await db.destroy();
    }
  };

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
    dir = mkdtempSync(join(tmpdir(), 'hotline-restart-'));
    dbPath = join(dir, 'data', 'hotline.sqlite');
    const queueLogPath = join(dir, 'queue_log');
    // The whole simulated run lies in the past of the wall clock: restore reads "today" and
    // "this month" at Date.now(), and only calls that joined before then.
    start = Date.now() - HOURS * HOUR - 5 * MINUTE;
    simulator = await PbxSimulator.start({
      scenario: 'month-2021-01',
      seed: SEED,
      speed: SPEED,
      startAt: start,
      durationMs: HOURS * HOUR,
      startOnLogin: true,
      queueLogPath,
      ami: {
        host: '127.0.0.1',
        port: 0,
        username: 'monitor',
        secret: SECRET,
        timestampEvents: true,
      },
    });
    const config: MonitorConfigInput = {
      pbx: {
        type: 'asterisk',
        asterisk: {
          host: '127.0.0.1',
          port: simulator.port,
          username: 'monitor',
          secret: SECRET,
          reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
          queueLogPath,
        },
      },
      kpi: { timeZone: TIME_ZONE },
      storage: {
        driver: 'sqlite',
        sqlite: { path: dbPath },
        writer: {
          flushIntervalMs: 200,
          retryInitialDelayMs: 200,
          retryMaxDelayMs: 1_000,
          spillPath: join(dir, 'data', 'spill', 'storage-backlog.jsonl'),
        },
      },
      reports: {
        folder: join(dir, 'reports'),
        weekly: { enabled: false },
        monthly: { enabled: false },
      },
    };
    monitor = await spawnMonitor(bundle, config, dir);

    // 1. SIGKILL mid-run: no shutdown hook, the writer's last batch may be lost.
    await waitFor('the simulated kill time', () => simulator.now >= start + KILL_AT, 60_000);
    killedPid = monitor.pid;
    killedAt = simulator.now;
    await monitor.kill();
    storedAtKill = (await readRows()).length;

    // 2. Restart on the same database and queue_log.
    monitor = await spawnMonitor(bundle, config, dir);
    backAt = simulator.now;
    const snapshot = await getJson<{
      kpi: { periods: { queues: Record<string, { today: { offered: number } }> } };
    }>(`${monitor.baseUrl}/api/v1/snapshot`);
    offeredTodayAfterRestart = Object.values(snapshot.kpi.periods.queues).reduce(
      (sum, q) => sum + q.today.offered,
      0,
    );

    // 3. The database unavailable for a while: an exclusive lock makes every write fail (busy).
    await waitFor('the simulated outage time', () => simulator.now >= start + OUTAGE_AT, 60_000);
    const locker = await openDb();
    const lockedAt = Date.now();
    await locker.query('BEGIN EXCLUSIVE');
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    statusAfterOutage = await getJson<WriterStatusJson>(`${monitor.baseUrl}/api/v1/storage/status`);
    await locker.query('COMMIT');
    lockedFor = Date.now() - lockedAt;
    await locker.destroy();

    // 4. The end of the run: wait until every call is stored and the writer is empty.
    await simulator.finished();
    const expected = simulator.truth.calls().length;
    const running = monitor;
    await waitFor(
      'every call stored and the writer drained',
      async () => {
        finalStatus = await getJson<WriterStatusJson>(`${running.baseUrl}/api/v1/storage/status`);
        rows = await readRows();
        return rows.length >= expected && finalStatus.backlog === 0 && finalStatus.spillBytes === 0;
      },
      30_000,
    ).catch(() => undefined);
    // A little longer: a late correction or a doubled call would show now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    finalStatus = await getJson<WriterStatusJson>(`${running.baseUrl}/api/v1/storage/status`);
    rows = await readRows();
  }, 240_000);

  afterAll(async () => {
    await monitor?.stop();
    await simulator?.stop();
    bundle?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('really killed the monitor mid-run and restarted it with what it had stored', () => {
    expect(killedPid).toBeGreaterThan(0);
    expect(monitor?.pid).not.toBe(killedPid);
    expect(storedAtKill).toBeGreaterThan(50);
    const today = localMidnight(Date.now());
    const joinedToday = simulator.truth
      .calls()
      .filter((c) => c.joinedAt >= today && c.endedAt < start + KILL_AT - 5 * MINUTE).length;
    // Restore: the restarted monitor counts today's calls finished before the kill.
    expect(offeredTodayAfterRestart).toBeGreaterThanOrEqual(Math.min(storedAtKill, joinedToday));
    expect(offeredTodayAfterRestart).toBeGreaterThan(0);
    // Calls moved while no monitor ran: some ended, some were in progress across the gap.
    const calls = simulator.truth.calls();
    expect(calls.filter((c) => c.endedAt > killedAt && c.endedAt < backAt).length).toBeGreaterThan(
      5,
    );
    expect(calls.filter((c) => c.joinedAt < killedAt && c.endedAt > backAt).length).toBeGreaterThan(
      0,
    );
  });

  it('really had the database unavailable: writes failed, then the writer drained', () => {
    expect(lockedFor).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(statusAfterOutage?.failures).toBeGreaterThan(0);
    expect(finalStatus).toMatchObject({ backlog: 0, spillBytes: 0 });
  });

  it('stored every call of the truth exactly once, call for call', () => {
    const calls = simulator.truth.calls();
    expect(calls.length).toBeGreaterThan(300);
    const ids = truthCallIds(calls);
    const expected = calls
      .map((call) => ({
        callId: ids.get(call),
        queue: call.queue,
        line: call.line,
        outcome: call.outcome,
        wait: call.waitSeconds,
        talk: call.outcome === 'answered' ? (call.talkSeconds ?? 0) : null,
      }))
      .sort((a, b) => String(a.callId).localeCompare(String(b.callId)));
    const stored = rows
      .map((row) => ({
        callId: row.call_id,
        queue: row.queue,
        line: row.line,
        outcome: row.outcome,
        wait: Number(row.wait_seconds),
        talk: row.talk_seconds === null ? null : Number(row.talk_seconds),
      }))
      .sort((a, b) => a.callId.localeCompare(b.callId));
    expect(new Set(stored.map((s) => s.callId)).size).toBe(stored.length);
    expect(stored).toEqual(expected);
  });

  it('reports the day exactly as the truth: centre and every queue', async () => {
    const end = start + HOURS * HOUR;
    const range = `from=${localDate(start)}&to=${localDate(end)}&by=day`;
    const base = `${monitor?.baseUrl ?? ''}/api/v1/reports/kpi?${range}&format=json`;
    const truth = simulator.truth.summary();

    const centre = await getJson<KpiReportJson>(`${base}&scope=centre`);
    expect(reportCounts(sumCounters(centre.rows.map((r) => r.counters)))).toEqual(
      truthReportCounts(truth.centre),
    );

    const queues = await getJson<KpiReportJson>(`${base}&scope=queue`);
    const byQueue = new Map<string, ReportCounters[]>();
    for (const row of queues.rows)
      byQueue.set(row.scopeKey, [...(byQueue.get(row.scopeKey) ?? []), row.counters]);
    expect([...byQueue.keys()].sort()).toEqual(Object.keys(truth.queues).sort());
    for (const [queue, figures] of Object.entries(truth.queues))
      expect({ queue, ...reportCounts(sumCounters(byQueue.get(queue) ?? [])) }).toEqual({
        queue,
        ...truthReportCounts(figures),
      });
  });
});
