/**
 * Cluster fan-out and RSS soak (issue 15, "Measured scale"): `sites` simulated PBXs (one
 * simulator process each, its own seed), each at `peakMultiple` times the January-2021 peak
 * hour speaking AMI over TCP, one ingest per site, `serves` serve processes each showing every
 * site (`cluster.sites`) on a real redis-server and PostgreSQL (a schema per site), `clients`
 * wallboard WebSockets spread evenly over the serves and, on each serve, over the sites (each
 * subscribes with `site`; in child processes, one per serve). Measured:
 *   1. fan-out — the delay from the event at a site's PBX (its simulator has written the AMI
 *      event that changes the site's 话务量 or 接通) to each client showing that site receiving
 *      the changed figure: p50/p99/max and missing updates. The baseline, first, in the same
 *      run: the same traffic (same seeds) and clients without the cluster, as a province runs
 *      today — one embedded monitor per site (each watches one PBX), the site's clients on it:
 *      cluster p99 / baseline p99.
 *   2. soak — the simulators then run `soakSpeed` times faster than real time at the same
 *      traffic; each ingest's and serve's RSS (/proc/<pid>/status VmRSS) is sampled every second.
 *      After the warm-up (the fan-out phase and the soak's first quarter) every sample must stay
 *      within ±10 % of the median of the first ten after it.
 *   node -r ts-node/register -r tsconfig-paths/register bench/cluster-fanout.bench.ts
 * Environment: FANOUT_SITES (a,b,c,d), FANOUT_SECONDS (30), FANOUT_SOAK_SECONDS (120),
 * FANOUT_SOAK_SPEED (20), FANOUT_CLIENTS (1500), FANOUT_SERVES (3), FANOUT_MULTIPLE (10),
 * FANOUT_CPU_PROF (a folder: serve 1 is started with --cpu-prof there), FANOUT_JSON (a file).
 * Exits non-zero if an update was missed or an RSS left its band. Latency is reported against
 * the issue's target (p99 < 100 ms) but does not fail the bench: the machine's 2 cores are shared.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  loadScenario,
  peakHourCalls,
  peakHourScenario,
  type ScenarioConfig,
} from '@hotline/simulator';
import type { MonitorConfigInput } from '../apps/monitor/src/config/monitor-config.schema';
import {
  buildMonitorBundle,
  spawnMonitor,
  type MonitorBundle,
  type MonitorProcess,
} from '../test/support/monitor-process';
import { startRedis, type RedisUnderTest } from '../test/support/redis-server';
import { PG_URL } from '../test/storage/storage-test-databases';
import { pbxConfig, reportsOff, rssMb } from './bench-monitor-config';
import { PbxSite, type PbxSiteStatus } from './pbx-site';
import {
  closeWallboardClients,
  collectClientReport,
  epochNow,
  quantile,
  startWallboardClients,
  tenth,
  type ClientReport,
  type Marker,
} from './wallboard-clients';

const SECRET = 'fanout-bench-secret-0123';
/** The issue's target for the event at the PBX → client delay. */
const MAX_P99_MS = 100;
/** RSS band after the warm-up, relative to the reference (see RssSampler.figures). */
const RSS_BAND = 0.1;
const REFERENCE_SAMPLES = 10;
/** The simulator's speed once the soak is over: its clock all but stops. */
const STANDING_STILL = 1e-6;
const CATCH_UP_LIMIT_MS = 30_000;
/**
 * After the last marker: time for the slowest client to see it (on the loaded shared cores
 * a p99 of 2–3 s was seen; a change not seen within this is counted missing).
 */
const GRACE_MS = 5_000;
const SAMPLE_MS = 1_000;
/** /proc/<pid>/stat counts CPU time in clock ticks (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/** The issue's platform: four sites. */
const DEFAULT_SITES = ['a', 'b', 'c', 'd'];

