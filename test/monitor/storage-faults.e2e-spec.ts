import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '@hotline/storage';
import { PbxSimulator, type TruthCall } from '@hotline/simulator';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import { waitFor } from '../support/monitor-harness';
import {
  buildMonitorBundle,
  spawnMonitor,
  type MonitorBundle,
  type MonitorProcess,
} from '../support/monitor-process';

/**
 * The database taken away under a running monitor (a real child process fed by the simulator
 * over AMI): the data folder deleted and kept from coming back for a while, later deleted
 * again; and the SQLite -shm truncated (SIGBUS). Issue 12, D8 and D6.
 */

const MINUTE = 60_000;
const HOURS = 3;
const SPEED = 600; // 3 simulated hours in about 18 s
const SECRET = 'storage-faults-secret-0123456789';
/** A past weekday morning in Asia/Shanghai, so the run is busy and entirely in the past. */
const START = Date.UTC(2026, 0, 6, 0, 0, 0);
const BLOCK_MS = 4_000;

interface WriterStatusJson {
  health: string;
  backlog: number;
  spillBytes: number;
  spilled: number;
  databaseFaults: number;
  databaseFault?: { kind: string };
}

/** Call ids as the mapper numbers them: `<uniqueid>@<queue>`, then `#2`… */
function truthCallIds(calls: readonly TruthCall[]): string[] {
  const seen = new Map<string, number>();
  const ids: string[] = [];
  for (const call of [...calls].sort((a, b) => a.joinedAt - b.joinedAt || a.visit - b.visit)) {
    const key = `${call.uniqueid}@${call.queue}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    ids.push(n === 1 ? key : `${key}#${n}`);
  }
  return ids.sort();
}

async function storedCallIds(path: string): Promise<string[]> {
  const db = createDataSource({ driver: 'sqlite', path });
  await db.initialize();
  try {
    const rows = await db.query<{ call_id: string }[]>('SELECT call_id FROM queue_call');
    return rows.map((r) => r.call_id).sort();
  } finally {
    await db.destroy();
  }
}

async function status(monitor: MonitorProcess): Promise<WriterStatusJson> {
  const response = await fetch(`${monitor.baseUrl}/api/v1/storage/status`);
  return (await response.json()) as WriterStatusJson;
}

function errorLines(monitor: MonitorProcess, text: string): string[] {
  return monitor
    .output()
    .split('\n')
    .filter((line) => line.includes('"level":50') && line.includes(text));
}

