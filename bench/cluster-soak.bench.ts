/**
 * RSS soak over several simulated days (issue 15, "RSS per instance flat over a 10× month
 * soak"): one site's cluster pipeline — its PBX simulator speaking AMI over TCP, an ingest, a
 * real redis-server, a serve, PostgreSQL (a schema for the site) — and, in the same run, the
 * baseline: one embedded monitor (SQLite) watching an identical simulator (same scenario, same
 * seed). Both simulators run `speed` times faster than real time for `days` simulated days.
 * Every simulated hour each instance's RSS (/proc/<pid>/status VmRSS) is sampled; at the end
 * of every simulated day (24 h after its PBX's clock started) also its V8 heap used after a
 * full collection, asked over the instance's own inspector (`node --inspect`, a test-only
 * flag of the child's command line: no code in the monitor), and how far its figures ran
 * behind its PBX (an instance falling behind would hold the backlog in memory). Reported per instance: RSS at each day's
 * end, the growth from day 2 to the last day as a share of day 2 (day 1 fills the day's
 * structures, the retention windows and the stream), within ±10 % or not, and each cluster
 * instance's growth against the embedded monitor's.
 *   nice -n 10 node -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     bench/cluster-soak.bench.ts
 * Environment: SOAK_DAYS (14), SOAK_SPEED (simulated seconds per real second, 1500),
 * SOAK_MULTIPLE (the January-2021 month's traffic and staff × this, 1), SOAK_HEAP_SNAPSHOTS
 * (a folder: a V8 heap snapshot of the embedded monitor and the serve at the end of the middle
 * day and of the last day, `node --heapsnapshot-signal`; not the ingest's, whose lease would lapse
 * while the snapshot stops it; writing one raises RSS for good, so judge RSS on a run without), SOAK_JSON (a file for the figures).
 * Exits non-zero if an instance's RSS grew or shrank by more than 10 % from day 2 to the last
 * day, or an instance's link reconnected (it fell behind: the speed was too high to judge).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { loadScenario, parseScenario, type ScenarioConfig } from '@hotline/simulator';
import type { MonitorConfigInput } from '../apps/monitor/src/config/monitor-config.schema';
import { dropSchema } from '../test/support/cluster-harness';
import { freePort } from '../test/support/free-port';
import {
  buildMonitorBundle,
  spawnMonitor,
  type MonitorBundle,
  type MonitorProcess,
} from '../test/support/monitor-process';
import { startRedis, type RedisUnderTest } from '../test/support/redis-server';
import { PG_URL } from '../test/storage/storage-test-databases';
import { pbxConfig, reportsOff, rssMb } from './bench-monitor-config';
import { PbxSite } from './pbx-site';
import { quantile, tenth } from './wallboard-clients';

const SECRET = 'soak-bench-secret-0123456';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The issue's band: RSS flat within ±10 %. */
const RSS_BAND = 0.1;
/** Real time between looks at the simulators' clocks (a simulated hour is several of these). */
const POLL_MS = 200;
/** The simulators' speed once the soak is over: their clocks all but stop. */
const STANDING_STILL = 1e-6;
const CATCH_UP_LIMIT_MS = 60_000;
const INSPECTOR_TIMEOUT_MS = 60_000;

export interface SoakBenchOptions {
  readonly days?: number;
  readonly speed?: number;
  /** The January-2021 month's calls, seats and agents × this. */
  readonly multiple?: number;
  readonly seed?: number;
  readonly heapSnapshotDir?: string;
}

export interface DayEnd {
  readonly day: number;
  readonly rssMb: number;
  /** V8 heap used after a full collection. */
  readonly heapMb: number;
  /** Median of the day's hourly RSS samples (one sample may catch a collection's peak). */
  readonly medianRssMb: number;
  /**
   * How far the instance's figures ran behind its PBX, simulated minutes: the PBX's clock
   * minus the clock of the instance's snapshot (the PBX time of the last event it applied,
   * advanced by wall time). NaN for the ingest (it keeps no figures).
   */
  readonly lagMinutes: number;
}