export interface FanoutBenchOptions {
  /** Site names (one simulator and one ingest each). Default a, b, c, d. */
  readonly sites?: readonly string[];
  readonly serves?: number;
  readonly clients?: number;
  /** Traffic as a multiple of the January-2021 peak hour (default 10). */
  readonly peakMultiple?: number;
  /** Real seconds of marker recording per phase (single, then cluster). */
  readonly fanoutSeconds?: number;
  readonly soakSeconds?: number;
  /** Simulated seconds per real second during the soak. */
  readonly soakSpeed?: number;
  readonly seed?: number;
  /** Folder for a --cpu-prof of serve 1 over the whole cluster run. */
  readonly cpuProfileDir?: string;
}

export interface LatencyFigures {
  readonly markers: number;
  readonly samples: number;
  readonly missing: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Per marker, its slowest client: the median. */
  readonly slowestClientP50Ms: number;
  /** Over the recording window. */
  readonly messagesPerClientPerSecond: number;
  /** Of those, updates that changed no section the client shows. */
  readonly emptyUpdatesPerClientPerSecond: number;
  /** The machine's 1-minute load average at the end of the phase. */
  readonly loadAverage: number;
  /** p50/p99 of each monitor's clients (one slow process or the whole machine?). */
  readonly byMonitor: readonly {
    readonly name: string;
    readonly p50Ms: number;
    readonly p99Ms: number;
  }[];
}

export interface RssFigures {
  readonly instance: string;
  readonly samples: number;
  /** MB: at the start, after the warm-up (the reference), the last, the extremes after it. */
  readonly startMb: number;
  readonly referenceMb: number;
  readonly lastMb: number;
  readonly maxMb: number;
  readonly minMb: number;
  /** Largest deviation from referenceMb after the warm-up, as a fraction. */
  readonly deviation: number;
  /** Least-squares slope after the warm-up, MB per minute: growth, not a collection's swing. */
  readonly slopeMbPerMinute: number;
  /** Every sample after the warm-up, MB. */
  readonly seriesMb: readonly number[];
  readonly flat: boolean;
}

export interface FanoutBenchFigures {
  readonly sites: readonly string[];
  readonly serves: number;
  readonly clients: number;
  readonly peakMultiple: number;
  /** Per site. */
  readonly callsPerHour: number;
  readonly fanoutSeconds: number;
  readonly buildSeconds: number;
  readonly benchSeconds: number;
  /** One embedded monitor per site, the site's clients on it. */
  readonly baseline: LatencyFigures;
  readonly cluster: LatencyFigures;
  readonly clusterVsBaselineP99: number;
  /** The machine's 1-minute load average, sampled every second over the bench. */
  readonly loadAverage: { readonly min: number; readonly max: number; readonly cores: number };
  readonly maxP99Ms: number;
  readonly latencyTargetMet: boolean;
  readonly soak: {
    readonly seconds: number;
    readonly speed: number;
    /** Per site (every site's clock runs at the same speed). */
    readonly simulatedHours: number;
    readonly calls: number;
    readonly amiEvents: number;
    readonly amiEventsPerSecond: number;
    /** Stream entries the ingests appended. */
    readonly appended: number;
    /**
     * Per serve once the PBXs stood still: how long until every site's month 话务量 showed
     * every contact that site offered (how far behind the PBXs it ran; NaN: not within
     * CATCH_UP_LIMIT_MS), the contacts still missing then (all sites), and the stream entries
     * it had applied (all sites).
     */
    readonly serves: readonly {
      readonly instance: string;
      readonly entries: number;
      readonly caughtUpSeconds: number;
      readonly contactsBehind: number;
    }[];
    /** CPU seconds each instance used during the soak. */
    readonly cpu: readonly { readonly instance: string; readonly seconds: number }[];
    readonly rss: readonly RssFigures[];
  };
  readonly passed: boolean;
}

