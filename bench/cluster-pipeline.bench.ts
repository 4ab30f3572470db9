/**
 * The cluster pipeline (docs/cluster.md, issue 15 "Measured scale"), stage by stage, in CPU
 * seconds per million events, against baselines run in the same script on the same bytes:
 *   ingest  AMI bytes over TCP → AmiClient/AmiDecoder → AmiEventMapper (AsteriskCallSource)
 *           → StreamAppender (append script: lease check, append-once, XADD) → redis-server
 *   serve   the stream → StreamCallSource (XREAD, decode) → KpiEngine apply
 * Baselines: the embedded monitor's path on the same bytes (AMI over TCP → AsteriskCallSource
 * → KpiEngine, no Redis), and a bare pipelined XADD / XREAD of the same entries (no script,
 * no fingerprint, no decoding) against the appender alone fed the same records.
 *   npx ts-node -r tsconfig-paths/register bench/cluster-pipeline.bench.ts
 *   PIPELINE_BENCH_DAYS=<n> (default 3) — busy days (day-peak from Monday, ~387k AMI events
 *   and ~2,000 queue calls a day) for the filtered link; the unfiltered link gets the first day
 *   PIPELINE_BENCH_PROFILE=<dir> — a V8 CPU profile per stage (<dir>/<stage>.cpuprofile, the
 *   profiler `node --cpu-prof` uses) and its top self-time functions printed
 * The PBX is a child process (bench/cluster-pipeline-pbx.ts): the simulator's model renders
 * the days as AMI (with channel noise, ~186 events per queue call; real Asterisk ~163) before
 * the clock starts, and streams them as fast as the client reads. Two links: unfiltered (every
 * AMI event crosses the socket and the decoder: the issue's "AMI events") and the monitor's
 * default, with AMI filters (Asterisk drops what the mapper does not read, ~9 % is sent).
 * Each stage runs alone in this process, after a full garbage collection (what an earlier stage
 * left is not billed to it; of its results only counts and the reference engine's figures are
 * kept); its CPU is process.cpuUsage() across the stage (user + system, GC threads included),
 * redis-server's from /proc/<pid>/stat over the same span.
 * Passes when the run completes and every record appended was read and applied exactly once
 * (handed over = appended = on the stream = read by the serve; call events the adapter made =
 * call events the serve applied) and the serve engine's figures equal those of the embedded
 * engine fed the adapter's events directly (snapshot and stats). The throughput targets
 * (ingest ≥ 100k AMI events per CPU-second, serve ≥ 200k call events per CPU-second) are
 * reported, not enforced: the 2-core dev box is shared.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Redis from 'ioredis';
import { AsteriskCallSource } from '../libs/asterisk/src';
import type { CallEvent, CallSourceListener, PbxInFlightView } from '../libs/call-events/src';
import {
  RedisLease,
  StreamAppender,
  StreamCallSource,
  decodeEntry,
  streamKey,
  type StreamRecord,
} from '../libs/cluster/src';
import { KpiEngine } from '../libs/kpi/src/kpi-engine';
import { startRedis } from '../test/support/redis-server';
import type { PbxReady } from './cluster-pipeline-pbx';

const SCENARIO = 'day-peak';
const DAYS = Number(process.env.PIPELINE_BENCH_DAYS ?? 3);
const PROFILE_DIR = process.env.PIPELINE_BENCH_PROFILE;
const SITE = 'bench';
const UNFILTERED_SITE = 'bench-unfiltered';
const APPEND_ONLY_SITE = 'bench-append';
const BARE_KEY = 'bench:bare';
/** The issue's targets, per core (one CPU-second). */
const INGEST_TARGET_AMI_EVENTS_PER_CPU_S = 100_000;
const SERVE_TARGET_CALL_EVENTS_PER_CPU_S = 200_000;
/** The monitor's own settings (apps/monitor/src/cluster/cluster-role.service.ts, config defaults). */
const APPEND_BATCH = 500;
/** Records per append() in the appender-alone stage (the link hands over a TCP chunk's worth). */
const LINK_BATCH = 20;
const READ_COUNT = 1_000;
const READ_BLOCK_MS = 1_000;
const BUFFER_CAPACITY = 200_000;
const RETENTION_MS = 48 * 3_600_000;
const MAX_LENGTH = 2_000_000;
/** A stage that has not finished by then has failed. */
const STAGE_TIMEOUT_MS = 120_000;

