import { join } from 'node:path';
import { Client } from 'pg';
import type { PeriodFigures } from '@hotline/kpi';
import { PbxSimulator, type KpiFigures, type TruthSummary } from '@hotline/simulator';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import { PG_URL } from '../storage/storage-test-databases';
import { monitorCounts, truthCounts } from './kpi-comparison';
import type { QueueCallRow } from './stored-calls';

export { callsAsStored, rowsAsStored, type QueueCallRow } from './stored-calls';
import { spawnMonitor, type MonitorBundle, type MonitorProcess } from './monitor-process';

/** What a standby logs when it takes the site's lease (docs/cluster.md). */
export const LEASE_TAKEN = 'ingest lease taken: this instance is the active ingest';

/** The parts of a serve's `/api/v1/snapshot` the cluster specs read. */
export interface ClusterSnapshot {
  site?: string;
  kpi: {
    periods: {
      centre: Record<string, PeriodFigures>;
      queues: Record<string, Record<string, PeriodFigures>>;
      lines: Record<string, Record<string, PeriodFigures>>;
    };
    live: { waiting: unknown[]; talking: unknown[] };
  };
}

/** `/health/ready` of a cluster instance. */
export interface ClusterReadiness {
  status: string;
  code?: string;
  pbx?: { up: boolean; ready: boolean };
  /** A serve's other sites: each one's link. */
  sites?: Record<string, { up: boolean; ready: boolean }>;
  cluster?: {
    role: string;
    site: string;
    lease?: { state: string; token?: number };
    append?: { state: string; buffered: number; refused: number; appended: number };
    stream?: { caughtUp: boolean; ingestToken?: number; entries: number };
  };
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

/** The pino line whose msg is `msg`, parsed. */
export function logLine(
  output: string,
  msg: string,
): { time: number; [key: string]: unknown } | undefined {
  for (const line of output.split('\n')) {
    if (!line.includes(msg)) continue;
    try {
      const parsed = JSON.parse(line) as { time: number; msg?: string };
      if (parsed.msg === msg) return parsed;
    } catch {
      // not a JSON line
    }
  }
  return undefined;
}

/** The queue calls stored in the site's PostgreSQL schema. */
export async function storedCalls(schema: string): Promise<QueueCallRow[]> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const sql = `SELECT call_id, queue, line, outcome, wait_seconds, talk_seconds FROM "${schema}".queue_call`;
    return (await client.query<QueueCallRow>(sql)).rows;
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export interface ClusterSiteOptions {
  readonly redisUrl: string;
  /** The site's name (default `default`). */
  readonly site?: string;
  /** Every site its serves show (`cluster.sites`); default the site alone. */
  readonly serveSites?: readonly string[];
  /** The other sites' schemas its serves restore those sites from (`storage.postgres.siteSchemas`). */
  readonly serveSiteSchemas?: Readonly<Record<string, string>>;
  /** A scratch folder: each instance's spill file and reports under its name. */
  readonly dir: string;
  /** The site's PostgreSQL schema, shared by every instance. */
  readonly schema: string;
  readonly timeZone: string;
  /** The ingests' PBX link (and its ledger, `history`). */
  readonly pbx: MonitorConfigInput['pbx'];
  readonly history?: MonitorConfigInput['history'];
}

/**
 * One site's instance configs, as the cluster specs run them: ingests on the PBX sharing the
 * site's PostgreSQL (the standby resumes after the calls stored), serves restoring from the
 * same database and storing finished calls idempotently; a 5 s lease polled every 250 ms.
 */
export function clusterSite(options: ClusterSiteOptions): {
  ingest(name: string): MonitorConfigInput;
  serve(name: string): MonitorConfigInput;
} {
  const cluster = {
    ...(options.site ? { site: options.site } : {}),
    redis: { url: options.redisUrl },
    lease: { ttlMs: 5_000, renewMs: 1_000, pollMs: 250 },
  };
  const postgres = { url: PG_URL, schema: options.schema, poolSize: 4 };
  const reports = (name: string) => ({
    folder: join(options.dir, name, 'reports'),
    weekly: { enabled: false },
    monthly: { enabled: false },
  });
  return {
    ingest: (name) => ({
      mode: 'cluster',
      cluster: { role: 'ingest', ...cluster },
      pbx: options.pbx,
      ...(options.history ? { history: options.history } : {}),
      kpi: { timeZone: options.timeZone },
      storage: {
        driver: 'postgres',
        postgres,
        writer: {
          flushIntervalMs: 200,
          spillPath: join(options.dir, name, 'spill', 'storage-backlog.jsonl'),
        },
      },
      reports: reports(name),
    }),
    serve: (name) => ({
      mode: 'cluster',
      cluster: {
        role: 'serve',
        ...cluster,
        ...(options.serveSites ? { sites: [...options.serveSites] } : {}),
      },
      kpi: { timeZone: options.timeZone },
      storage: {
        driver: 'postgres',
        postgres: { ...postgres, siteSchemas: { ...options.serveSiteSchemas } },
        writer: { spillPath: join(options.dir, name, 'spill', 'storage-backlog.jsonl') },
      },
      reports: reports(name),
    }),
  };
}

/**
 * Starts monitor processes of one bundle in `dir`, keeping each in `processes` (to stop them
 * all); waits for `/health/ready`, or only `/health` for a standby that is not ready by design.
 */
export function clusterSpawner(
  bundle: MonitorBundle,
  dir: string,
  processes: MonitorProcess[],
): (config: MonitorConfigInput, ready?: boolean) => Promise<MonitorProcess> {
  return async (config, ready = true) => {
    const started = await spawnMonitor(
      bundle,
      config,
      dir,
      60_000,
      {},
      ready ? '/health/ready' : '/health',
    );
    processes.push(started);
    return started;
  };
}

/**
 * Every count of the kpi spec except survey ratings: those are AMI UserEvents only, not in the
 * queue_log, so the ratings given while no ingest held the link are unknowable to a takeover.
 */
export function countsWithoutRatings(f: PeriodFigures) {
  const { ratings: _ratings, satisfied: _satisfied, ...counts } = monitorCounts(f);
  return counts;
}

/** The same counts of the simulator's truth. */
export function truthWithoutRatings(f: KpiFigures) {
  const { ratings: _ratings, satisfied: _satisfied, ...counts } = truthCounts(f);
  return counts;
}

/**
 * A site's figures of one period — every queue, line and the centre, without ratings — and its
 * PBX's truth in the same shape: equal when the site counted its PBX call for call.
 */
export function siteBesideTruth(snapshot: ClusterSnapshot, truth: TruthSummary, period: string) {
  const { periods } = snapshot.kpi;
  return {
    shown: {
      queues: Object.fromEntries(
        Object.keys(truth.queues).map((q) => [q, shownCounts(periods.queues[q]?.[period])]),
      ),
      lines: Object.fromEntries(
        Object.keys(truth.lines).map((l) => [l, shownCounts(periods.lines[l]?.[period])]),
      ),
      centre: shownCounts(periods.centre[period]),
    },
    truth: {
      queues: Object.fromEntries(
        Object.entries(truth.queues).map(([q, figures]) => [q, truthWithoutRatings(figures)]),
      ),
      lines: Object.fromEntries(
        Object.entries(truth.lines).map(([l, figures]) => [l, truthWithoutRatings(figures)]),
      ),
      centre: truthWithoutRatings(truth.centre),
    },
  };
}

/** The platform total of several PBXs' truths: every count summed, the longest wait the longest. */
export function truthsSummed(centres: readonly KpiFigures[]) {
  const [first, ...rest] = centres.map(truthWithoutRatings);
  return rest.reduce(
    (sum, centre) =>
      Object.fromEntries(
        Object.entries(sum).map(([key, value]) => [
          key,
          key === 'longestWaitSeconds'
            ? Math.max(value, centre[key as keyof typeof centre])
            : value + centre[key as keyof typeof centre],
        ]),
      ) as typeof first,
    first,
  );
}

function shownCounts(figures: PeriodFigures | undefined) {
  return figures ? countsWithoutRatings(figures) : undefined;
}

/** A simulated Asterisk PBX of one site for a run, and the monitor's link to it. */
export interface SitePbx {
  readonly simulator: PbxSimulator;
  /** The `pbx:` (or a `pbxes:` entry's keys) linking to it, with its queue_log. */
  readonly pbx: NonNullable<MonitorConfigInput['pbx']> & { type: 'asterisk' };
}

/**
 * Starts a site's simulated Asterisk PBX running `hours` of the January scenario from `start`
 * at `speed`, writing its queue_log beside the test (`queue_log.<site>` in `dir`).
 */
export async function startSitePbx(options: {
  readonly site: string;
  readonly seed: number;
  readonly speed: number;
  readonly start: number;
  readonly hours: number;
  readonly dir: string;
  readonly secret: string;
}): Promise<SitePbx> {
  const queueLogPath = join(options.dir, `queue_log.${options.site}`);
  const simulator = await PbxSimulator.start({
    scenario: 'month-2021-01',
    seed: options.seed,
    speed: options.speed,
    startAt: options.start,
    durationMs: options.hours * 3_600_000,
    startOnLogin: true,
    queueLogPath,
    ami: {
      host: '127.0.0.1',
      port: 0,
      username: 'monitor',
      secret: options.secret,
      timestampEvents: true,
    },
  });
  return {
    simulator,
    pbx: {
      type: 'asterisk',
      asterisk: {
        host: '127.0.0.1',
        port: simulator.port,
        username: 'monitor',
        secret: options.secret,
        reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
        queueLogPath,
      },
    },
  };
}