async function startSites(
  names: readonly string[],
  scenario: ScenarioConfig,
  seed: number,
): Promise<PbxSite[]> {
  return Promise.all(
    names.map((name, index) =>
      PbxSite.start(name, {
        scenario,
        seed: seed + index,
        // Long enough for the soak at any speed; the bench stops it.
        durationMs: 365 * 86_400_000,
        secret: SECRET,
      }),
    ),
  );
}

/** Room for the bench's clients: all from one address, anonymous. */
const pushLimits = (clients: number): MonitorConfigInput['push'] => ({
  maxConnections: clients + 10,
  maxConnectionsPerAddress: clients + 10,
  maxConnectionsPerRole: { public: clients + 10 },
});

/** An embedded monitor watches one PBX (there is no `pbxes:` list yet): the baseline's unit. */
function embeddedConfig(site: PbxSite, dir: string, clients: number): MonitorConfigInput {
  return {
    pbx: pbxConfig(site, SECRET),
    storage: {
      sqlite: { path: join(dir, 'hotline.sqlite') },
      writer: { spillPath: join(dir, 'spill', 'storage-backlog.jsonl') },
    },
    reports: reportsOff(join(dir, 'reports')),
    push: pushLimits(clients),
  };
}

interface ClusterPlace {
  readonly redisUrl: string;
  /** Each site's PostgreSQL schema (docs/adr/0006-sites.md: a schema per site). */
  readonly schema: (site: string) => string;
  readonly dir: string;
}

function ingestConfig(site: PbxSite, place: ClusterPlace, name: string): MonitorConfigInput {
  return {
    mode: 'cluster',
    cluster: { role: 'ingest', site: site.name, redis: { url: place.redisUrl } },
    pbx: pbxConfig(site, SECRET),
    storage: {
      driver: 'postgres',
      postgres: { url: PG_URL, schema: place.schema(site.name), poolSize: 4 },
      writer: { spillPath: join(place.dir, name, 'spill', 'storage-backlog.jsonl') },
    },
    reports: reportsOff(join(place.dir, name, 'reports')),
  };
}

/** A serve showing every site; `own` is the site whose calls it stores (and restores). */
function serveConfig(
  sites: readonly PbxSite[],
  own: PbxSite,
  place: ClusterPlace,
  name: string,
  clients: number,
): MonitorConfigInput {
  return {
    mode: 'cluster',
    cluster: {
      role: 'serve',
      site: own.name,
      sites: sites.map((site) => site.name),
      redis: { url: place.redisUrl },
    },
    storage: {
      driver: 'postgres',
      postgres: { url: PG_URL, schema: place.schema(own.name), poolSize: 4 },
      writer: { spillPath: join(place.dir, name, 'spill', 'storage-backlog.jsonl') },
    },
    reports: reportsOff(join(place.dir, name, 'reports')),
    push: pushLimits(clients),
  };
}

/** Share `index` of `total` split evenly over `parts`. */
const share = (total: number, parts: number, index: number) =>
  Math.floor(total / parts) + (index < total % parts ? 1 : 0);

/**
 * A child process of wallboard clients, and the markers it is judged by: those of the sites
 * its clients show.
 */
interface ClientGroup {
  /** The monitor its clients are on. */
  readonly name: string;
  readonly child: ChildProcess;
  /** Indices of the markers (of every site) this group's clients must see. */
  judgedBy(markers: readonly Marker[]): number[];
  /** A marker as this group's clients know it. */
  asSeen(marker: Marker): Marker;
}

/**
 * The baseline's clients: one group per embedded monitor, its site's share of `clients`, with
 * no `site` in the subscription (an embedded monitor shows its one PBX).
 */