export interface StageFigures {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  /** redis-server's own CPU over the stage (0 for the embedded path). */
  readonly redisCpuSeconds: number;
}

export interface ClusterPipelineBenchFigures {
  readonly days: number;
  /** The first day, unfiltered: AMI events, bytes, queue calls. */
  readonly firstDay: {
    readonly amiEvents: number;
    readonly bytes: number;
    readonly queueCalls: number;
  };
  /** Every day: AMI events the PBX made, queue calls, and AMI events through the filters. */
  readonly run: {
    readonly amiEvents: number;
    readonly queueCalls: number;
    readonly filteredAmiEvents: number;
  };
  /** Call events the adapter made of the filtered link; stream records (+ resync, link). */
  readonly callEvents: number;
  readonly records: number;
  /** Unfiltered link, first day: per AMI event on the wire. */
  readonly embeddedUnfiltered: StageFigures & { readonly amiEventsPerCpuSecond: number };
  readonly ingestUnfiltered: StageFigures & { readonly amiEventsPerCpuSecond: number };
  /** Filtered link (the monitor's default), every day: per AMI event the PBX made. */
  readonly embedded: StageFigures & { readonly pbxEventsPerCpuSecond: number };
  readonly ingest: StageFigures & {
    readonly pbxEventsPerCpuSecond: number;
    readonly receivedEventsPerCpuSecond: number;
  };
  readonly serve: StageFigures & {
    readonly callEventsPerCpuSecond: number;
    readonly entriesPerCpuSecond: number;
    readonly pbxEventsPerCpuSecond: number;
  };
  /** The appender alone, fed the stream's records; bare XADD / XREAD of the same entries. */
  readonly appendOnly: StageFigures & { readonly entriesPerCpuSecond: number };
  readonly bareXadd: StageFigures & { readonly entriesPerCpuSecond: number };
  readonly bareXread: StageFigures & { readonly entriesPerCpuSecond: number };
  /** Rate / embedded rate on the same link (> 1: cheaper per event than the embedded path). */
  readonly ingestUnfilteredVsEmbedded: number;
  readonly ingestVsEmbedded: number;
  readonly serveVsEmbedded: number;
  /** Ingest + serve + redis-server CPU per PBX event against the embedded path's. */
  readonly pipelineVsEmbedded: number;
  /** Per entry: the appender against a bare XADD, the serve against a bare XREAD. */
  readonly appendVsBareXadd: number;
  readonly serveVsBareXread: number;
  /** Ingest ≥ 100k AMI events per CPU-s: unfiltered (on the wire), filtered (PBX events). */
  readonly ingestUnfilteredTargetMet: boolean;
  readonly ingestTargetMet: boolean;
  readonly serveTargetMet: boolean;
  /** The stage with the fewer PBX events per CPU-second on the monitor's default link. */
  readonly ceiling: 'ingest' | 'serve';
  readonly checks: Readonly<Record<string, boolean>>;
  readonly profiles?: Readonly<Record<string, readonly string[]>>;
  readonly passed: boolean;
}

// ------------------------------------------------------------------ measuring

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** utime + stime of a process, seconds (/proc/<pid>/stat fields 14 and 15). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

const profiles: Record<string, string[]> = {};

