import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayKey } from '@hotline/calendar';
import type { PeriodFigures } from '@hotline/kpi';
import { PbxSimulator } from '@hotline/simulator';
import { createDataSource } from '@hotline/storage';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import {
  type ClusterSnapshot as Snapshot,
  countsWithoutRatings,
  dropSchema,
  getJson,
  siteBesideTruth,
  startSitePbx,
  storedCalls,
  truthsSummed,
} from '../support/cluster-harness';
import { waitFor } from '../support/monitor-harness';
import {
  buildMonitorBundle,
  spawnMonitor,
  type MonitorBundle,
  type MonitorProcess,
} from '../support/monitor-process';
import { periodHolding, simulatedWindow } from '../support/simulated-window';
import { callsAsStored, rowsAsStored, type QueueCallRow } from '../support/stored-calls';
import { PG_URL, testDialects, type Dialect } from '../storage/storage-test-databases';

/**
 * Issue 15 item 1, `pbxes:`: ONE embedded monitor process (no Redis, no cluster) linked to two
 * simulated Asterisk PBXs (different seeds), each its own site. It is SIGKILLed mid-run and
 * started again on the same stores and queue_logs. At the end each site's figures
 * (`/api/v1/snapshot?site=`) equal its own PBX's truth call for call, `/api/v1/sites` sums
 * them, each site's store (PostgreSQL schema, or SQLite file) holds exactly its calls, and
 * each site's day report reads its own store.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const HOURS = 3;
/** Simulated seconds per real second: 3 h in 18 s. */
const SPEED = 600;
const SECRET = 'pbxes-secret-0123456789';
const TIME_ZONE = 'Asia/Shanghai';
const KILL_AT = 70 * MINUTE;
const SEED = Number(process.env.PBXES_SEED ?? 20261207);
const SITES = ['lvliang', 'taiyuan'] as const;
type Site = (typeof SITES)[number];

/** The parts of `/api/v1/sites` read here. */
interface Platform {
  sites: { site: string; centre: Record<string, PeriodFigures> }[];
  total: { centre: Record<string, PeriodFigures | undefined>; omittedPeriods: unknown[] };
}

interface Readiness {
  status: string;
  pbx?: { up: boolean; ready: boolean };
  sites?: Record<string, { up: boolean; ready: boolean }>;
}

/** Each site's store as the test reads it, beside the monitor. */
interface SiteStores {
  readonly storage: MonitorConfigInput['storage'];
  rows(site: Site): Promise<QueueCallRow[]>;
  remove(): Promise<void>;
}

const COLUMNS = 'call_id, queue, line, outcome, wait_seconds, talk_seconds';

function sqliteStores(dir: string): SiteStores {
  // The home site's file as configured; a further site's beside it (hotline.<site>.sqlite).
  const path = (site: Site) =>
    join(dir, 'data', site === SITES[0] ? 'hotline.sqlite' : `hotline.${site}.sqlite`);
  return {
    storage: { driver: 'sqlite', sqlite: { path: path(SITES[0]) } },
    rows: async (site) => {
      const db = createDataSource({ driver: 'sqlite', path: path(site) });
      await db.initialize();
      try {
        return await db.query<QueueCallRow[]>(`SELECT ${COLUMNS} FROM queue_call`);
      } finally {
        await db.destroy();
      }
    },
    remove: () => Promise.resolve(),
  };
}

function postgresStores(): SiteStores {
  const run = `${process.pid}_${Date.now() % 100_000}`;
  const schemas: Record<Site, string> = {
    lvliang: `pbxes_lvliang_${run}`,
    taiyuan: `pbxes_taiyuan_${run}`,
  };
  return {
    storage: {
      driver: 'postgres',
      postgres: {
        url: PG_URL,
        schema: schemas.lvliang,
        poolSize: 4,
        siteSchemas: { taiyuan: schemas.taiyuan },
      },
    },
    rows: (site) => storedCalls(schemas[site]),
    remove: async () => {
      for (const schema of Object.values(schemas)) await dropSchema(schema);
    },
  };
}