describe('storage faults under a running monitor (real child process)', () => {
  let bundle: MonitorBundle;
  let dir: string;

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
  }, 180_000);
  afterAll(() => bundle?.remove());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-storage-faults-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function config(simulatorPort: number): MonitorConfigInput {
    return {
      pbx: {
        type: 'asterisk',
        asterisk: {
          host: '127.0.0.1',
          port: simulatorPort,
          username: 'monitor',
          secret: SECRET,
          reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
        },
      },
      storage: {
        sqlite: { path: join(dir, 'data', 'hotline.sqlite') },
        writer: {
          flushIntervalMs: 200,
          retryInitialDelayMs: 200,
          retryMaxDelayMs: 1_000,
          spillPath: join(dir, 'spill', 'storage-backlog.jsonl'),
        },
      },
      reports: {
        folder: join(dir, 'reports'),
        weekly: { enabled: false },
        monthly: { enabled: false },
      },
    };
  }

  it('data folder deleted while running: degraded, logged once per outage, spilled, rebuilt; every call stored', async () => {
    const simulator = await PbxSimulator.start({
      scenario: 'month-2021-01',
      seed: 20260106,
      speed: SPEED,
      startAt: START,
      durationMs: HOURS * 3_600_000,
      startOnLogin: true,
      ami: {
        host: '127.0.0.1',
        port: 0,
        username: 'monitor',
        secret: SECRET,
        timestampEvents: true,
      },
    });
    let monitor: MonitorProcess | undefined;
    try {
      monitor = await spawnMonitor(bundle, config(simulator.port), dir);
      const running = monitor;
      const dataDir = join(dir, 'data');

      // 1. The folder deleted, and a file put where it was: the database cannot come back.
      await waitFor('40 simulated minutes', () => simulator.now >= START + 40 * MINUTE);
      const writtenBefore = (await storedCallIds(join(dataDir, 'hotline.sqlite'))).length;
      rmSync(dataDir, { recursive: true });
      writeFileSync(dataDir, 'in the way');
      await waitFor(
        'storage to notice',
        async () => (await status(running)).databaseFaults === 1,
        10_000,
      );
      await new Promise((resolve) => setTimeout(resolve, BLOCK_MS));
      const during = await status(running);
      const readyDuring = (await (await fetch(`${running.baseUrl}/health/ready`)).json()) as {
        storage?: { health: string; databaseFault?: { kind: string } };
      };

      // 2. The way cleared: the monitor rebuilds the folder and the database from its open copy.
      rmSync(dataDir);
      await waitFor(
        'storage back to ok',
        async () => (await status(running)).health === 'ok',
        15_000,
      );

      // 3. Deleted again, nothing in the way this time.
      await waitFor('120 simulated minutes', () => simulator.now >= START + 120 * MINUTE);
      rmSync(dataDir, { recursive: true });
      await waitFor(
        'the second outage seen and over',
        async () => {
          const s = await status(running);
          return s.databaseFaults === 2 && s.health === 'ok';
        },
        15_000,
      );

      // 4. The end of the run: every call of the truth stored once.
      await simulator.finished();
      const expected = truthCallIds(simulator.truth.calls());
      let stored: string[] = [];
      await waitFor(
        'every call stored and the spill drained',
        async () => {
          const s = await status(running);
          stored = await storedCallIds(join(dataDir, 'hotline.sqlite'));
          return stored.length >= expected.length && s.backlog === 0 && s.spillBytes === 0;
        },
        30_000,
      ).catch(() => undefined);

      expect(writtenBefore).toBeGreaterThan(20);
      expect(during).toMatchObject({ health: 'degraded', databaseFault: { kind: 'missing' } });
      expect(during.spilled).toBeGreaterThan(0);
      expect(readyDuring.storage).toMatchObject({
        health: 'degraded',
        databaseFault: { kind: 'missing' },
      });
      expect(errorLines(running, 'database lost')).toHaveLength(2);
      expect(new Set(stored).size).toBe(stored.length);
      expect(stored).toEqual(expected);
    } finally {
      await monitor?.stop();
      await simulator.stop();
    }
  }, 180_000);

  it('SQLite -shm truncated under it: the process dies of SIGBUS (systemd restarts it) instead of spinning', async () => {
    const simulator = await PbxSimulator.start({
      scenario: 'month-2021-01',
      seed: 7,
      speed: SPEED,
      startAt: START,
      durationMs: HOURS * 3_600_000,
      startOnLogin: true,
      ami: {
        host: '127.0.0.1',
        port: 0,
        username: 'monitor',
        secret: SECRET,
        timestampEvents: true,
      },
    });
    let monitor: MonitorProcess | undefined;
    try {
      monitor = await spawnMonitor(bundle, config(simulator.port), dir);
      const running = monitor;
      await waitFor(
        'calls written',
        async () =>
          (await status(running)).spillBytes === 0 &&
          (await storedCallIds(join(dir, 'data', 'hotline.sqlite'))).length > 5,
        30_000,
      );
      truncateSync(join(dir, 'data', 'hotline.sqlite-shm'), 0);
      const outcome = await Promise.race([
        running.exited,
        new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
      ]);
      expect(outcome).toBe('SIGBUS');
    } finally {
      await monitor?.kill();
      await simulator.stop();
    }
  }, 120_000);
});