/** A full collection before each stage (the flag set at run time: the command stays plain). */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function measure<T>(
  stage: string,
  redisPid: number | undefined,
  run: () => Promise<T>,
): Promise<{ result: T; figures: StageFigures }> {
  collectGarbage();
  const profiler = PROFILE_DIR ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await post(profiler, 'Profiler.enable');
    await post(profiler, 'Profiler.start');
  }
  const redisBefore = redisPid ? processCpuSeconds(redisPid) : 0;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await run();
  const cpu = process.cpuUsage(cpuBefore);
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const redisCpuSeconds = redisPid ? processCpuSeconds(redisPid) - redisBefore : 0;
  if (profiler && PROFILE_DIR) {
    const { profile } = (await post(profiler, 'Profiler.stop')) as { profile: CpuProfile };
    profiler.disconnect();
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `${stage}.cpuprofile`), JSON.stringify(profile));
    profiles[stage] = topSelfTime(profile, 10);
  }
  return {
    result,
    figures: { cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds, redisCpuSeconds },
  };
}

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
    };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * The functions with the most self time: "share% name (file:line)", shares of the stage's
 * busy samples (idle left out, and the profiler's own stop, which is not in the stage's CPU).
 */
function topSelfTime(profile: CpuProfile, count: number): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const profilerOwn = new Set<number>();
  const mark = (id: number): void => {
    profilerOwn.add(id);
    for (const child of byNode.get(id)?.children ?? []) mark(child);
  };
  for (const node of profile.nodes)
    if (node.callFrame.url === 'node:inspector' && node.callFrame.functionName === 'post')
      mark(node.id);
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame || profilerOwn.has(id) || frame.functionName === '(idle)') return;
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    const file = frame.url.replace(/^.*\/(libs|node_modules|bench)\//, '$1/');
    const name = `${frame.functionName || '(anonymous)'}${file ? ` (${file}:${frame.lineNumber + 1})` : ''}`;
    self.set(name, (self.get(name) ?? 0) + delta);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => `${((micros / total) * 100).toFixed(1)}% ${name}`);
}

function waitUntil(what: string, done: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + STAGE_TIMEOUT_MS;
    const timer = setInterval(() => {
      if (done()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`${what}: not done after ${STAGE_TIMEOUT_MS} ms`));
      }
    }, 5);
  });
}

// ------------------------------------------------------------------ the PBX

async function startPbx(): Promise<{ child: ChildProcess; ready: PbxReady }> {
  const child = fork(join(__dirname, 'cluster-pipeline-pbx.ts'), [SCENARIO, String(DAYS)], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    stdio: 'inherit',
  });
  const ready = await new Promise<PbxReady>((resolve, reject) => {
    child.once('message', (message: PbxReady) => resolve(message));
    child.once('exit', (code) => reject(new Error(`bench PBX exited (${code})`)));
  });
  return { child, ready };
}

/** The AMI link as the monitor makes it (pbx.asterisk defaults), to the bench's PBX. */
function amiSource(port: number, filterEvents: boolean): AsteriskCallSource {
  return new AsteriskCallSource({
    ami: { host: '127.0.0.1', port, username: 'bench', secret: 'bench' },
    filterEvents,
  });
}

/** AMI events the link has received, FullyBooted (the login's, not the day's) left out. */
function amiEventsReceived(source: AsteriskCallSource): number {
  let total = 0;
  for (const [name, count] of source.stats().eventsByType)
    if (name !== 'FullyBooted') total += count;
  return total;
}

// ------------------------------------------------------------------ stages

interface EngineRun {
  readonly engine: KpiEngine;
  readonly callEvents: number;
  readonly lastAt: number;
  /** Stream entries read (the serve). */
  readonly read?: number;
}

interface EngineResult {
  readonly callEvents: number;
  readonly lastAt: number;
  readonly read?: number;
  /** The engine's snapshot and stats as JSON, at `figuresAt` (PBX time). */
  readonly figures: string;
}

/**
 * An engine stage measured; only its counts and figures are kept (the engine is let go, so the
 * stages after it do not collect around it).
 */
