import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PbxSimulator } from '@hotline/simulator';
import {
  LEASE_TAKEN,
  clusterSite,
  clusterSpawner,
  dropSchema,
  getJson,
  logLine,
  storedCalls,
  type ClusterReadiness as Readiness,
  type ClusterSnapshot as Snapshot,
  type QueueCallRow,
  callsAsStored,
  countsWithoutRatings,
  rowsAsStored,
  truthWithoutRatings,
} from '../support/cluster-harness';
import { waitFor } from '../support/monitor-harness';
import {
  buildMonitorBundle,
  type MonitorBundle,
  type MonitorProcess,
} from '../support/monitor-process';
import { startRedis, type RedisUnderTest } from '../support/redis-server';
import { periodHolding, simulatedWindow } from '../support/simulated-window';

/**
 * Issue 15, first slice (one site): one simulator, two ingest instances on a Redis lease, two
 * serve instances reading the site's stream — all real processes and a real redis-server. The
 * active ingest is SIGKILLed mid-run (the standby takes over within 10 s: logged and asserted),
 * later Redis itself is restarted; a second serve starts after both and catches up from the
 * stream; then the first serve is SIGKILLed and started again mid-run. At the end every serve's
 * figures equal the simulator's truth, call for call.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const HOURS = 3;
/** Simulated seconds per real second: 3 h in about 36 s. */
const SPEED = 300;
const SECRET = 'cluster-secret-0123456789';
const TIME_ZONE = 'Asia/Shanghai';
const KILL_AT = 40 * MINUTE;
/** Real ms Redis stays down at least: well under the lease's ttl, so the active ingest keeps it. */
const REDIS_DOWN_MS = 2_000;
const TAKEOVER_LIMIT_MS = 10_000;
const SEED = Number(process.env.CLUSTER_SEED ?? 20261206);