export interface InstanceFigures {
  readonly instance: string;
  /** Hourly RSS, MB. */
  readonly hourlyRssMb: readonly number[];
  readonly days: readonly DayEnd[];
  /** From the end of day 2 to the end of the last day, a share of day 2's. */
  readonly rssGrowth: number;
  readonly heapGrowth: number;
  readonly flat: boolean;
  /**
   * Once the PBX stood still and the instance's month 话务量 stopped moving: that figure and
   * the contacts the PBX offered as the bench counts them (first join or refusal of a linkedid;
   * NaN for the ingest).
   */
  readonly shownAtEnd: number;
  readonly offeredAtEnd: number;
  /**
   * Its link's reconnections during the soak (hotline_pbx_reconnects_total: an embedded
   * monitor's or ingest's to the PBX, a serve's to the stream). The simulator writes without
   * backpressure, so an instance that falls seconds behind misses the heartbeat's Ping answer
   * and reconnects, losing the calls that ended in the gap: the soak was faster than it keeps
   * up with, and its figures are not a fair soak.
   */
  readonly reconnects: number;
  readonly cpuSeconds: number;
}

export interface SoakBenchFigures {
  readonly days: number;
  readonly speed: number;
  readonly multiple: number;
  readonly callsPerDay: number;
  /** Per PBX over the soak: queue calls finished, AMI events written. */
  readonly calls: number;
  readonly amiEvents: number;
  readonly realSeconds: number;
  readonly buildSeconds: number;
  readonly startedAt: string;
  readonly loadAverage: { readonly min: number; readonly max: number; readonly cores: number };
  readonly baseline: InstanceFigures;
  readonly cluster: readonly InstanceFigures[];
  /**
   * redis-server's RSS at the end of each of the cluster PBX's days, MB. Its stream is trimmed
   * by wall-clock age (entry ids are Redis's time, retention 48 h): a soak of simulated days
   * in minutes keeps every entry, so this grows with the soak's calls by design.
   */
  readonly redisRssMb: readonly number[];
  /** Each cluster instance's RSS growth (MB, day 2 → last) over the embedded monitor's. */
  readonly growthVsBaseline: readonly { readonly instance: string; readonly ratio: number }[];
  readonly heapSnapshots: readonly string[];
  readonly passed: boolean;
}

/** The January-2021 centre with its calls, seats and agents × `multiple`. */
export function januaryTimes(multiple: number): ScenarioConfig {
  const january = loadScenario('month-2021-01');
  if (multiple === 1) return january;
  return parseScenario({
    ...january,
    name: `${january.name}-x${multiple}`,
    callsPerDay: january.callsPerDay * multiple,
    seats: Math.round(january.seats * multiple),
    shifts: january.shifts.map((shift) => ({
      ...shift,
      agents: Math.round(shift.agents * multiple),
    })),
  });
}

/** CPU seconds (user + system) of a live process (/proc/<pid>/stat, 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * A monitor's own V8 inspector (it was started with --inspect on `port`): a full collection,
 * then the heap used — the live objects, without the collector's slack that RSS carries.
 */
class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const reply = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
      if (reply.id === undefined) return;
      this.pending.get(reply.id)?.(reply.result);
      this.pending.delete(reply.id);
    });
  }

  static async connect(port: number): Promise<Inspector> {
    const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Inspector(socket);
  }

  async heapUsedAfterGcMb(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    const usage = (await this.call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize / 1_048_576;
  }

  close(): void {
    this.socket.close();
  }

  /** Rejects after INSPECTOR_TIMEOUT_MS: a stopped instance's inspector may never answer. */
  private call(method: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`inspector: no answer to ${method}`));
      }, INSPECTOR_TIMEOUT_MS);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.socket.send(JSON.stringify({ id, method }));
    });
  }
}

interface Instance {
  readonly name: string;
  readonly monitor: MonitorProcess;
  readonly inspector: Inspector;
  /** The monitor whose month 话务量 this instance's figures are read from (itself, or none). */
  readonly shows: boolean;
  readonly hourlyRssMb: number[];
  readonly days: DayEnd[];
  readonly cpuAtStart: number;
}