async function measureEngine(
  stage: string,
  redisPid: number | undefined,
  run: () => Promise<EngineRun>,
  figuresAt?: number,
): Promise<{ figures: StageFigures; result: EngineResult }> {
  const { figures, result } = await measure(stage, redisPid, run);
  const at = figuresAt ?? result.lastAt + 1;
  const { engine, ...counts } = result;
  return {
    figures,
    result: {
      ...counts,
      figures: JSON.stringify({ snapshot: engine.snapshot(at), stats: engine.stats() }),
    },
  };
}

/** A KPI engine fed as the monitor's live service feeds it (events in order, resync views). */
function engineListener(engine: KpiEngine, seen: { callEvents: number; lastAt: number }) {
  const listener: CallSourceListener = {
    onEvents(events: CallEvent[]): void {
      for (const event of events) engine.apply(event);
      seen.callEvents += events.length;
      const last = events[events.length - 1];
      if (last && last.at > seen.lastAt) seen.lastAt = last.at;
    },
    onResync(view: PbxInFlightView): void {
      engine.resync(view);
    },
    onLink(): void {},
  };
  return listener;
}

/** Baseline: the embedded monitor's path, AMI over TCP straight into a KPI engine. */
async function runEmbedded(pbx: PbxReady, filterEvents: boolean): Promise<EngineRun> {
  const engine = new KpiEngine();
  const seen = { callEvents: 0, lastAt: -Infinity };
  const source = amiSource(pbx.port, filterEvents);
  source.start(engineListener(engine, seen));
  const expected = filterEvents ? pbx.filteredEvents : pbx.events;
  await waitUntil('embedded', () => amiEventsReceived(source) >= expected);
  await source.stop();
  return { engine, callEvents: seen.callEvents, lastAt: seen.lastAt };
}

interface IngestRun {
  readonly callEvents: number;
  readonly records: number;
  readonly appended: number;
  readonly alreadyAppended: number;
  readonly refused: number;
  readonly received: number;
}

async function connectRedis(url: string): Promise<Redis> {
  // As the monitor connects (cluster-role.service.ts): no offline queue, the appender retries.
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    lazyConnect: false,
  });
  redis.on('error', () => undefined);
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

/** An active ingest's appender: the site's lease taken, the monitor's append settings. */
async function activeAppender(
  redisUrl: string,
  site: string,
): Promise<{ appender: StreamAppender; close(): Promise<void> }> {
  const redis = await connectRedis(redisUrl);
  const lease = new RedisLease(redis, site, { ttlMs: 5_000, renewMs: 1_000, pollMs: 1_000 });
  if (!(await lease.acquire(() => undefined))) throw new Error(`bench ingest ${site}: no lease`);
  const appender = new StreamAppender(redis, site, lease.token as number, {
    bufferCapacity: BUFFER_CAPACITY,
    retentionMs: RETENTION_MS,
    maxLength: MAX_LENGTH,
    batchSize: APPEND_BATCH,
    retryDelayMs: 500,
  });
  return {
    appender,
    close: async () => {
      await lease.release();
      redis.disconnect();
    },
  };
}

/** The ingest role: the AMI link's output appended to the site's stream under its lease. */
async function runIngest(
  redisUrl: string,
  site: string,
  pbx: PbxReady,
  filterEvents: boolean,
): Promise<IngestRun> {
  const { appender, close } = await activeAppender(redisUrl, site);
  let callEvents = 0;
  let records = 0;
  const append = (batch: StreamRecord[]): void => {
    records += batch.length;
    appender.append(batch);
  };
  // As PbxLinkService hands the link's output to ClusterRole.append.
  const source = amiSource(pbx.port, filterEvents);
  source.start({
    onEvents(events) {
      callEvents += events.length;
      append(events.map((event) => ({ kind: 'event', event })));
    },
    onResync(view) {
      append([{ kind: 'resync', view }]);
    },
    onLink(up, detail) {
      append([{ kind: 'link', up, ...detail }]);
    },
  });
  const expected = filterEvents ? pbx.filteredEvents : pbx.events;
  await waitUntil(`ingest (${site})`, () => amiEventsReceived(source) >= expected);
  await appender.flushed();
  const received = amiEventsReceived(source);
  await source.stop();
  await appender.flushed();
  await close();
  const status = appender.status();
  return {
    callEvents,
    records,
    appended: status.appended,
    alreadyAppended: status.alreadyAppended,
    refused: status.refused,
    received,
  };
}