describe('one embedded monitor, two PBXs (pbxes:), killed and restarted (real process)', () => {
  let bundle: MonitorBundle | undefined;

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
  }, 180_000);

  afterAll(() => bundle?.remove());

  describe.each(testDialects())('on %s', (dialect: Dialect) => {
    let dir: string;
    let stores: SiteStores;
    let monitor: MonitorProcess | undefined;
    const simulators = new Map<Site, PbxSimulator>();
    let start = 0;
    let busy = false;
    let period: 'today' | 'week' | 'month' = 'today';
    let killedPid = 0;
    const killedAt = new Map<Site, number>();
    const storedAtKill = new Map<Site, number>();
    const restoredLog = new Map<Site, Record<string, unknown> | undefined>();
    const offeredAfterRestart = new Map<Site, number>();
    let readiness: Readiness | undefined;
    const finals = new Map<Site, Snapshot>();
    let platform: Platform | undefined;
    const rows = new Map<Site, QueueCallRow[]>();
    const reported = new Map<string, number | string>();

    const sim = (site: Site) => simulators.get(site) as PbxSimulator;
    const snapshotOf = (site: Site) =>
      getJson<Snapshot>(`${monitor?.baseUrl ?? ''}/api/v1/snapshot?site=${site}`);

    beforeAll(async () => {
      if (!bundle) throw new Error('the monitor bundle was not built');
      const built = bundle;
      dir = mkdtempSync(join(tmpdir(), 'hotline-pbxes-'));
      stores = dialect === 'sqlite' ? sqliteStores(dir) : postgresStores();
      ({ start, busy } = simulatedWindow(Date.now(), TIME_ZONE, HOURS));
      period = periodHolding(start, start + HOURS * HOUR, TIME_ZONE);
      const pbxes: NonNullable<MonitorConfigInput['pbxes']> = [];
      for (const [index, site] of SITES.entries()) {
        const { simulator, pbx } = await startSitePbx({
          site,
          seed: SEED + index * 7,
          speed: SPEED,
          start,
          hours: HOURS,
          dir,
          secret: SECRET,
        });
        simulators.set(site, simulator);
        pbxes.push({ site, ...pbx });
      }
      const config: MonitorConfigInput = {
        pbxes,
        kpi: { timeZone: TIME_ZONE },
        storage: {
          ...stores.storage,
          writer: {
            flushIntervalMs: 200,
            spillPath: join(dir, 'data', 'spill', 'storage-backlog.jsonl'),
          },
        },
        reports: {
          folder: join(dir, 'reports'),
          weekly: { enabled: false },
          monthly: { enabled: false },
        },
      };
      // Ready (/health/ready) only once both PBXs have been read: the own site's link is
      // resynced and the further site's first view applied.
      monitor = await spawnMonitor(built, config, dir);

      // 1. SIGKILL mid-run, calls in flight at both PBXs; start again on the same stores.
      await waitFor(
        'the simulated kill time',
        () => SITES.every((site) => sim(site).now >= start + KILL_AT),
        60_000,
      );
      killedPid = monitor.pid;
      for (const site of SITES) killedAt.set(site, sim(site).now);
      await monitor.kill();
      for (const site of SITES) storedAtKill.set(site, (await stores.rows(site)).length);
      monitor = await spawnMonitor(built, config, dir);
      for (const site of SITES) {
        const restored = monitor
          .output()
          .split('\n')
          .filter((line) => line.includes('"engine restored from its store"'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((line) => line.site === site);
        restoredLog.set(site, restored);
        const snapshot = await snapshotOf(site);
        offeredAfterRestart.set(
          site,
          Object.values(snapshot.kpi.periods.queues).reduce((sum, q) => sum + q[period].offered, 0),
        );
      }

      // 2. The end of the run: every call counted at each site, then the figures.
      await Promise.all(SITES.map((site) => sim(site).finished()));
      for (const site of SITES) {
        const truth = sim(site).truth.summary().centre;
        await waitFor(
          `every call of site ${site} counted`,
          async () => {
            const centre = (await snapshotOf(site)).kpi.periods.centre[period];
            return centre.offered >= truth.offered && centre.inProgress === 0;
          },
          30_000,
        ).catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      for (const site of SITES) finals.set(site, await snapshotOf(site));
      platform = await getJson<Platform>(`${monitor.baseUrl}/api/v1/sites`);
      readiness = await getJson<Readiness>(`${monitor.baseUrl}/health/ready`);

      // 3. Each site's store, and each site's day report read from it.
      for (const site of SITES)
        await waitFor(
          `every call of site ${site} stored`,
          async () => {
            rows.set(site, await stores.rows(site));
            return (rows.get(site) ?? []).length >= sim(site).truth.calls().length;
          },
          15_000,
        ).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const site of SITES) rows.set(site, await stores.rows(site));
      const range = `from=${dayKey(start, TIME_ZONE)}&to=${dayKey(start + HOURS * HOUR, TIME_ZONE)}`;
      for (const site of [...SITES, 'all', 'elsewhere']) {
        const response = await fetch(
          `${monitor.baseUrl}/api/v1/reports/kpi?${range}&by=day&scope=centre&format=json&site=${site}`,
        );
        if (!response.ok) {
          reported.set(site, `HTTP ${response.status}`);
          continue;
        }
        const report = (await response.json()) as { rows: { counters: { offered: number } }[] };
        reported.set(
          site,
          report.rows.reduce((sum, row) => sum + row.counters.offered, 0),
        );
      }
    }, 240_000);

    afterAll(async () => {
      console.info(
        `pbxes on ${dialect}: ${SITES.map((site) => `${site} ${sim(site).truth.summary().centre.offered} contacts, ${(rows.get(site) ?? []).length} stored (${storedAtKill.get(site)} at the kill, ${String(restoredLog.get(site)?.calls)} restored)`).join('; ')}`,
      );
      await monitor?.stop();
      if (process.env.PBXES_KEEP) console.log(`kept ${dir}`);
      for (const simulator of simulators.values()) await simulator.stop();
      if (!process.env.PBXES_KEEP) {
        await stores?.remove().catch(() => undefined);
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    });

    it('killed the one process mid-run with calls in flight at both PBXs, and restored both sites', () => {
      expect(killedPid).toBeGreaterThan(0);
      expect(monitor?.pid).not.toBe(killedPid);
      for (const site of SITES) {
        const calls = sim(site).truth.calls();
        const at = killedAt.get(site) ?? 0;
        expect({
          site,
          inFlight: calls.some((c) => c.joinedAt < at && c.endedAt > at),
        }).toEqual({ site, inFlight: true });
        const stored = storedAtKill.get(site) ?? 0;
        expect(stored).toBeGreaterThan(busy ? 50 : 5);
        // Each site's engine was restored from its own store: what it held at the kill (the
        // writer's last batch may have died with the process and comes back from queue_log).
        expect(restoredLog.get(site)).toMatchObject({ site });
        expect(Number(restoredLog.get(site)?.calls)).toBeGreaterThanOrEqual(stored);
        expect(offeredAfterRestart.get(site)).toBeGreaterThanOrEqual(stored);
      }
    });

    it('lists each PBX link on /health/ready: the own site as pbx, the further one under sites', () => {
      expect(readiness).toMatchObject({
        status: 'ready',
        pbx: { up: true, ready: true },
        sites: { taiyuan: { up: true, ready: true } },
      });
    });

    it.each(SITES)(
      'shows site %s equal to its own PBX: every queue, line and the centre',
      (site) => {
        const snapshot = finals.get(site) as Snapshot;
        const truth = sim(site).truth.summary();
        expect(snapshot.site).toBe(site);
        expect(truth.centre.offered).toBeGreaterThan(busy ? 200 : 20);
        const { shown, truth: expected } = siteBesideTruth(snapshot, truth, period);
        expect(shown).toEqual(expected);
        expect(snapshot.kpi.live.waiting).toEqual([]);
        expect(snapshot.kpi.live.talking).toEqual([]);
      },
    );

    it('kept the two sites apart and sums the platform total from them', () => {
      const [a, b] = SITES.map((site) => sim(site).truth.summary().centre.offered);
      expect(a).not.toBe(b);
      expect(platform?.sites.map((s) => s.site)).toEqual([...SITES]);
      expect(countsWithoutRatings(platform?.total.centre[period] as PeriodFigures)).toEqual(
        truthsSummed(SITES.map((site) => sim(site).truth.summary().centre)),
      );
      expect(platform?.total.omittedPeriods).toEqual([]);
    });

    it.each(SITES)("stored site %s's calls in its own store, once each, call for call", (site) => {
      const stored = rowsAsStored(rows.get(site) ?? []);
      expect(new Set(stored.map((s) => s.callId)).size).toBe(stored.length);
      expect(stored).toEqual(callsAsStored(sim(site).truth.calls()));
    });

    it("reports each site's day from its own store, and their total; a site it has no records of is a 404", () => {
      const lvliang = sim('lvliang').truth.summary().centre.offered;
      const taiyuan = sim('taiyuan').truth.summary().centre.offered;
      expect(Object.fromEntries(reported)).toEqual({
        lvliang,
        taiyuan,
        all: lvliang + taiyuan,
        elsewhere: 'HTTP 404',
      });
    });
  });
});