describe('cluster, one site: ingest failover and a Redis restart (real processes)', () => {
  let bundle: MonitorBundle;
  let redis: RedisUnderTest;
  let simulator: PbxSimulator;
  let dir: string;
  const schema = `cluster_e2e_${process.pid}_${Date.now() % 100_000}`;
  const processes: MonitorProcess[] = [];
  let ingestA: MonitorProcess;
  let ingestB: MonitorProcess;
  let serve1: MonitorProcess;
  let serve2: MonitorProcess;
  let standbyBefore: Readiness | undefined;
  let killedAtWall = 0;
  let killedAtSim = 0;
  let takeoverMs = Number.NaN;
  let serveKilledAtSim = 0;
  let takeoverLogged: Record<string, unknown> | undefined;
  let appendDuringOutage: Readiness | undefined;
  let start = 0;
  let busy = false;
  const finals = new Map<string, Snapshot>();
  const readiness = new Map<string, Readiness>();
  let rows: QueueCallRow[] = [];

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
    redis = await startRedis({ persistent: true });
    dir = mkdtempSync(join(tmpdir(), 'hotline-cluster-'));
    const queueLogPath = join(dir, 'queue_log');
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
    const { ingest, serve } = clusterSite({
      redisUrl: redis.url,
      dir,
      schema,
      timeZone: TIME_ZONE,
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
    });
    const spawn = clusterSpawner(bundle, dir, processes);

    ingestA = await spawn(ingest('ingest-a'));
    ingestB = await spawn(ingest('ingest-b'), false);
    serve1 = await spawn(serve('serve-1'));
    standbyBefore = await getJson<Readiness>(`${ingestB.baseUrl}/health/ready`);

    // 1. SIGKILL the active ingest mid-run.
    await waitFor('the simulated kill time', () => simulator.now >= start + KILL_AT, 60_000);
    killedAtSim = simulator.now;
    killedAtWall = Date.now();
    await ingestA.kill();
    await waitFor(
      'the standby to take the lease',
      () => logLine(ingestB.output(), LEASE_TAKEN) !== undefined,
      30_000,
    );
    takeoverLogged = logLine(ingestB.output(), LEASE_TAKEN);
    takeoverMs = Number(takeoverLogged?.time) - killedAtWall;

    // 2. Redis restarted mid-run, a few seconds after the takeover (its append-only file keeps
    // the stream, the lease and the marks); down until the ingest has held records.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await redis.stop();
    const downSince = Date.now();
    await waitFor(
      'the ingest to hold records',
      async () => {
        appendDuringOutage = await getJson<Readiness>(`${ingestB.baseUrl}/health/ready`);
        return (
          Date.now() - downSince >= REDIS_DOWN_MS &&
          appendDuringOutage.cluster?.append?.state === 'buffering' &&
          appendDuringOutage.cluster.append.buffered > 0
        );
      },
      4_000,
    ).catch(() => undefined);
    await redis.start();

    // 3. A second serve, started late: it catches up from the stream before it says ready.
    serve2 = await spawn(serve('serve-2'));

    // 4. The first serve SIGKILLed mid-run (no graceful stop: its writer's batch may be lost) and
    // started again: it restores from the database, reads the stream again from its start and
    // writes what it finishes idempotently.
    serveKilledAtSim = simulator.now;
    await serve1.kill();
    serve1 = await spawn(serve('serve-1-again'));

    await simulator.finished();
    const truth = simulator.truth.summary().centre;
    const period = periodHolding(start, start + HOURS * HOUR, TIME_ZONE);
    for (const [name, serveProcess] of [
      ['serve-1', serve1],
      ['serve-2', serve2],
    ] as const) {
      await waitFor(
        `${name} to count every call`,
        async () => {
          const snapshot = await getJson<Snapshot>(`${serveProcess.baseUrl}/api/v1/snapshot`);
          const centre = snapshot.kpi.periods.centre[period];
          return centre.offered >= truth.offered && centre.inProgress === 0;
        },
        30_000,
      ).catch(() => undefined);
    }
    // A little longer: a late or doubled event would show now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const [name, serveProcess] of [
      ['serve-1', serve1],
      ['serve-2', serve2],
    ] as const) {
      finals.set(name, await getJson<Snapshot>(`${serveProcess.baseUrl}/api/v1/snapshot`));
      readiness.set(name, await getJson<Readiness>(`${serveProcess.baseUrl}/health/ready`));
    }
    readiness.set('ingest-b', await getJson<Readiness>(`${ingestB.baseUrl}/health/ready`));
    await waitFor(
      'every call stored',
      async () => (rows = await storedCalls(schema)).length >= simulator.truth.calls().length,
      15_000,
    ).catch(() => undefined);
  }, 240_000);

  afterAll(async () => {
    for (const running of processes) await running.stop();
    if (process.env.CLUSTER_KEEP) {
      processes.forEach((p, i) => writeFileSync(join(dir, `process-${i}.log`), p.output()));
      writeFileSync(join(dir, 'truth.json'), JSON.stringify(simulator.truth.calls()));
      console.log(`kept ${dir} and schema ${schema}`);
    }
    await simulator?.stop();
    await redis?.remove();
    if (!process.env.CLUSTER_KEEP) await dropSchema(schema).catch(() => undefined);
    bundle?.remove();
    if (dir && !process.env.CLUSTER_KEEP) rmSync(dir, { recursive: true, force: true });
  });

  it('ran one active ingest and one standby that was not ready', () => {
    expect(standbyBefore).toMatchObject({
      status: 'not-ready',
      code: 'CLUSTER_STANDBY',
      cluster: { role: 'ingest', site: 'default', lease: { state: 'standby' } },
    });
  });

  it('took over within 10 s of the SIGKILL, logged, with a higher fencing token', () => {
    expect(takeoverLogged).toBeDefined();
    expect(takeoverMs).toBeGreaterThan(0);
    expect(takeoverMs).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    // Calls moved while no ingest watched: the takeover's resync and backfill had work to do.
    const calls = simulator.truth.calls();
    const gapEnd = killedAtSim + takeoverMs * SPEED;
    expect(
      calls.filter((c) => c.endedAt > killedAtSim && c.endedAt < gapEnd).length,
    ).toBeGreaterThan(0);
    for (const name of ['serve-1', 'serve-2'])
      expect(readiness.get(name)?.cluster?.stream?.ingestToken).toBe(takeoverLogged?.token);
  });

  it('SIGKILLed a serve mid-run, with calls in flight, and started it again', () => {
    expect(serveKilledAtSim).toBeGreaterThan(killedAtSim);
    expect(serveKilledAtSim).toBeLessThan(start + HOURS * HOUR);
    // Calls were in flight at the kill: the restarted serve had to pick them up again.
    const inFlightAtKill = simulator.truth
      .calls()
      .filter((c) => c.joinedAt < serveKilledAtSim && c.endedAt > serveKilledAtSim);
    expect(inFlightAtKill.length).toBeGreaterThan(0);
  });

  it('held records while Redis was down and drained them, refusing none', () => {
    expect(appendDuringOutage?.cluster?.append).toMatchObject({ state: 'buffering' });
    expect(appendDuringOutage?.cluster?.append?.buffered).toBeGreaterThan(0);
    expect(readiness.get('ingest-b')?.cluster?.append).toMatchObject({
      state: 'appending',
      buffered: 0,
      refused: 0,
    });
  });

  it.each(['serve-1', 'serve-2'])('%s equals the truth for every queue and every line', (name) => {
    const snapshot = finals.get(name) as Snapshot;
    const truth = simulator.truth.summary();
    const period = periodHolding(start, start + HOURS * HOUR, TIME_ZONE);
    expect(truth.centre.offered).toBeGreaterThan(busy ? 300 : 20);
    for (const [queue, figures] of Object.entries(truth.queues))
      expect({
        queue,
        ...countsWithoutRatings(snapshot.kpi.periods.queues[queue][period]),
      }).toEqual({
        queue,
        ...truthWithoutRatings(figures),
      });
    for (const [line, figures] of Object.entries(truth.lines))
      expect({ line, ...countsWithoutRatings(snapshot.kpi.periods.lines[line][period]) }).toEqual({
        line,
        ...truthWithoutRatings(figures),
      });
    expect(snapshot.kpi.live.waiting).toEqual([]);
    expect(snapshot.kpi.live.talking).toEqual([]);
    expect(readiness.get(name)).toMatchObject({
      status: 'ready',
      cluster: { role: 'serve', stream: { caughtUp: true } },
    });
  });

  it.each(['serve-1', 'serve-2'])('%s equals the truth for the centre (contacts)', (name) => {
    const snapshot = finals.get(name) as Snapshot;
    const truth = simulator.truth.summary();
    const period = periodHolding(start, start + HOURS * HOUR, TIME_ZONE);
    expect(countsWithoutRatings(snapshot.kpi.periods.centre[period])).toEqual(
      truthWithoutRatings(truth.centre),
    );
  });

  it("stored the site's calls in its PostgreSQL once each, call for call", () => {
    const calls = simulator.truth.calls();
    const expected = callsAsStored(calls);
    const stored = rowsAsStored(rows);
    expect(stored).toEqual(expected);
  });

  it('counted no rating twice; the takeover gap lost some, as the queue_log cannot tell them', () => {
    const truth = simulator.truth.summary().centre;
    const period = periodHolding(start, start + HOURS * HOUR, TIME_ZONE);
    const [one, two] = ['serve-1', 'serve-2'].map(
      (name) => (finals.get(name) as Snapshot).kpi.periods.centre[period].ratings.count,
    );
    expect(one).toBe(two);
    expect(one).toBeLessThanOrEqual(truth.ratings);
    expect(one).toBeGreaterThan(0);
  });
});
