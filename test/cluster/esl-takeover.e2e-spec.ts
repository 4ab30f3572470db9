import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EslSimulatorServer,
  eslQueueName,
  loadScenario,
  SIMULATED_CDR_CSV_TEMPLATE,
  type ScenarioConfig,
} from '@hotline/simulator';
import {
  LEASE_TAKEN,
  clusterSite,
  clusterSpawner,
  dropSchema,
  getJson,
  logLine,
  storedCalls,
  type ClusterReadiness,
  type ClusterSnapshot,
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
 * Issue 15, the ESL takeover: one simulated FreeSWITCH (mod_callcenter over the Event Socket,
 * writing its CDR with mod_cdr_csv), two ingest instances on a Redis lease with
 * `history.freeswitchCdr`, one serve — real processes and a real redis-server. The active
 * ingest is SIGKILLed mid-run; the standby takes over within 10 s (logged and asserted), reads
 * the `callcenter_config` lists and backfills from the CDR the calls that ended while no ingest
 * held the link. At the end the serve's figures and the stored calls equal the simulator's
 * truth, call for call. The centre moves no caller to a second queue and refuses none:
 * mod_callcenter has no refusal, and its CDR keeps only a caller's last visit
 * (FREESWITCH_CDR_KNOWN_GAPS) — those are the CDR writer's spec.
 */

const HOUR = 3_600_000;
const MINUTE = 60_000;
const HOURS = 3;
/** Simulated seconds per real second: 3 h in about 36 s. */
const SPEED = 300;
const PASSWORD = 'esl-takeover-ClueCon';
const TIME_ZONE = 'Asia/Shanghai';
const KILL_AT = 40 * MINUTE;
const TAKEOVER_LIMIT_MS = 10_000;
const SEED = 20261207;

const month = loadScenario('month-2021-01');
const scenario: ScenarioConfig = {
  ...month,
  transferProbability: 0,
  queues: month.queues.map((q) => ({
    ...q,
    overflowProbability: 0,
    maxLen: 0,
    joinEmpty: true,
  })),
};
const QUEUES = scenario.queues.map((q) => eslQueueName(q.name));

describe('cluster, one FreeSWITCH site: the ESL takeover backfills from the CDR (real processes)', () => {
  let bundle: MonitorBundle;
  let redis: RedisUnderTest;
  let esl: EslSimulatorServer;
  let dir: string;
  const schema = `esl_takeover_${process.pid}_${Date.now() % 100_000}`;
  const processes: MonitorProcess[] = [];
  let ingestB: MonitorProcess;
  let serve: MonitorProcess;
  let killedAtWall = 0;
  let killedAtSim = 0;
  let takeoverMs = Number.NaN;
  let takeoverLogged: Record<string, unknown> | undefined;
  let start = 0;
  let busy = false;
  let final: ClusterSnapshot | undefined;
  let ready: ClusterReadiness | undefined;
  let rows: QueueCallRow[] = [];

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'hotline-esl-takeover-'));
    const cdrPath = join(dir, 'cdr-csv', 'Master.csv');
    ({ start, busy } = simulatedWindow(Date.now(), TIME_ZONE, HOURS));
    esl = await EslSimulatorServer.start({
      scenario,
      seed: SEED,
      speed: SPEED,
      startAt: start,
      durationMs: HOURS * HOUR,
      startOnSubscribe: true,
      password: PASSWORD,
      cdrCsvPath: cdrPath,
    });
    const site = clusterSite({
      redisUrl: redis.url,
      dir,
      schema,
      timeZone: TIME_ZONE,
      pbx: {
        type: 'freeswitch',
        freeswitch: {
          host: '127.0.0.1',
          port: esl.port,
          password: PASSWORD,
          queues: QUEUES,
          reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
        },
      },
      history: {
        freeswitchCdr: { path: cdrPath, format: 'csv', csvTemplate: SIMULATED_CDR_CSV_TEMPLATE },
      },
    });
    const spawn = clusterSpawner(bundle, dir, processes);

    const ingestA = await spawn(site.ingest('ingest-a'));
    ingestB = await spawn(site.ingest('ingest-b'), false);
    serve = await spawn(site.serve('serve'));

    await waitFor('the simulated kill time', () => esl.now >= start + KILL_AT, 60_000);
    killedAtSim = esl.now;
    killedAtWall = Date.now();
    await ingestA.kill();
    await waitFor(
      'the standby to take the lease',
      () => logLine(ingestB.output(), LEASE_TAKEN) !== undefined,
      30_000,
    );
    takeoverLogged = logLine(ingestB.output(), LEASE_TAKEN);
    takeoverMs = Number(takeoverLogged?.time) - killedAtWall;

    await esl.finished();
    const truth = esl.truth.summary().centre;
    const period = periodHolding(start, start + HOURS * HOUR, TIME_ZONE);
    await waitFor(
      'the serve to count every call',
      async () => {
        const snapshot = await getJson<ClusterSnapshot>(`${serve.baseUrl}/api/v1/snapshot`);
        const centre = snapshot.kpi.periods.centre[period];
        return centre.offered >= truth.offered && centre.inProgress === 0;
      },
      30_000,
    ).catch(() => undefined);
    // A little longer: a late or doubled event would show now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    final = await getJson<ClusterSnapshot>(`${serve.baseUrl}/api/v1/snapshot`);
    ready = await getJson<ClusterReadiness>(`${serve.baseUrl}/health/ready`);
    await waitFor(
      'every call stored',
      async () => (rows = await storedCalls(schema)).length >= esl.truth.calls().length,
      15_000,
    ).catch(() => undefined);
  }, 240_000);

  afterAll(async () => {
    const backfill = ingestB
      ? logLine(
          ingestB.output(),
          'ESL resync after a gap: calls that ended meanwhile read from the CDR',
        )
      : undefined;
    process.stdout.write(
      `esl takeover: ${takeoverMs} ms after the SIGKILL, ${String(backfill?.backfilled)} call events backfilled from the CDR, ${esl?.truth.calls().length} queue calls\n`,
    );
    for (const running of processes) await running.stop();
    if (process.env.CLUSTER_KEEP) {
      processes.forEach((p, i) => writeFileSync(join(dir, `process-${i}.log`), p.output()));
      writeFileSync(join(dir, 'truth.json'), JSON.stringify(esl.truth.calls()));
      console.log(`kept ${dir} and schema ${schema}`);
    }
    await esl?.stop();
    await redis?.remove();
    if (!process.env.CLUSTER_KEEP) await dropSchema(schema).catch(() => undefined);
    bundle?.remove();
    if (dir && !process.env.CLUSTER_KEEP) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('took over within 10 s of the SIGKILL, logged, with calls ending while no ingest watched', () => {
    expect(takeoverLogged).toBeDefined();
    expect(takeoverMs).toBeGreaterThan(0);
    expect(takeoverMs).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    const gapEnd = killedAtSim + takeoverMs * SPEED;
    expect(
      esl.truth.calls().filter((c) => c.endedAt > killedAtSim && c.endedAt < gapEnd).length,
    ).toBeGreaterThan(0);
    expect(ready?.cluster?.stream?.ingestToken).toBe(takeoverLogged?.token);
  });

  it('backfilled from the CDR after the takeover, and said what the CDR cannot tell', () => {
    const line = logLine(
      ingestB.output(),
      'ESL resync after a gap: calls that ended meanwhile read from the CDR',
    );
    expect(line).toMatchObject({ backfilled: expect.any(Number), unknowable: expect.any(Array) });
    expect(Number(line?.backfilled)).toBeGreaterThan(0);
  });

  // Survey ratings are left out of the comparison: mod_callcenter has no survey event.

  it('the serve equals the truth for every queue, every line and the centre', () => {
    const snapshot = final as ClusterSnapshot;
    const truth = esl.truth.summary();
    const period = periodHolding(start, start + HOURS * HOUR, TIME_ZONE);
    expect(truth.centre.offered).toBeGreaterThan(busy ? 150 : 10);
    for (const [queue, figures] of Object.entries(truth.queues)) {
      const name = eslQueueName(queue);
      expect({
        queue: name,
        ...countsWithoutRatings(snapshot.kpi.periods.queues[name][period]),
      }).toEqual({
        queue: name,
        ...truthWithoutRatings(figures),
      });
    }
    for (const [line, figures] of Object.entries(truth.lines))
      expect({ line, ...countsWithoutRatings(snapshot.kpi.periods.lines[line][period]) }).toEqual({
        line,
        ...truthWithoutRatings(figures),
      });
    expect(countsWithoutRatings(snapshot.kpi.periods.centre[period])).toEqual(
      truthWithoutRatings(truth.centre),
    );
    expect(snapshot.kpi.live.waiting).toEqual([]);
    expect(snapshot.kpi.live.talking).toEqual([]);
  });

  it("stored the site's calls in its PostgreSQL once each, call for call", () => {
    const expected = callsAsStored(esl.truth.calls(), {
      callId: (call) => esl.identities.memberUuid(call.uniqueid, call.visit),
      queue: (call) => eslQueueName(call.queue),
    });
    expect(rowsAsStored(rows)).toEqual(expected);
  });
});
