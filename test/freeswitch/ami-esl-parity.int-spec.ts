/**
 * Parity: one simulated stretch of a day — one traffic model, one stream of model events —
 * emitted both as FreeSWITCH mod_callcenter ESL (ESL server → FreeswitchCallSource over real
 * TCP) and as Asterisk AMI (AmiEventRenderer → the project's AmiDecoder → AmiEventMapper, in
 * process), each into its own KPI engine. The two engines must give the same KPIs per queue, per
 * line and for the centre, and both must equal the simulator's truth.
 *
 * Why AMI in process: over TCP (PbxSimulator → AsteriskCallSource, same scenario and seed) the
 * AMI side is exact when the box is quiet, but not run after run under load — with a second
 * simulator or test process busy on the same two cores it counted one to three extra abandoned
 * queue calls, and with the default AMI event filters once left whole classes of calls in
 * progress; the ESL side stayed exact in every run. The in-process path reads the very frames
 * the AMI server would send, through the project's own AMI decoder and mapper.
 *
 * Names: mod_callcenter queues are `<name>@default`; the ESL engine's queue `12345@default` is
 * compared with the AMI engine's and the truth's `12345` (modelQueueName strips the domain).
 * Lines are the same channel variable value on both sides (HOTLINE / hotline).
 *
 * Refusals: mod_callcenter cannot refuse a caller (no maxlen / joinempty), so the ESL side has
 * none. The scenario does refuse callers on AMI (QUEUESTATUS FULL / JOINEMPTY); those
 * `caller-refused` events are left out of the AMI engine and the blocked truth records out of the
 * truth, and the test asserts that exactly the truth's blocked calls were left out.
 */
import type { CallEvent } from '@hotline/call-events';
import { AmiDecoder, AmiEventMapper } from '@hotline/asterisk';
import { FreeswitchCallSource } from '@hotline/freeswitch';
import {
  AmiEventRenderer,
  EslSimulatorServer,
  eslQueueName,
  loadScenario,
  modelQueueName,
  type ModelEvent,
  type ScenarioConfig,
} from '@hotline/simulator';
import { encodeFrame } from '@hotline/simulator/ami/ami-frame';
import {
  contactTruthUnits,
  engineCounts,
  EngineUnderTest,
  groupTruth,
  truthCounts,
  waitUntil,
} from './parity-harness';

/** 2021-01-04 (a Monday) 08:00 in Asia/Shanghai; eight hours of arrivals end well before midnight. */
const START_AT = Date.parse('2021-01-04T08:00:00+08:00');
const DURATION_MS = 8 * 3_600_000;
const SEED = 20210104;
const SPEED = 4_000;
const scenario: ScenarioConfig = { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.15 } };

/** The AMI side: model events → AMI frames → bytes → AmiDecoder → AmiEventMapper. */
function amiPipeline(side: EngineUnderTest): {
  push: (event: ModelEvent) => void;
  frames: () => number;
  decodeErrors: () => number;
} {
  const renderer = new AmiEventRenderer();
  const decoder = new AmiDecoder();
  const mapper = new AmiEventMapper();
  let frames = 0;
  let errors = 0;
  return {
    push: (event) => {
      for (const frame of renderer.render(event)) {
        frames++;
        for (const decoded of decoder.push(encodeFrame(frame.headers))) {
          if (!decoded.ok) errors++;
          else side.feed(mapper.map(decoded.message, frame.at));
        }
      }
    },
    frames: () => frames,
    decodeErrors: () => errors,
  };
}

