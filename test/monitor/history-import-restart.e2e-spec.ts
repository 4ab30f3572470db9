import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayKey, startOfDay, startOfMonth, startOfWeek } from '@hotline/calendar';
import { createDataSource } from '@hotline/storage';
import { PbxSimulator, type KpiFigures } from '@hotline/simulator';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import { waitFor } from '../support/monitor-harness';
import { callsAsStored, rowsAsStored, type QueueCallRow } from '../support/stored-calls';
import {
  buildMonitorBundle,
  spawnMonitor,
  type MonitorBundle,
  type MonitorProcess,
} from '../support/monitor-process';

/**
 * Issue 11's restart test: the simulator runs a morning and writes its queue_log as Asterisk
 * does; the monitor (a real child process) is killed with SIGKILL mid-run AND its data folder is
 * deleted; the restarted monitor finds an empty store, imports the day from queue_log before it
 * goes live, and the PBX link takes over from there. At the end the stored calls equal the
 * simulator's truth call for call, and the day's figures (report and live snapshot) equal it.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const HOURS = 3;
const SPEED = 600;
const SECRET = 'history-secret-0123456789';
const TIME_ZONE = 'Asia/Shanghai';
const KILL_AT = 80 * MINUTE;
const SEED = Number(process.env.HISTORY_SEED ?? 20261206);

interface ReportCounters {
  offered: number;
  answered: number;
  answered10s: number;
  over5min: number;
  abandoned: number;
  exited: number;
  blocked: number;
  maxWait: number;
}

interface HistoryStatusJson {
  phase: string;
  source?: string;
  range?: { from: number; to: number };
  calls: { counted: number; written: number; alreadyStored: number };
  summary?: { calls: number; written: number; knownGaps: string[] };
  coverage?: { coveredFrom: number; basis: string };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/**
 * A busy morning (09:00–12:00 local) of the latest day it is over, inside what restore reads
 * (this month, or this week when it began last month); else the 3 hours up to a few minutes ago.
 */
function simulatedWindow(now: number): number {
  const today = startOfDay(now, TIME_ZONE);
  const restoredFrom = Math.min(startOfMonth(now, TIME_ZONE), startOfWeek(now, TIME_ZONE));
  for (const day of [today, startOfDay(today - HOUR, TIME_ZONE)]) {
    const start = day + 9 * HOUR;
    if (start + HOURS * HOUR + 5 * MINUTE <= now && day >= restoredFrom) return start;
  }
  return now - HOURS * HOUR - 5 * MINUTE;
}

function sum(rows: readonly ReportCounters[]): ReportCounters {
  const out: ReportCounters = {
    offered: 0,
    answered: 0,
    answered10s: 0,
    over5min: 0,
    abandoned: 0,
    exited: 0,
    blocked: 0,
    maxWait: 0,
  };
  for (const row of rows)
    for (const key of Object.keys(out) as (keyof ReportCounters)[])
      out[key] = key === 'maxWait' ? Math.max(out[key], row[key]) : out[key] + row[key];
  return out;
}

function truthCounters(f: KpiFigures): ReportCounters {
  return {
    offered: f.offered,
    answered: f.answered,
    answered10s: f.answeredWithin10s,
    over5min: f.over5Min,
    abandoned: f.abandoned,
    exited: f.exited,
    blocked: f.blocked,
    maxWait: f.longestWaitSeconds,
  };
}