async function embeddedClients(
  monitors: readonly { site: PbxSite; monitor: MonitorProcess }[],
  clients: number,
): Promise<ClientGroup[]> {
  return Promise.all(
    monitors.map(async ({ site, monitor }, i) => ({
      name: `embedded ${site.name}`,
      child: await startWallboardClients(wsUrl(monitor), share(clients, monitors.length, i)),
      judgedBy: (markers: readonly Marker[]) =>
        markers.flatMap((m, index) => (m.site === site.name ? [index] : [])),
      asSeen: ({ site: _site, ...marker }: Marker) => marker,
    })),
  );
}

/**
 * The cluster's clients: spread evenly over the serves, one group each, and within a group
 * over the sites (client i subscribes with `site: sites[i % sites.length]`).
 */
async function serveClients(
  serves: readonly MonitorProcess[],
  sites: readonly PbxSite[],
  clients: number,
): Promise<ClientGroup[]> {
  const names = sites.map((site) => site.name);
  return Promise.all(
    serves.map(async (serve, i) => ({
      name: `serve ${i + 1}`,
      child: await startWallboardClients(wsUrl(serve), share(clients, serves.length, i), names),
      judgedBy: (markers: readonly Marker[]) => markers.map((_, index) => index),
      asSeen: (marker: Marker) => marker,
    })),
  );
}

const wsUrl = (monitor: MonitorProcess) => `${monitor.baseUrl.replace(/^http/, 'ws')}/ws`;

/** Records every site's markers for `seconds`, then the clients' verdict. */
async function measure(
  sites: readonly PbxSite[],
  groups: readonly ClientGroup[],
  clients: number,
  seconds: number,
  keepOpen: boolean,
): Promise<LatencyFigures> {
  for (const site of sites) site.record();
  const started = epochNow();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const markers = (await Promise.all(sites.map((site) => site.markers()))).flat();
  await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
  const loadAverage = tenth(loadavg()[0]);
  const elapsedSeconds = (epochNow() - started) / 1000;
  const slowestByMarker = markers.map(() => 0);
  const reports: ClientReport[] = await Promise.all(
    groups.map(async (group) => {
      const judgedBy = group.judgedBy(markers);
      const report = await collectClientReport(
        group.child,
        judgedBy.map((index) => group.asSeen(markers[index])),
        keepOpen,
        started,
      );
      judgedBy.forEach((index, i) => {
        slowestByMarker[index] = Math.max(slowestByMarker[index], report.slowestPerMarkerMs[i]);
      });
      return report;
    }),
  );
  const latencies = reports.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const perClientPerSecond = (counts: readonly number[]) =>
    Math.round((counts.reduce((a, b) => a + b, 0) / clients / elapsedSeconds) * 100) / 100;
  // A marker's slowest client over every group.
  const slowest = [...slowestByMarker].sort((a, b) => a - b);
  return {
    markers: markers.length,
    samples: latencies.length,
    missing: reports.reduce((sum, r) => sum + r.missing, 0),
    p50Ms: tenth(quantile(latencies, 0.5)),
    p99Ms: tenth(quantile(latencies, 0.99)),
    maxMs: tenth(latencies[latencies.length - 1] ?? NaN),
    slowestClientP50Ms: tenth(quantile(slowest, 0.5)),
    messagesPerClientPerSecond: perClientPerSecond(reports.map((r) => r.messagesSince)),
    emptyUpdatesPerClientPerSecond: perClientPerSecond(reports.map((r) => r.emptyUpdatesSince)),
    loadAverage,
    byMonitor: reports.map((report, i) => {
      const sorted = [...report.latenciesMs].sort((a, b) => a - b);
      return {
        name: groups[i].name,
        p50Ms: tenth(quantile(sorted, 0.5)),
        p99Ms: tenth(quantile(sorted, 0.99)),
      };
    }),
  };
}

class RssSampler {
  private readonly samples = new Map<string, { at: number; mb: number }[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly processes: readonly { name: string; pid: number }[]) {}