/** The serve role: the site's stream from its start into a KPI engine. */
async function runServe(redisUrl: string, entries: number): Promise<EngineRun> {
  const engine = new KpiEngine();
  const seen = { callEvents: 0, lastAt: -Infinity };
  const source = new StreamCallSource(
    await connectRedis(redisUrl),
    SITE,
    { blockMs: READ_BLOCK_MS, count: READ_COUNT, retryDelayMs: 500 },
    { info: () => undefined, warn: (details, message) => console.warn(message, details) },
  );
  source.start(engineListener(engine, seen));
  await waitUntil('serve', () => source.status().entries + source.status().badEntries >= entries);
  const read = source.status().entries;
  await source.stop();
  return { engine, callEvents: seen.callEvents, lastAt: seen.lastAt, read };
}

/** The site's entries as XREAD gives them (untimed: the baselines' input). */
async function streamEntries(redis: Redis, site: string): Promise<[string, string[]][]> {
  const entries: [string, string[]][] = [];
  let from = '-';
  for (;;) {
    const page = await redis.xrange(streamKey(site), from, '+', 'COUNT', 10_000);
    entries.push(...page);
    if (page.length < 10_000) return entries;
    from = `(${page[page.length - 1][0]}`;
  }
}

/** The appender alone: the same records handed over in the link's batches, to a fresh site. */
async function appendOnly(redisUrl: string, records: readonly StreamRecord[]): Promise<number> {
  const { appender, close } = await activeAppender(redisUrl, APPEND_ONLY_SITE);
  for (let at = 0; at < records.length; at += LINK_BATCH) {
    appender.append(records.slice(at, at + LINK_BATCH));
    // The link hands records over as TCP chunks arrive: let the appender's drain run between.
    if ((at / LINK_BATCH) % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await appender.flushed();
  await close();
  return appender.status().appended;
}

/** Baseline: the same entries XADDed bare, pipelined in the appender's batch size. */
async function bareXadd(redis: Redis, entries: readonly [string, string[]][]): Promise<number> {
  for (let at = 0; at < entries.length; at += APPEND_BATCH) {
    const pipeline = redis.pipeline();
    for (const [, fields] of entries.slice(at, at + APPEND_BATCH))
      pipeline.xadd(BARE_KEY, '*', ...fields);
    await pipeline.exec();
  }
  return redis.xlen(BARE_KEY);
}

/** Baseline: the bare entries read back with XREAD in the serve's page size, not decoded. */
async function bareXread(redis: Redis): Promise<number> {
  let read = 0;
  let from = '0';
  for (;;) {
    const reply = await redis.xread('COUNT', READ_COUNT, 'STREAMS', BARE_KEY, from);
    const page = reply?.[0]?.[1] ?? [];
    if (page.length === 0) return read;
    read += page.length;
    from = page[page.length - 1][0];
  }
}

// ------------------------------------------------------------------ the run

const rate = (count: number, seconds: number): number =>
  seconds > 0 ? Math.round(count / seconds) : 0;
const ratio = (a: number, b: number): number => (b > 0 ? Number((a / b).toFixed(3)) : 0);

export async function runClusterPipelineBench(): Promise<ClusterPipelineBenchFigures> {
  const redisServer = await startRedis();
  const pbxStarted = performance.now();
  const { child, ready: pbx } = await startPbx();
  console.log(
    `bench PBX ready in ${((performance.now() - pbxStarted) / 1000).toFixed(1)} s (renders the days)`,
  );
  const redisPid = redisServer.pid;
  try {
    // The unfiltered link, first day: every AMI event on the wire.
    const embeddedUnfiltered = await measureEngine('embedded-unfiltered', undefined, () =>
      runEmbedded(pbx, false),
    );
    const ingestUnfiltered = await measure('ingest-unfiltered', redisPid, () =>
      runIngest(redisServer.url, UNFILTERED_SITE, pbx, false),
    );
    // The monitor's default link (AMI filters), every day: the stream the serve reads.
    // The reference: the engine fed the adapter's events directly, after the PBX's last event.
    const embedded = await measureEngine('embedded', undefined, () => runEmbedded(pbx, true));
    const ingest = await measure('ingest', redisPid, () =>
      runIngest(redisServer.url, SITE, pbx, true),
    );
    const serve = await measureEngine(
      'serve',
      redisPid,
      () => runServe(redisServer.url, ingest.result.appended),
      embedded.result.lastAt + 1,
    );

    const redis = await connectRedis(redisServer.url);
    const entries = await streamEntries(redis, SITE);
    const records = entries.map(([id, fields]) => decodeEntry(id, fields).record);
    const append = await measure('append-only', redisPid, () =>
      appendOnly(redisServer.url, records),
    );
    const xadd = await measure('bare-xadd', redisPid, () => bareXadd(redis, entries));
    const xread = await measure('bare-xread', redisPid, () => bareXread(redis));
    redis.disconnect();

    const checks = {
      'no record refused or found already appended':
        ingest.result.refused === 0 &&
        ingest.result.alreadyAppended === 0 &&
        ingestUnfiltered.result.refused === 0 &&
        ingestUnfiltered.result.alreadyAppended === 0,
      'records handed over = entries appended':
        ingest.result.records === ingest.result.appended &&
        ingestUnfiltered.result.records === ingestUnfiltered.result.appended,
      'entries appended = entries on the stream': entries.length === ingest.result.appended,
      'entries appended = entries read by the serve': serve.result.read === ingest.result.appended,
      'call events the adapter made = call events the serve applied':
        serve.result.callEvents === ingest.result.callEvents,
      'serve figures = figures of the engine fed the adapter directly (snapshot, stats)':
        serve.result.lastAt === embedded.result.lastAt &&
        serve.result.figures === embedded.result.figures,
      'the embedded path made the same call events (both links)':
        embedded.result.callEvents === ingest.result.callEvents &&
        embeddedUnfiltered.result.callEvents === ingestUnfiltered.result.callEvents,
      'baselines wrote and read every entry':
        append.result === entries.length &&
        xadd.result === entries.length &&
        xread.result === entries.length,
    };

    const firstDayEvents = pbx.events;
    const pbxEvents = pbx.runEvents;
    const embeddedRate = rate(pbxEvents, embedded.figures.cpuSeconds);
    const ingestRate = rate(pbxEvents, ingest.figures.cpuSeconds);
    const serveRate = rate(pbxEvents, serve.figures.cpuSeconds);
    const embeddedUnfilteredRate = rate(firstDayEvents, embeddedUnfiltered.figures.cpuSeconds);
    const ingestUnfilteredRate = rate(firstDayEvents, ingestUnfiltered.figures.cpuSeconds);
    const serveCallRate = rate(serve.result.callEvents, serve.figures.cpuSeconds);
    const serveEntryRate = rate(serve.result.read ?? 0, serve.figures.cpuSeconds);
    const appendRate = rate(entries.length, append.figures.cpuSeconds);
    const bareXaddRate = rate(entries.length, xadd.figures.cpuSeconds);
    const bareXreadRate = rate(entries.length, xread.figures.cpuSeconds);
    const pipelineCpu =
      ingest.figures.cpuSeconds +
      ingest.figures.redisCpuSeconds +
      serve.figures.cpuSeconds +
      serve.figures.redisCpuSeconds;
    return {
      days: pbx.days,
      firstDay: { amiEvents: firstDayEvents, bytes: pbx.bytes, queueCalls: pbx.queueCalls },
      run: {
        amiEvents: pbxEvents,
        queueCalls: pbx.runQueueCalls,
        filteredAmiEvents: pbx.filteredEvents,
      },
      callEvents: ingest.result.callEvents,
      records: ingest.result.records,
      embeddedUnfiltered: {
        ...embeddedUnfiltered.figures,
        amiEventsPerCpuSecond: embeddedUnfilteredRate,
      },
      ingestUnfiltered: {
        ...ingestUnfiltered.figures,
        amiEventsPerCpuSecond: ingestUnfilteredRate,
      },
      embedded: { ...embedded.figures, pbxEventsPerCpuSecond: embeddedRate },
      ingest: {
        ...ingest.figures,
        pbxEventsPerCpuSecond: ingestRate,
        receivedEventsPerCpuSecond: rate(ingest.result.received, ingest.figures.cpuSeconds),
      },
      serve: {
        ...serve.figures,
        callEventsPerCpuSecond: serveCallRate,
        entriesPerCpuSecond: serveEntryRate,
        pbxEventsPerCpuSecond: serveRate,
      },
      appendOnly: { ...append.figures, entriesPerCpuSecond: appendRate },
      bareXadd: { ...xadd.figures, entriesPerCpuSecond: bareXaddRate },
      bareXread: { ...xread.figures, entriesPerCpuSecond: bareXreadRate },
      ingestUnfilteredVsEmbedded: ratio(ingestUnfilteredRate, embeddedUnfilteredRate),
      ingestVsEmbedded: ratio(ingestRate, embeddedRate),
      serveVsEmbedded: ratio(serveRate, embeddedRate),
      pipelineVsEmbedded: ratio(rate(pbxEvents, pipelineCpu), embeddedRate),
      appendVsBareXadd: ratio(appendRate, bareXaddRate),
      serveVsBareXread: ratio(serveEntryRate, bareXreadRate),
      ingestUnfilteredTargetMet: ingestUnfilteredRate >= INGEST_TARGET_AMI_EVENTS_PER_CPU_S,
      ingestTargetMet: ingestRate >= INGEST_TARGET_AMI_EVENTS_PER_CPU_S,
      serveTargetMet: serveCallRate >= SERVE_TARGET_CALL_EVENTS_PER_CPU_S,
      ceiling: ingestRate <= serveRate ? 'ingest' : 'serve',
      checks,
      ...(PROFILE_DIR ? { profiles } : {}),
      passed: Object.values(checks).every(Boolean),
    };
  } finally {
    child.kill();
    await redisServer.remove();
  }
}

export function printClusterPipelineBench(f: ClusterPipelineBenchFigures): void {
  const n = (value: number): string => value.toLocaleString('en');
  const s = (seconds: number): number => Number(seconds.toFixed(2));
  const perMillion = (seconds: number, count: number): number =>
    Number(((seconds / count) * 1e6).toFixed(2));
  console.log(
    `Cluster pipeline — ${SCENARIO}, ${f.days} day(s): ${n(f.run.amiEvents)} AMI events made by the PBX ` +
      `(${n(f.run.queueCalls)} queue calls, ${(f.run.amiEvents / f.run.queueCalls).toFixed(0)} events per call), ` +
      `${n(f.run.filteredAmiEvents)} sent through the default filters → ${n(f.callEvents)} call events, ` +
      `${n(f.records)} stream records. Unfiltered link: the first day, ${n(f.firstDay.amiEvents)} AMI events ` +
      `(${(f.firstDay.bytes / 1024 / 1024).toFixed(0)} MiB).`,
  );
  const row = (stage: StageFigures, count: number, unit: string, perCpuS: number) => ({
    unit,
    'CPU s': s(stage.cpuSeconds),
    'wall s': s(stage.wallSeconds),
    'redis CPU s': s(stage.redisCpuSeconds),
    'per CPU-s': perCpuS,
    'CPU s per 1M': perMillion(stage.cpuSeconds, count),
  });
  const pbx = 'PBX AMI event';
  console.table({
    'unfiltered: embedded (AMI → engine)': row(
      f.embeddedUnfiltered,
      f.firstDay.amiEvents,
      'AMI event',
      f.embeddedUnfiltered.amiEventsPerCpuSecond,
    ),
    'unfiltered: ingest (AMI → stream)': row(
      f.ingestUnfiltered,
      f.firstDay.amiEvents,
      'AMI event',
      f.ingestUnfiltered.amiEventsPerCpuSecond,
    ),
    'filtered: embedded (AMI → engine)': row(
      f.embedded,
      f.run.amiEvents,
      pbx,
      f.embedded.pbxEventsPerCpuSecond,
    ),
    'filtered: ingest (AMI → stream)': row(
      f.ingest,
      f.run.amiEvents,
      pbx,
      f.ingest.pbxEventsPerCpuSecond,
    ),
    'serve (stream → engine)': row(
      f.serve,
      f.callEvents,
      'call event',
      f.serve.callEventsPerCpuSecond,
    ),
    'appender alone (records → stream)': row(
      f.appendOnly,
      f.records,
      'entry',
      f.appendOnly.entriesPerCpuSecond,
    ),
    'bare XADD (pipelined)': row(f.bareXadd, f.records, 'entry', f.bareXadd.entriesPerCpuSecond),
    'bare XREAD (no decoding)': row(
      f.bareXread,
      f.records,
      'entry',
      f.bareXread.entriesPerCpuSecond,
    ),
  });
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  console.log(
    [
      `  ingest: unfiltered ${n(f.ingestUnfiltered.amiEventsPerCpuSecond)} AMI events per CPU-s, filtered ${n(f.ingest.pbxEventsPerCpuSecond)} PBX events per CPU-s (${n(f.ingest.receivedEventsPerCpuSecond)} received) — target ≥ ${n(INGEST_TARGET_AMI_EVENTS_PER_CPU_S)}: unfiltered ${met(f.ingestUnfilteredTargetMet)}, filtered ${met(f.ingestTargetMet)}`,
      `  serve:  ${n(f.serve.callEventsPerCpuSecond)} call events per CPU-s (target ≥ ${n(SERVE_TARGET_CALL_EVENTS_PER_CPU_S)}: ${met(f.serveTargetMet)}), ${n(f.serve.pbxEventsPerCpuSecond)} PBX events' worth`,
      `  vs embedded, per event on the same link: ingest unfiltered ${f.ingestUnfilteredVsEmbedded}, ingest filtered ${f.ingestVsEmbedded}, serve ${f.serveVsEmbedded}; whole pipeline with redis-server ${f.pipelineVsEmbedded}`,
      `  vs bare Redis, per entry: appender/XADD ${f.appendVsBareXadd}, serve/XREAD ${f.serveVsBareXread}`,
      `  ceiling (monitor's default link): ${f.ceiling}`,
    ].join('\n'),
  );
  for (const [check, ok] of Object.entries(f.checks))
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${check}`);
  for (const [stage, top] of Object.entries(f.profiles ?? {})) {
    console.log(`  top self time, ${stage}:`);
    for (const line of top) console.log(`    ${line}`);
  }
  console.log(f.passed ? 'cluster pipeline bench: PASS' : 'cluster pipeline bench: FAIL');
}

if (require.main === module) {
  runClusterPipelineBench()
    .then((figures) => {
      printClusterPipelineBench(figures);
      if (!figures.passed) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