interface SnapshotOffered {
  kpi: { at: number; periods: { centre: Record<string, { offered: number } | undefined> } };
}

async function snapshotOf(monitor: MonitorProcess): Promise<{ at: number; offered: number }> {
  const { kpi } = (await (
    await fetch(`${monitor.baseUrl}/api/v1/snapshot`)
  ).json()) as SnapshotOffered;
  return { at: kpi.at, offered: kpi.periods.centre.month?.offered ?? 0 };
}

async function reconnectsOf(monitor: MonitorProcess): Promise<number> {
  const metrics = await (await fetch(`${monitor.baseUrl}/metrics`)).text();
  return Number(/^hotline_pbx_reconnects_total\{[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? NaN);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const postgres = (
  schema: string,
  dir: string,
): Pick<MonitorConfigInput, 'storage' | 'reports'> => ({
  storage: {
    driver: 'postgres',
    postgres: { url: PG_URL, schema, poolSize: 4 },
    writer: { spillPath: join(dir, 'spill', 'storage-backlog.jsonl') },
  },
  reports: reportsOff(join(dir, 'reports')),
});

export async function runSoakBench(options: SoakBenchOptions = {}): Promise<SoakBenchFigures> {
  const days = options.days ?? 14;
  const speed = options.speed ?? 1_500;
  const multiple = options.multiple ?? 1;
  const seed = options.seed ?? 20210111;
  const scenario = januaryTimes(multiple);
  const buildStarted = Date.now();
  const bundle: MonitorBundle = await buildMonitorBundle();
  const benchStarted = Date.now();
  const progress = (what: string) =>
    process.stderr.write(
      `soak bench +${Math.round((Date.now() - benchStarted) / 1000)} s: ${what}\n`,
    );
  const loads: number[] = [];
  const loadSampler = setInterval(() => loads.push(loadavg()[0]), 1_000);
  const dir = mkdtempSync(join(tmpdir(), 'hotline-soak-'));
  const schema = `soak_bench_${process.pid}`;
  const snapshotDir = options.heapSnapshotDir;
  if (snapshotDir) mkdirSync(snapshotDir, { recursive: true });
  const running: MonitorProcess[] = [];
  const sites: PbxSite[] = [];
  const instances: Instance[] = [];
  let redis: RedisUnderTest | undefined;
  const startInstance = async (name: string, config: MonitorConfigInput, shows: boolean) => {
    const folder = join(dir, name.replace(/ /g, '-'));
    mkdirSync(folder, { recursive: true });
    const inspectPort = await freePort();
    const nodeArgs = [`--inspect=127.0.0.1:${inspectPort}`];
    if (snapshotDir && name !== 'ingest')
      nodeArgs.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${join(snapshotDir, name)}`);
    if (snapshotDir && name !== 'ingest') mkdirSync(join(snapshotDir, name), { recursive: true });
    const monitor = await spawnMonitor(bundle, config, folder, 120_000, {}, '/health/ready', [
      ...nodeArgs,
    ]);
    running.push(monitor);
    const instance: Instance = {
      name,
      monitor,
      inspector: await Inspector.connect(inspectPort),
      shows,
      hourlyRssMb: [],
      days: [],
      cpuAtStart: 0,
    };
    instances.push(instance);
    return instance;
  };
  const startSite = async (name: string) => {
    const site = await PbxSite.start(name, {
      scenario,
      seed,
      durationMs: (days + 2) * DAY_MS,
      secret: SECRET,
    });
    sites.push(site);
    return site;
  };
  try {
    progress(`monitor built; ${days} days of ${scenario.name} at ${speed}× real time`);
    redis = await startRedis();
    const baselineSite = await startSite('baseline');
    const clusterSite = await startSite('cluster');
    const embeddedDir = join(dir, 'embedded');
    const embedded = await startInstance(
      'embedded',
      {
        pbx: pbxConfig(baselineSite, SECRET),
        storage: {
          sqlite: { path: join(embeddedDir, 'hotline.sqlite') },
          writer: { spillPath: join(embeddedDir, 'spill', 'storage-backlog.jsonl') },
        },
        reports: reportsOff(join(embeddedDir, 'reports')),
      },
      true,
    );
    const redisUrl = redis.url;
    const ingest = await startInstance(
      'ingest',
      {
        mode: 'cluster',
        cluster: { role: 'ingest', site: 'cluster', redis: { url: redisUrl } },
        pbx: pbxConfig(clusterSite, SECRET),
        ...postgres(schema, join(dir, 'ingest')),
      },
      false,
    );
    const serve = await startInstance(
      'serve',
      {
        mode: 'cluster',
        cluster: { role: 'serve', site: 'cluster', redis: { url: redisUrl } },
        ...postgres(schema, join(dir, 'serve')),
      },
      true,
    );
    progress('embedded monitor, ingest and serve ready; speeding the PBXs up');
    const cpuStart = new Map(instances.map((i) => [i.name, cpuSeconds(i.monitor.pid)]));
    // A serve may have reconnected to the stream while the ingest was starting: not the soak's.
    const reconnectsAtStart = new Map<Instance, number>();
    for (const instance of instances)
      reconnectsAtStart.set(instance, await reconnectsOf(instance.monitor));
    // Each instance follows its own PBX: the embedded monitor the baseline's, ingest and serve
    // the cluster's. Both clocks started at their monitor's login, at real time.
    const follows = new Map<Instance, PbxSite>([
      [embedded, baselineSite],
      [ingest, clusterSite],
      [serve, clusterSite],
    ]);
    const clockStart = new Map<PbxSite, number>();
    const statusAtStart = new Map<PbxSite, { calls: number; events: number }>();
    for (const site of sites) {
      const status = await site.status();
      clockStart.set(site, status.now);
      statusAtStart.set(site, status);
      site.setSpeed(speed);
    }
    const hoursDone = new Map<PbxSite, number>(sites.map((site) => [site, 0]));
    const snapshots: string[] = [];
    const redisRssMb: number[] = [];
    const realStarted = Date.now();
    const lastHour = days * 24;
    while (sites.some((site) => (hoursDone.get(site) ?? 0) < lastHour)) {
      await sleep(POLL_MS);
      for (const site of sites) {
        const done = hoursDone.get(site) ?? 0;
        if (done >= lastHour) continue;
        const status = await site.status();
        const hours = Math.min(
          lastHour,
          Math.floor((status.now - (clockStart.get(site) ?? 0)) / HOUR_MS),
        );
        if (hours <= done) continue;
        hoursDone.set(site, hours);
        // One sample for the hour(s) just past (a slow poll may have missed one).
        const followers = instances.filter((i) => follows.get(i) === site);
        for (const instance of followers) {
          const mb = tenth(rssMb(instance.monitor.pid));
          while (instance.hourlyRssMb.length < hours) instance.hourlyRssMb.push(mb);
        }
        if (Math.floor(hours / 24) > Math.floor(done / 24)) {
          const day = Math.floor(hours / 24);
          for (const instance of followers) {
            const pbxNow = (await site.status()).now;
            const lagMinutes = instance.shows
              ? (pbxNow - (await snapshotOf(instance.monitor)).at) / 60_000
              : NaN;
            const rss = rssMb(instance.monitor.pid);
            const today = [...instance.hourlyRssMb.slice(-24)].sort((a, b) => a - b);
            instance.days.push({
              day,
              rssMb: tenth(rss),
              heapMb: tenth(await instance.inspector.heapUsedAfterGcMb().catch(() => NaN)),
              medianRssMb: tenth(quantile(today, 0.5)),
              lagMinutes: Math.round(lagMinutes),
            });
            // Not the ingest's: writing a snapshot stops its event loop for longer than the
            // lease's TTL (about a minute here), and an ingest that lost its lease stops.
            if (
              snapshotDir &&
              instance !== ingest &&
              (day === Math.ceil(days / 2) || day === days)
            ) {
              process.kill(instance.monitor.pid, 'SIGUSR2');
              snapshots.push(`${instance.name} day ${day}`);
            }
          }
          if (site === clusterSite && redis?.pid) redisRssMb.push(tenth(rssMb(redis.pid)));
          progress(
            `${site.name} PBX: day ${day} over (${status.offered} contacts offered); ${followers
              .map((i) => `${i.name} RSS ${i.days[i.days.length - 1].rssMb} MB`)
              .join(', ')}`,
          );
        }
      }
    }
    const realSeconds = (Date.now() - realStarted) / 1000;
    const finalStatus = new Map<PbxSite, { calls: number; events: number; offered: number }>();
    for (const site of sites) {
      site.setSpeed(STANDING_STILL);
      finalStatus.set(site, await site.status());
    }
    const cpuEnd = new Map(instances.map((i) => [i.name, cpuSeconds(i.monitor.pid)]));
    // Once the PBXs stand still, each instance's month 话务量 settles (a backlog would keep
    // it moving for a while).
    progress('PBXs stand still; waiting for the embedded monitor and the serve to settle');
    const frozenAt = Date.now();
    const shownAtEnd = new Map<Instance, number>();
    // An instance still writing the last day's heap snapshot does not answer: NaN, asked again.
    const shownBy = async (monitor: MonitorProcess) =>
      (await snapshotOf(monitor).catch(() => undefined))?.offered ?? NaN;
    for (const instance of instances.filter((i) => i.shows)) {
      let shown = await shownBy(instance.monitor);
      for (;;) {
        await sleep(2_000);
        const next = await shownBy(instance.monitor);
        if (next === shown || Date.now() - frozenAt > CATCH_UP_LIMIT_MS) break;
        shown = next;
      }
      shownAtEnd.set(instance, shown);
    }
    const reconnects = new Map<Instance, number>();
    for (const instance of instances)
      reconnects.set(
        instance,
        (await reconnectsOf(instance.monitor)) - (reconnectsAtStart.get(instance) ?? NaN),
      );
    const figuresOf = (instance: Instance): InstanceFigures => {
      const dayEnd = (day: number) => instance.days.find((d) => d.day === day);
      const second = dayEnd(2);
      const last = dayEnd(days);
      const rssGrowth = second && last ? (last.rssMb - second.rssMb) / second.rssMb : NaN;
      const heapGrowth = second && last ? (last.heapMb - second.heapMb) / second.heapMb : NaN;
      return {
        instance: instance.name,
        hourlyRssMb: instance.hourlyRssMb,
        days: instance.days,
        rssGrowth: Math.round(rssGrowth * 1000) / 1000,
        heapGrowth: Math.round(heapGrowth * 1000) / 1000,
        flat: Math.abs(rssGrowth) <= RSS_BAND,
        reconnects: reconnects.get(instance) ?? NaN,
        shownAtEnd: shownAtEnd.get(instance) ?? NaN,
        offeredAtEnd: instance.shows
          ? (finalStatus.get(follows.get(instance)!)?.offered ?? NaN)
          : NaN,
        cpuSeconds: tenth(
          (cpuEnd.get(instance.name) ?? NaN) - (cpuStart.get(instance.name) ?? NaN),
        ),
      };
    };
    const baseline = figuresOf(embedded);
    const cluster = [figuresOf(ingest), figuresOf(serve)];
    const growthMb = (f: InstanceFigures) =>
      (f.days.find((d) => d.day === days)?.rssMb ?? NaN) -
      (f.days.find((d) => d.day === 2)?.rssMb ?? NaN);
    const first = statusAtStart.get(clusterSite)!;
    const end = finalStatus.get(clusterSite)!;
    if (snapshotDir) await sleep(5_000);
    return {
      days,
      speed,
      multiple,
      callsPerDay: scenario.callsPerDay,
      calls: end.calls - first.calls,
      amiEvents: end.events - first.events,
      realSeconds: tenth(realSeconds),
      buildSeconds: tenth((benchStarted - buildStarted) / 1000),
      startedAt: new Date(clockStart.get(clusterSite) ?? NaN).toISOString(),
      loadAverage: {
        min: tenth(Math.min(...loads)),
        max: tenth(Math.max(...loads)),
        cores: availableParallelism(),
      },
      baseline,
      cluster,
      redisRssMb,
      growthVsBaseline: cluster.map((f) => ({
        instance: f.instance,
        ratio: Math.round((growthMb(f) / growthMb(baseline)) * 100) / 100,
      })),
      heapSnapshots: snapshotDir
        ? readdirSync(snapshotDir, { recursive: true })
            .map(String)
            .filter((f) => f.endsWith('.heapsnapshot'))
        : snapshots,
      passed: [baseline, ...cluster].every((f) => f.flat && f.reconnects === 0),
    };
  } finally {
    clearInterval(loadSampler);
    for (const instance of instances) instance.inspector.close();
    for (const monitor of running) await monitor.stop();
    for (const site of sites) await site.stop().catch(() => undefined);
    await redis?.remove();
    await dropSchema(schema).catch(() => undefined);
    bundle.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printSoakBench(f: SoakBenchFigures): void {
  const pct = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)} %`;
  const instance = (i: InstanceFigures) => [
    `  ${i.instance}: RSS day 2 → day ${f.days} ${pct(i.rssGrowth)} (${i.flat ? 'within' : 'OUTSIDE'} ±${RSS_BAND * 100} %), heap after GC ${pct(i.heapGrowth)}; CPU ${i.cpuSeconds} s; ${i.reconnects} reconnects${Number.isNaN(i.shownAtEnd) ? '' : `; month 话务量 at the end ${i.shownAtEnd} (PBX contacts ${i.offeredAtEnd})`}`,
    `    end of day (RSS MB / day's median RSS MB / heap after GC MB${i.days.some((d) => !Number.isNaN(d.lagMinutes)) ? ' / behind its PBX, simulated min' : ''}): ${i.days
      .map(
        (d) =>
          `d${d.day} ${d.rssMb}/${d.medianRssMb}/${d.heapMb}${Number.isNaN(d.lagMinutes) ? '' : `/${d.lagMinutes}`}`,
      )
      .join(', ')}`,
  ];
  const lines = [
    `RSS soak: ${f.days} simulated days from ${f.startedAt} (PBX clock) of the January-2021 centre × ${f.multiple} (${f.callsPerDay} calls/day on average) at ${f.speed}× real time, ${f.realSeconds} s; per PBX ${f.calls} queue calls, ${f.amiEvents} AMI events`,
    `  machine load average (1 min): ${f.loadAverage.min}–${f.loadAverage.max} (${f.loadAverage.cores} cores)`,
    `  baseline (embedded monitor, SQLite, same traffic):`,
    ...instance(f.baseline),
    `  cluster (ingest → redis-server → serve, PostgreSQL):`,
    ...f.cluster.flatMap(instance),
    `  redis-server RSS MB at each day's end (its stream trimmed by wall-clock age, so it keeps every entry of the soak): ${f.redisRssMb.join(', ')}`,
    `  RSS growth (MB, day 2 → day ${f.days}) vs the embedded monitor's: ${f.growthVsBaseline.map((g) => `${g.instance} ${g.ratio}`).join(', ')}`,
    ...(f.heapSnapshots.length > 0 ? [`  heap snapshots: ${f.heapSnapshots.join(', ')}`] : []),
    `  bench ${tenth(f.realSeconds)} s soaking (+ build ${f.buildSeconds} s)  ${f.passed ? 'PASS' : 'FAIL'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The bench's knobs from the environment (see the header); unset ones keep the defaults. */
export function soakOptionsFromEnv(): SoakBenchOptions {
  const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  return {
    days: env('SOAK_DAYS'),
    speed: env('SOAK_SPEED'),
    multiple: env('SOAK_MULTIPLE'),
    heapSnapshotDir: process.env.SOAK_HEAP_SNAPSHOTS,
  };
}

if (require.main === module) {
  runSoakBench(soakOptionsFromEnv())
    .then((figures) => {
      printSoakBench(figures);
      if (process.env.SOAK_JSON)
        writeFileSync(process.env.SOAK_JSON, JSON.stringify(figures, null, 2));
      process.exit(figures.passed ? 0 : 1);
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
