import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { dayKey } from '@hotline/calendar';
import { createDataSource } from '@hotline/storage';
import { PbxSimulator, type KpiFigures } from '@hotline/simulator';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import { waitFor } from '../support/monitor-harness';
import { callsAsStored, rowsAsStored } from '../support/stored-calls';
import { periodHolding, simulatedWindow } from '../support/simulated-window';
import { PG_URL, testDialects, type Dialect } from '../storage/storage-test-databases';
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
const KILL_AT = 70 * MINUTE;
const OUTAGE_AT = 150 * MINUTE;
/** Real ms the database stays unavailable (SQLite: longer than better-sqlite3's 5 s busy wait). */
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

/** The monitor's database as the test sees it, beside the monitor. */
interface StoreUnderTest {
  readonly storage: MonitorConfigInput['storage'];
  readRows(): Promise<QueueCallRow[]>;
  /** Makes every write fail until `release` is called. */
  takeAway(): Promise<{ release(): Promise<void> }>;
  remove(): Promise<void>;
}

const COLUMNS = 'call_id, contact_id, queue, line, wait_seconds, talk_seconds, outcome';

function sqliteStore(dir: string): StoreUnderTest {
  const path = join(dir, 'data', 'hotline.sqlite');
  // WAL: reads beside the monitor do not block its writes.
  const open = async () => {
    const db = createDataSource({ driver: 'sqlite', path });
    await db.initialize();
    return db;
  };
  return {
    storage: { driver: 'sqlite', sqlite: { path } },
    readRows: async () => {
      const db = await open();
      try {
        return await db.query<QueueCallRow[]>(`SELECT ${COLUMNS} FROM queue_call`);
      } finally {
        await db.destroy();
      }
    },
    // An exclusive lock: the monitor's writes wait out their busy timeout, then fail (busy).
    takeAway: async () => {
      const db = await open();
      await db.query('BEGIN EXCLUSIVE');
      return {
        release: async () => {
          await db.query('COMMIT');
          await db.destroy();
        },
      };
    },
    remove: () => Promise.resolve(),
  };
}