  start(): void {
    const sample = () => {
      const at = Date.now();
      for (const { name, pid } of this.processes) {
        const list = this.samples.get(name) ?? [];
        list.push({ at, mb: rssMb(pid) });
        this.samples.set(name, list);
      }
    };
    sample();
    this.timer = setInterval(sample, SAMPLE_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Judged from `warmedUpAt` on, against the median of the first REFERENCE_SAMPLES samples
   * after it (one sample may catch a collection's peak or trough).
   */
  figures(warmedUpAt: number): RssFigures[] {
    return this.processes.map(({ name }) => {
      const all = this.samples.get(name) ?? [];
      const afterSamples = all.filter((s) => s.at >= warmedUpAt);
      const after = afterSamples.map((s) => s.mb);
      const reference = quantile(
        after.slice(0, REFERENCE_SAMPLES).sort((a, b) => a - b),
        0.5,
      );
      const max = Math.max(...after);
      const min = Math.min(...after);
      const deviation = Math.max(max / reference - 1, 1 - min / reference);
      return {
        instance: name,
        samples: after.length,
        startMb: tenth(all[0]?.mb ?? NaN),
        referenceMb: tenth(reference),
        lastMb: tenth(after[after.length - 1] ?? NaN),
        maxMb: tenth(max),
        minMb: tenth(min),
        deviation: Math.round(deviation * 1000) / 1000,
        slopeMbPerMinute: tenth(slope(afterSamples.map((s) => [s.at / 60_000, s.mb]))),
        seriesMb: after.map(tenth),
        flat: after.length > REFERENCE_SAMPLES && deviation <= RSS_BAND,
      };
    });
  }
}

/** Least-squares slope of y over x. */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : NaN;
}

async function getJson<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}

interface ClusterReadiness {
  cluster?: {
    stream?: { entries: number };
    /** A serve's other sites' streams. */
    sites?: Record<string, { entries: number }>;
    append?: { appended: number };
  };
}

interface SnapshotOffered {
  kpi: { periods: { centre: Record<string, { offered: number }> } };
}

/** CPU seconds (user + system) a live process has used. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runFanoutBench(
  options: FanoutBenchOptions = {},
): Promise<FanoutBenchFigures> {
  const siteNames = options.sites ?? DEFAULT_SITES;
  const serves = options.serves ?? 3;
  const clients = options.clients ?? 1_500;
  const peakMultiple = options.peakMultiple ?? 10;
  const fanoutSeconds = options.fanoutSeconds ?? 30;
  const soakSeconds = options.soakSeconds ?? 120;
  const soakSpeed = options.soakSpeed ?? 20;
  const seed = options.seed ?? 20210111;
  const january = loadScenario('month-2021-01');
  const scenario = peakHourScenario(january, peakMultiple);

  const buildStarted = Date.now();
  const bundle: MonitorBundle = await buildMonitorBundle();
  const benchStarted = Date.now();
  const progress = (what: string) =>
    process.stderr.write(
      `fan-out bench +${Math.round((Date.now() - benchStarted) / 1000)} s: ${what}\n`,
    );
  progress(`monitor built; starting ${siteNames.length} PBX simulators and embedded monitors`);
  const loads: number[] = [];
  const loadSampler = setInterval(() => loads.push(loadavg()[0]), SAMPLE_MS);
  const dir = mkdtempSync(join(tmpdir(), 'hotline-fanout-'));
  const schema = (site: string) => `fanout_bench_${process.pid}_${site.replace(/-/g, '_')}`;
  const running: MonitorProcess[] = [];
  const clientChildren: ChildProcess[] = [];
  const allSites: PbxSite[] = [];
  let redis: RedisUnderTest | undefined;
  const spawn = async (config: MonitorConfigInput, folder: string, nodeArgs: string[] = []) => {
    mkdirSync(join(dir, folder), { recursive: true });
    const monitor = await spawnMonitor(
      bundle,
      config,
      join(dir, folder),
      120_000,
      {},
      '/health/ready',
      nodeArgs,
    );
    running.push(monitor);
    return monitor;
  };
  try {
    // 1. The baseline, without the cluster: one embedded monitor per site (each watches one
    // PBX), the site's share of the clients on it; the same traffic.
    const baselineSites = await startSites(siteNames, scenario, seed);
    allSites.push(...baselineSites);
    const embedded = await Promise.all(
      baselineSites.map(async (site, i) => ({
        site,
        monitor: await spawn(
          embeddedConfig(
            site,
            join(dir, `embedded-${site.name}`),
            share(clients, baselineSites.length, i),
          ),
          `embedded-${site.name}`,
        ),
      })),
    );
    progress(`${embedded.length} embedded monitors ready; connecting ${clients} clients`);
    const baselineClients = await embeddedClients(embedded, clients);
    progress('baseline clients connected; measuring');
    const baseline = await measure(baselineSites, baselineClients, clients, fanoutSeconds, false);
    for (const { monitor } of embedded) await monitor.stop();
    for (const site of baselineSites) await site.stop();

    // 2. The cluster: an ingest per site, the serves, the clients spread over them.
    progress('baseline measured; starting the cluster');
    redis = await startRedis();
    const place: ClusterPlace = { redisUrl: redis.url, schema, dir };
    const sites = await startSites(siteNames, scenario, seed);
    allSites.push(...sites);
    const ingests = await Promise.all(
      sites.map((site) =>
        spawn(ingestConfig(site, place, `ingest-${site.name}`), `ingest-${site.name}`),
      ),
    );
    const serveProcesses = await Promise.all(
      Array.from({ length: serves }, (_, i) => {
        const profile =
          i === 0 && options.cpuProfileDir
            ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
            : [];
        // The serves' own sites (whose calls each stores) taken in turn.
        const own = sites[i % sites.length];
        return spawn(
          serveConfig(sites, own, place, `serve-${i + 1}`, Math.ceil(clients / serves)),
          `serve-${i + 1}`,
          profile,
        );
      }),
    );
    progress(`${serves} serves ready; connecting ${clients} clients`);
    const instances = [
      ...ingests.map((p, i) => ({ name: `ingest ${sites[i].name}`, pid: p.pid })),
      ...serveProcesses.map((p, i) => ({ name: `serve ${i + 1}`, pid: p.pid })),
    ];
    const sampler = new RssSampler(instances);
    sampler.start();
    const clusterClients = await serveClients(serveProcesses, sites, clients);
    clientChildren.push(...clusterClients.map((group) => group.child));
    progress('cluster clients connected; measuring');
    const cluster = await measure(sites, clusterClients, clients, fanoutSeconds, true);

    // 3. The soak: the same traffic, compressed; the clients stay connected.
    const before = await Promise.all(sites.map((site) => site.status()));
    const cpuBefore = instances.map((i) => cpuSeconds(i.pid));
    for (const site of sites) site.setSpeed(soakSpeed);
    progress(`soak: ${soakSeconds} s at ${soakSpeed}× real time`);
    const soakStarted = Date.now();
    const warmedUpAt = soakStarted + (soakSeconds * 1000) / 4;
    await sleep(soakSeconds * 1000);
    const after = await Promise.all(sites.map((site) => site.status()));
    const soakElapsed = (Date.now() - soakStarted) / 1000;
    const cpu = instances.map((instance, i) => ({
      instance: instance.name,
      seconds: tenth(cpuSeconds(instance.pid) - cpuBefore[i]),
    }));
    sampler.stop();
    // How far behind the PBXs each serve ran: they stand still (their clocks all but
    // stopped), and each serve is timed until every site's month 话务量 shows every contact
    // that site's PBX offered.
    for (const site of sites) site.setSpeed(STANDING_STILL);
    progress('soak over; the PBXs stand still, waiting for the serves to show every contact');
    const frozenAt = Date.now();
    const offeredAtEnd = (await Promise.all(sites.map((site) => site.status()))).map(
      (s) => s.offered,
    );
    const behind = await Promise.all(
      serveProcesses.map(async (p, i) => {
        const shownOf = async () =>
          Promise.all(
            sites.map(
              async (site) =>
                (await getJson<SnapshotOffered>(`${p.baseUrl}/api/v1/snapshot?site=${site.name}`))
                  .kpi.periods.centre.month?.offered ?? 0,
            ),
          );
        const missing = (shown: readonly number[]) =>
          shown.reduce((sum, n, s) => sum + Math.max(0, offeredAtEnd[s] - n), 0);
        let contactsBehind = missing(await shownOf());
        while (contactsBehind > 0 && Date.now() - frozenAt < CATCH_UP_LIMIT_MS) {
          await sleep(250);
          contactsBehind = missing(await shownOf());
        }
        const readiness = await getJson<ClusterReadiness>(`${p.baseUrl}/health/ready`);
        const streams = [
          readiness.cluster?.stream,
          ...Object.values(readiness.cluster?.sites ?? {}),
        ];
        return {
          instance: `serve ${i + 1} (own site ${sites[i % sites.length].name})`,
          contactsBehind,
          caughtUpSeconds: contactsBehind === 0 ? tenth((Date.now() - frozenAt) / 1000) : NaN,
          entries: streams.reduce((sum, stream) => sum + (stream?.entries ?? NaN), 0),
        };
      }),
    );
    const appended = (
      await Promise.all(
        ingests.map(
          async (p) =>
            (await getJson<ClusterReadiness>(`${p.baseUrl}/health/ready`)).cluster?.append
              ?.appended ?? NaN,
        ),
      )
    ).reduce((a, b) => a + b, 0);
    const sum = (pick: (before: PbxSiteStatus, after: PbxSiteStatus) => number) =>
      sites.reduce((total, _, i) => total + pick(before[i], after[i]), 0);
    const amiEvents = sum((b, a) => a.events - b.events);
    const rss = sampler.figures(warmedUpAt);
    const noMissing = [baseline, cluster].every((f) => f.missing === 0 && f.samples > 0);
    return {
      sites: siteNames,
      serves,
      clients,
      peakMultiple,
      callsPerHour: Math.round(peakHourCalls(january) * peakMultiple),
      fanoutSeconds,
      buildSeconds: tenth((benchStarted - buildStarted) / 1000),
      benchSeconds: tenth((Date.now() - benchStarted) / 1000),
      baseline,
      cluster,
      clusterVsBaselineP99: Math.round((cluster.p99Ms / baseline.p99Ms) * 100) / 100,
      loadAverage: {
        min: tenth(Math.min(...loads)),
        max: tenth(Math.max(...loads)),
        cores: availableParallelism(),
      },
      maxP99Ms: MAX_P99_MS,
      latencyTargetMet: cluster.p99Ms < MAX_P99_MS,
      soak: {
        seconds: tenth(soakElapsed),
        speed: soakSpeed,
        simulatedHours: tenth(sum((b, a) => a.now - b.now) / sites.length / 3_600_000),
        calls: sum((b, a) => a.calls - b.calls),
        amiEvents,
        amiEventsPerSecond: Math.round(amiEvents / soakElapsed),
        appended,
        serves: behind,
        cpu,
        rss,
      },
      passed: noMissing && rss.every((r) => r.flat),
    };
  } finally {
    clearInterval(loadSampler);
    for (const child of clientChildren) await closeWallboardClients(child).catch(() => undefined);
    for (const monitor of running) await monitor.stop();
    for (const site of allSites) await site.stop().catch(() => undefined);
    await redis?.remove();
    for (const site of siteNames) await dropSchema(schema(site)).catch(() => undefined);
    bundle.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printFanoutBench(f: FanoutBenchFigures): void {
  const latency = (name: string, l: LatencyFigures) =>
    `  ${name}: p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, max ${l.maxMs} ms over ${l.samples} samples (${l.markers} markers, ${l.missing} missing); slowest client per event p50 ${l.slowestClientP50Ms} ms; ${l.messagesPerClientPerSecond} messages/client/s (${l.emptyUpdatesPerClientPerSecond} of them updates with no section changed); load average ${l.loadAverage}\n    per monitor p50/p99 ms: ${l.byMonitor.map((m) => `${m.name} ${m.p50Ms}/${m.p99Ms}`).join(', ')}`;
  const lines = [
    `cluster fan-out: ${f.sites.length} site(s) [${f.sites.join(', ')}], ${f.serves} serves, ${f.clients} clients, each site ${f.peakMultiple}× the January-2021 peak hour (${f.callsPerHour} calls/h), ${f.fanoutSeconds} s per phase`,
    `  machine load average (1 min) during the bench: ${f.loadAverage.min}–${f.loadAverage.max} (${f.loadAverage.cores} cores)`,
    `  event at a site's PBX → its clients' delay:`,
    latency(`baseline (${f.sites.length} embedded monitors, one per site)`, f.baseline),
    latency(`cluster (ingest → Redis → ${f.serves} serves)`, f.cluster),
    `  cluster p99 / baseline p99 = ${f.clusterVsBaselineP99}; target p99 < ${f.maxP99Ms} ms: ${f.latencyTargetMet ? 'met' : 'NOT met'} (reported, not failed: shared cores)`,
    `soak: ${f.soak.seconds} s at ${f.soak.speed}× real time = ${f.soak.simulatedHours} simulated hours per site of ${f.peakMultiple}× peak traffic (${f.soak.calls} calls, ${f.soak.amiEvents} AMI events, ${f.soak.amiEventsPerSecond}/s, all sites); ingests appended ${f.soak.appended} stream entries`,
    `  PBXs stood still: ${f.soak.serves.map((s) => (s.contactsBehind === 0 ? `${s.instance} showed every contact after ${s.caughtUpSeconds} s` : `${s.instance} still ${s.contactsBehind} contacts behind`) + ` (${s.entries} entries)`).join('; ')}`,
    `  CPU seconds in the soak: ${f.soak.cpu.map((c) => `${c.instance} ${c.seconds}`).join(', ')}`,
    `  RSS MB (start · after warm-up · last · min–max after it · deviation, band ±${RSS_BAND * 100} %):`,
    ...f.soak.rss.map(
      (r) =>
        `    ${r.instance}: ${r.startMb} · ${r.referenceMb} · ${r.lastMb} · ${r.minMb}–${r.maxMb} · ${(r.deviation * 100).toFixed(1)} % ${r.flat ? 'flat' : 'NOT flat'} (${r.samples} samples, trend ${r.slopeMbPerMinute} MB/min)`,
    ),
    `  bench ${f.benchSeconds} s (+ build ${f.buildSeconds} s)  ${f.passed ? 'PASS' : 'FAIL'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) {
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  runFanoutBench({
    sites: process.env.FANOUT_SITES?.split(',').filter(Boolean),
    serves: env('FANOUT_SERVES', 3),
    clients: env('FANOUT_CLIENTS', 1_500),
    peakMultiple: env('FANOUT_MULTIPLE', 10),
    fanoutSeconds: env('FANOUT_SECONDS', 30),
    soakSeconds: env('FANOUT_SOAK_SECONDS', 120),
    soakSpeed: env('FANOUT_SOAK_SPEED', 20),
    cpuProfileDir: process.env.FANOUT_CPU_PROF,
  })
    .then((figures) => {
      printFanoutBench(figures);
      if (process.env.FANOUT_JSON)
        writeFileSync(process.env.FANOUT_JSON, JSON.stringify(figures, null, 2));
      process.exit(figures.passed ? 0 : 1);
    })
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