describe('monitor killed mid-run and its data folder deleted: the restart imports the day from queue_log (real child process)', () => {
  let bundle: MonitorBundle | undefined;
  let dir: string;
  let simulator: PbxSimulator;
  let monitor: MonitorProcess | undefined;
  let start = 0;
  let killedAt = 0;
  let storedAtKill = 0;
  let rowsAfterDelete = -1;
  let importStatus: HistoryStatusJson | undefined;
  let importFrom = '';
  let rows: QueueCallRow[] = [];
  const sqlitePath = () => join(dir, 'data', 'hotline.sqlite');

  const readRows = async (): Promise<QueueCallRow[]> => {
    const db = createDataSource({ driver: 'sqlite', path: sqlitePath() });
    await db.initialize();
    try {
      return await db.query<QueueCallRow[]>(
        `SELECT call_id, queue, line, wait_seconds, talk_seconds, outcome FROM queue_call`,
      );
    } finally {
      await db.destroy();
    }
  };

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
    dir = mkdtempSync(join(tmpdir(), 'hotline-history-restart-'));
    const queueLogPath = join(dir, 'asterisk', 'queue_log');
    const now = Date.now();
    start = simulatedWindow(now);
    // The default ("month") when the run is in this month; else the run's own day (an ISO date).
    importFrom = start >= startOfMonth(now, TIME_ZONE) ? 'month' : dayKey(start, TIME_ZONE);
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
      history: { importFrom },
      kpi: { timeZone: TIME_ZONE },
      storage: {
        driver: 'sqlite',
        sqlite: { path: sqlitePath() },
        writer: { flushIntervalMs: 200, spillPath: join(dir, 'data', 'spill', 'backlog.jsonl') },
      },
      reports: {
        folder: join(dir, 'data', 'reports'),
        weekly: { enabled: false },
        monthly: { enabled: false },
      },
    };
    monitor = await spawnMonitor(bundle, config, dir);

    // 1. SIGKILL mid-run, and the data folder deleted: the store is gone.
    await waitFor('the simulated kill time', () => simulator.now >= start + KILL_AT, 60_000);
    killedAt = simulator.now;
    await monitor.kill();
    storedAtKill = (await readRows()).length;
    rmSync(join(dir, 'data'), { recursive: true, force: true });
    rowsAfterDelete = await readRows()
      .then((r) => r.length)
      .catch(() => 0);
    rmSync(join(dir, 'data'), { recursive: true, force: true });

    // 2. Restart: an empty store and a ledger — the day is imported before the link goes live.
    monitor = await spawnMonitor(bundle, config, dir);
    importStatus = (
      await getJson<{ history: HistoryStatusJson }>(`${monitor.baseUrl}/api/v1/storage/status`)
    ).history;

    // 3. The end of the run: every call stored, the writer empty.
    await simulator.finished();
    const expected = simulator.truth.calls().length;
    const running = monitor;
    await waitFor(
      'every call stored and the writer drained',
      async () => {
        const status = await getJson<{ backlog: number }>(
          `${running.baseUrl}/api/v1/storage/status`,
        );
        rows = await readRows();
        return rows.length >= expected && status.backlog === 0;
      },
      30_000,
    ).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    rows = await readRows();
  }, 240_000);

  afterAll(async () => {
    await monitor?.stop();
    await simulator?.stop();
    bundle?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('really killed the monitor mid-run with calls stored, and deleted its store', () => {
    expect(storedAtKill).toBeGreaterThan(50);
    expect(rowsAfterDelete).toBe(0);
    const calls = simulator.truth.calls();
    expect(calls.filter((c) => c.endedAt < killedAt).length).toBeGreaterThan(50);
    expect(
      calls.filter((c) => c.joinedAt < killedAt && c.endedAt > killedAt).length,
    ).toBeGreaterThan(0);
  });

  it('imported the ledger before going live, from the start it was told, and says so', () => {
    expect(importStatus?.phase).toBe('done');
    expect(importStatus?.source).toContain('queue_log');
    expect(importStatus?.summary?.calls).toBeGreaterThanOrEqual(storedAtKill);
    expect(importStatus?.summary?.written).toBe(importStatus?.summary?.calls);
    expect(importStatus?.summary?.knownGaps.some((g) => g.startsWith('refusals:'))).toBe(true);
    const expectedFrom =
      importFrom === 'month' ? startOfMonth(Date.now(), TIME_ZONE) : startOfDay(start, TIME_ZONE);
    expect(importStatus?.range?.from).toBe(expectedFrom);
    expect(importStatus?.coverage).toMatchObject({ coveredFrom: expectedFrom, basis: 'import' });
  });

  it('stored every call of the truth exactly once, call for call', () => {
    const calls = simulator.truth.calls();
    expect(calls.length).toBeGreaterThan(150);
    const expected = callsAsStored(calls);
    const stored = rowsAsStored(rows);
    expect(new Set(stored.map((s) => s.callId)).size).toBe(stored.length);
    expect(stored).toEqual(expected);
  });

  it('reports the day as the truth: centre and every queue', async () => {
    const end = start + HOURS * HOUR;
    const range = `from=${dayKey(start, TIME_ZONE)}&to=${dayKey(end, TIME_ZONE)}&by=day`;
    const base = `${monitor?.baseUrl ?? ''}/api/v1/reports/kpi?${range}&format=json`;
    const truth = simulator.truth.summary();
    type Report = { rows: { scopeKey: string; counters: ReportCounters }[] };
    const centre = await getJson<Report>(`${base}&scope=centre`);
    expect(sum(centre.rows.map((r) => r.counters))).toEqual(truthCounters(truth.centre));
    const queues = await getJson<Report>(`${base}&scope=queue`);
    for (const [queue, figures] of Object.entries(truth.queues))
      expect({
        queue,
        ...sum(queues.rows.filter((r) => r.scopeKey === queue).map((r) => r.counters)),
      }).toEqual({ queue, ...truthCounters(figures) });
  });

  it('shows the day live as the truth: the restarted engine counts every queue call once', async () => {
    const period =
      startOfDay(start, TIME_ZONE) === startOfDay(Date.now(), TIME_ZONE)
        ? 'today'
        : startOfMonth(start, TIME_ZONE) === startOfMonth(Date.now(), TIME_ZONE)
          ? 'month'
          : 'week';
    const snapshot = await getJson<{
      kpi: {
        periods: { queues: Record<string, Record<string, { offered: number; answered: number }>> };
      };
    }>(`${monitor?.baseUrl ?? ''}/api/v1/snapshot`);
    const truth = simulator.truth.summary();
    for (const [queue, figures] of Object.entries(truth.queues)) {
      const live = snapshot.kpi.periods.queues[queue]?.[period];
      // The period may hold more than the run only when it is the week or month (other runs);
      // the run's data folder was new, so it holds exactly the run.
      expect({ queue, offered: live?.offered, answered: live?.answered }).toEqual({
        queue,
        offered: figures.offered,
        answered: figures.answered,
      });
    }
  });
});