describe('AMI and ESL give the same KPIs for the same simulated traffic', () => {
  let esl: EslSimulatorServer;
  let amiSide: EngineUnderTest;
  let eslSide: EngineUnderTest;
  let ami: ReturnType<typeof amiPipeline>;
  let eslFrames = 0;
  let runMs = 0;
  /** After the last call; not the simulator's clock, which a stalled tick may push far ahead. */
  let snapshotAt = 0;

  beforeAll(async () => {
    const started = performance.now();
    amiSide = new EngineUnderTest(undefined, (event: CallEvent) => event.type === 'caller-refused');
    ami = amiPipeline(amiSide);
    esl = await EslSimulatorServer.start({
      scenario,
      seed: SEED,
      speed: SPEED,
      startAt: START_AT,
      durationMs: DURATION_MS,
      hold: true,
      password: 'parity',
      onModelEvent: (event) => ami.push(event),
    });
    esl.on('frame', () => eslFrames++);
    eslSide = new EngineUnderTest(
      new FreeswitchCallSource({
        // Generous timeouts: the AMI side renders in this same event loop, and a busy CI box
        // must not turn a slow resync reply into a dropped link.
        esl: {
          host: '127.0.0.1',
          port: esl.port,
          password: 'parity',
          commandTimeoutMs: 30_000,
          connectTimeoutMs: 30_000,
        },
        queues: scenario.queues.map((q) => eslQueueName(q.name)),
        now: () => esl.now,
      }),
    );
    eslSide.start();
    // The clock starts once the source has its first view: no call falls between the two.
    await waitUntil('the first resync', () => eslSide.resyncs.length === 1, 30_000);
    esl.begin();
    await esl.finished();
    const lastEnd = esl.truth.calls().reduce((m, c) => Math.max(m, c.endedAt), 0);
    snapshotAt = lastEnd + 1_000;
    await waitUntil(
      'the ESL engine to see the last call end',
      () => eslSide.lastEventAt >= lastEnd,
      20_000,
    );
    runMs = performance.now() - started;
    // Figures for the report (one line, no noise otherwise).
    process.stdout.write(
      `parity: ${esl.truth.calls().length} queue calls, ${ami.frames()} AMI frames, ${eslFrames} ESL events, ${Math.round(runMs)} ms\n`,
    );
  }, 120_000);

  afterAll(async () => {
    await eslSide?.stop();
    await esl?.stop();
  });

  const now = (): number => snapshotAt;
  const admitted = () => esl.truth.calls().filter((c) => c.outcome !== 'blocked');

  it('ran a lively stretch: every outcome, overflow and transfers, read without decode errors', () => {
    const calls = esl.truth.calls();
    expect(calls.length).toBeGreaterThan(500);
    expect(new Set(calls.map((c) => c.outcome))).toEqual(
      new Set(['answered', 'abandoned', 'exited', 'blocked']),
    );
    expect(calls.some((c) => c.reason === 'transfer')).toBe(true);
    expect(calls.some((c) => c.visit > 0 && c.outcome !== 'blocked')).toBe(true);
    expect(ami.decodeErrors()).toBe(0);
    expect(eslSide.links.filter((l) => l.up)).toHaveLength(1);
  });

  it('left out exactly the truth’s refusals on the AMI side; the ESL side has none to leave out', () => {
    const blocked = esl.truth.calls().filter((c) => c.outcome === 'blocked');
    expect(blocked.length).toBeGreaterThan(0);
    expect(amiSide.excluded).toHaveLength(blocked.length);
    expect(eslSide.excluded).toHaveLength(0);
    expect(engineCounts(eslSide.engine.snapshot(now()).periods.centre.today).blocked).toBe(0);
  });

  it('per queue (`12345@default` ↔ `12345`): AMI = ESL = truth', () => {
    const amiQueues = amiSide.engine.snapshot(now()).periods.queues;
    const eslQueues = eslSide.engine.snapshot(now()).periods.queues;
    const truth = groupTruth(admitted(), (c) => c.queue);
    expect(Object.keys(eslQueues).every((q) => q.endsWith('@default'))).toBe(true);
    expect(Object.keys(eslQueues).map(modelQueueName).sort()).toEqual(Object.keys(truth).sort());
    expect(Object.keys(amiQueues).sort()).toEqual(Object.keys(truth).sort());
    for (const [queue, calls] of Object.entries(truth)) {
      const expected = truthCounts(calls);
      expect({
        queue,
        ami: engineCounts(amiQueues[queue].today),
        esl: engineCounts(eslQueues[eslQueueName(queue)].today),
      }).toEqual({ queue, ami: expected, esl: expected });
    }
  });

  it('per line: AMI = ESL = truth', () => {
    const amiLines = amiSide.engine.snapshot(now()).periods.lines;
    const eslLines = eslSide.engine.snapshot(now()).periods.lines;
    const truth = groupTruth(admitted(), (c) => c.line);
    expect(Object.keys(eslLines).sort()).toEqual(Object.keys(truth).sort());
    expect(Object.keys(amiLines).sort()).toEqual(Object.keys(truth).sort());
    for (const [line, calls] of Object.entries(truth)) {
      const expected = truthCounts(calls);
      expect({
        line,
        ami: engineCounts(amiLines[line].today),
        esl: engineCounts(eslLines[line].today),
      }).toEqual({ line, ami: expected, esl: expected });
    }
  });

  it('for the centre (contacts): AMI = ESL = truth', () => {
    const expected = truthCounts(contactTruthUnits(admitted()));
    expect({
      ami: engineCounts(amiSide.engine.snapshot(now()).periods.centre.today),
      esl: engineCounts(eslSide.engine.snapshot(now()).periods.centre.today),
    }).toEqual({ ami: expected, esl: expected });
    expect(expected.answered).toBeGreaterThan(0);
    expect(expected.abandoned).toBeGreaterThan(0);
    expect(Object.keys(expected.exitedByReason).length).toBeGreaterThanOrEqual(2);
  });

  it('leaves nothing in flight and no anomaly on either side', () => {
    for (const side of [amiSide, eslSide]) {
      const snapshot = side.engine.snapshot(now());
      expect(snapshot.live.waiting).toEqual([]);
      expect(snapshot.live.talking).toEqual([]);
    }
    expect(amiSide.engine.anomalies()).toEqual([]);
    expect(eslSide.engine.anomalies()).toEqual([]);
  });
});