function postgresStore(): StoreUnderTest {
  const schema = `restart_e2e_${process.pid}_${Date.now() % 100_000}`;
  const query = async <T>(sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    storage: { driver: 'postgres', postgres: { url: PG_URL, schema, poolSize: 4 } },
    readRows: () => query<QueueCallRow>(`SELECT ${COLUMNS} FROM "${schema}".queue_call`),
    // The table gone for a while (the schema is the test's own): every upsert fails.
    takeAway: async () => {
      await query(`ALTER TABLE "${schema}".queue_call RENAME TO queue_call_away`);
      return {
        release: async () => {
          await query(`ALTER TABLE "${schema}".queue_call_away RENAME TO queue_call`);
        },
      };
    },
    remove: async () => {
      await query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

describe('monitor killed and restarted mid-run, then its database unavailable (real child process)', () => {
  let bundle: MonitorBundle | undefined;

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
  }, 180_000);

  afterAll(() => bundle?.remove());

  describe.each(testDialects())('on %s', (dialect: Dialect) => {
    let dir: string;
    let store: StoreUnderTest;
    let simulator: PbxSimulator;
    let monitor: MonitorProcess | undefined;
    let killedPid = 0;
    /** Simulated times of the kill and of the restarted monitor being ready. */
    let killedAt = 0;
    let backAt = 0;
    /** queue_call rows stored when the first monitor was killed. */
    let storedAtKill = 0;
    /** The restarted monitor's offered (sum over queues) in the period holding the run. */
    let offeredAfterRestart = 0;
    let unavailableFor = 0;
    let statusDuringOutage: WriterStatusJson | undefined;
    let finalStatus: WriterStatusJson | undefined;
    let rows: QueueCallRow[] = [];
    let start = 0;
    let busy = false;

    beforeAll(async () => {
      if (!bundle) throw new Error('the monitor bundle was not built');
      const built = bundle;
      dir = mkdtempSync(join(tmpdir(), 'hotline-restart-'));
      store = dialect === 'sqlite' ? sqliteStore(dir) : postgresStore();
      const queueLogPath = join(dir, 'queue_log');
      // Restore reads "today", "this week" and "this month" at Date.now(), and only calls that
      // joined before then: the simulated run lies in the past of the wall clock.
      ({ start, busy } = simulatedWindow(Date.now(), TIME_ZONE, HOURS));
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
          ...store.storage,
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
      monitor = await spawnMonitor(built, config, dir);

      // 1. SIGKILL mid-run: no shutdown hook; the writer's last batch dies with the process.
      await waitFor('the simulated kill time', () => simulator.now >= start + KILL_AT, 60_000);
      killedPid = monitor.pid;
      killedAt = simulator.now;
      await monitor.kill();
      storedAtKill = (await store.readRows()).length;

      // 2. Restart on the same database and queue_log.
      monitor = await spawnMonitor(built, config, dir);
      backAt = simulator.now;
      const period = periodHolding(start, Date.now(), TIME_ZONE);
      const snapshot = await getJson<{
        kpi: { periods: { queues: Record<string, Record<string, { offered: number }>> } };
      }>(`${monitor.baseUrl}/api/v1/snapshot`);
      offeredAfterRestart = Object.values(snapshot.kpi.periods.queues).reduce(
        (sum, q) => sum + q[period].offered,
        0,
      );

      // 3. The database unavailable for a while.
      await waitFor('the simulated outage time', () => simulator.now >= start + OUTAGE_AT, 60_000);
      const outageStart = Date.now();
      const outage = await store.takeAway();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      statusDuringOutage = await getJson<WriterStatusJson>(
        `${monitor.baseUrl}/api/v1/storage/status`,
      );
      await outage.release();
      unavailableFor = Date.now() - outageStart;

      // 4. The end of the run: wait until every call is stored and the writer is empty.
      await simulator.finished();
      const expected = simulator.truth.calls().length;
      const running = monitor;
      await waitFor(
        'every call stored and the writer drained',
        async () => {
          finalStatus = await getJson<WriterStatusJson>(`${running.baseUrl}/api/v1/storage/status`);
          rows = await store.readRows();
          return (
            rows.length >= expected && finalStatus.backlog === 0 && finalStatus.spillBytes === 0
          );
        },
        30_000,
      ).catch(() => undefined);
      // A little longer: a late correction or a doubled call would show now.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      finalStatus = await getJson<WriterStatusJson>(`${running.baseUrl}/api/v1/storage/status`);
      rows = await store.readRows();
    }, 180_000);

    afterAll(async () => {
      await monitor?.stop();
      await simulator?.stop();
      await store?.remove();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('really killed the monitor mid-run while calls were in progress, and restored it', () => {
      expect(killedPid).toBeGreaterThan(0);
      expect(monitor?.pid).not.toBe(killedPid);
      expect(storedAtKill).toBeGreaterThan(20);
      // Restore: the restarted monitor counts the calls stored before the kill.
      expect(offeredAfterRestart).toBeGreaterThanOrEqual(storedAtKill);
      // Calls moved while no monitor ran: some were in progress at the kill, some ended meanwhile.
      const calls = simulator.truth.calls();
      expect(
        calls.filter((c) => c.joinedAt < killedAt && c.endedAt > killedAt).length,
      ).toBeGreaterThan(0);
      expect(
        calls.filter((c) => c.endedAt > killedAt && c.endedAt < backAt).length,
      ).toBeGreaterThan(5);
    });

    it('really had the database unavailable: writes failed, then the writer drained', () => {
      expect(unavailableFor).toBeGreaterThanOrEqual(OUTAGE_MS);
      expect(statusDuringOutage?.failures).toBeGreaterThan(0);
      expect(finalStatus).toMatchObject({ backlog: 0, spillBytes: 0 });
    });

    it('stored every call of the truth exactly once, call for call', () => {
      const calls = simulator.truth.calls();
      expect(calls.length).toBeGreaterThan(busy ? 300 : 20);
      const expected = callsAsStored(calls);
      const stored = rowsAsStored(rows);
      expect(new Set(stored.map((s) => s.callId)).size).toBe(stored.length);
      expect(stored).toEqual(expected);
    });

    it('reports the run exactly as the truth: centre and every queue', async () => {
      const end = start + HOURS * HOUR;
      const range = `from=${dayKey(start, TIME_ZONE)}&to=${dayKey(end, TIME_ZONE)}&by=day`;
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
});
