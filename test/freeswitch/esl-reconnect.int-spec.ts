/**
 * Link loss against the simulated FreeSWITCH: the ESL simulator drops every connection in the
 * middle of the traffic and keeps its port closed for a moment (a FreeSWITCH restart seen from the
 * monitor, while the calls go on). FreeswitchCallSource reconnects, resyncs from the
 * `callcenter_config` lists, and at the end of the run every call whose events were not lost has
 * exactly the truth's outcome, wait and talk; the callers the lists showed waiting are followed to
 * their truth outcome too. A refused password is fatal: no retry.
 */
import type { CallEvent, CallSource } from '@hotline/call-events';
import { FreeswitchCallSource } from '@hotline/freeswitch';
import {
  EslSimulatorServer,
  eslQueueName,
  loadScenario,
  type ScenarioConfig,
  type TruthCall,
} from '@hotline/simulator';
import { EngineUnderTest, waitUntil } from './parity-harness';

const START_AT = Date.parse('2021-01-04T09:00:00+08:00');
const scenario: ScenarioConfig = { ...loadScenario('small-demo'), skills: { en: 0.5, full: 0.15 } };

/** The call events a queue call with this truth outcome must have delivered to be complete. */
function expectedTypes(call: TruthCall): CallEvent['type'][] {
  switch (call.outcome) {
    case 'answered':
      return ['caller-joined-queue', 'agent-answered', 'call-ended'];
    case 'abandoned':
      return ['caller-joined-queue', 'caller-abandoned'];
    case 'exited':
      return ['caller-joined-queue', 'caller-exited'];
    case 'blocked':
      return [];
  }
}

const EXIT: Record<string, string> = {
  TIMEOUT: 'timeout',
  LEAVEEMPTY: 'leave-empty',
  KEY: 'exit-key',
};

describe('FreeswitchCallSource against the ESL simulator: drop, reconnect, resync', () => {
  let esl: EslSimulatorServer;
  let side: EngineUnderTest;
  let droppedAtSim = 0;
  let runMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    esl = await EslSimulatorServer.start({
      scenario,
      seed: 77,
      speed: 1_000,
      startAt: START_AT,
      durationMs: 2 * 3_600_000,
      hold: true,
      password: 'reconnect',
    });
    side = new EngineUnderTest(
      new FreeswitchCallSource({
        esl: {
          host: '127.0.0.1',
          port: esl.port,
          password: 'reconnect',
          reconnect: { initialDelayMs: 40, maxDelayMs: 200, jitter: 0 },
          commandTimeoutMs: 30_000,
        },
        queues: scenario.queues.map((q) => eslQueueName(q.name)),
        now: () => esl.now,
      }),
    );
    side.start();
    await waitUntil('the first resync', () => side.resyncs.length === 1, 30_000);
    esl.begin();
    // Wait for a busy moment: callers waiting and talking in the simulated FreeSWITCH.
    await waitUntil(
      'a busy moment half an hour in',
      () => esl.now > START_AT + 30 * 60_000 && side.resyncs.length === 1,
      30_000,
    );
    droppedAtSim = esl.now;
    await esl.restart(250);
    await waitUntil('the second resync', () => side.resyncs.length >= 2, 15_000);
    await esl.finished();
    const lastEnd = esl.truth.calls().reduce((m, c) => Math.max(m, c.endedAt), 0);
    await waitUntil('the last call end', () => side.lastEventAt >= lastEnd, 20_000);
    runMs = performance.now() - started;
    process.stdout.write(
      `reconnect: ${esl.truth.calls().length} queue calls, ${Math.round(runMs)} ms\n`,
    );
  }, 90_000);

  afterAll(async () => {
    const calls = admitted();
    const view = side?.resyncs[1];
    process.stdout.write(
      `reconnect: ${calls.filter(complete).length} calls whole, ${calls.filter((c) => !complete(c)).length} with events lost; view after reconnect: ${view?.waiting.length} waiting, ${view?.talking.length} talking\n`,
    );
    await side?.stop();
    await esl?.stop();
  });

  const admitted = (): TruthCall[] => esl.truth.calls().filter((c) => c.outcome !== 'blocked');
  const callId = (c: TruthCall): string => esl.identities.memberUuid(c.uniqueid, c.visit);
  const complete = (c: TruthCall): boolean => {
    const seen = new Set((side.eventsByCall.get(callId(c)) ?? []).map((e) => e.type));
    return expectedTypes(c).every((t) => seen.has(t));
  };

  it("reports the reconnects and the events it received in the source's stats (what /metrics shows)", () => {
    const stats = (side.source as CallSource).stats();
    // The restart closed the port for 250 ms: at least the one reconnect, maybe refused retries.
    expect(stats.reconnects).toBeGreaterThanOrEqual(1);
    expect(stats.protocolErrors).toBe(0);
    expect(stats.eventsByType.get('callcenter::info')).toBeGreaterThan(0);
  });

  it('lost the link once, reconnected and resynced from the callcenter_config lists', () => {
    // Each connect the closed port refused is reported down again; compress those repeats.
    const changes = side.links
      .map((l) => l.up)
      .filter((up, i, all) => i === 0 || all[i - 1] !== up);
    expect(changes).toEqual([true, false, true]);
    expect(side.resyncs).toHaveLength(2);
    const view = side.resyncs[1];
    expect(view.at).toBeGreaterThan(droppedAtSim);
    expect(view.waiting.length + view.talking.length).toBeGreaterThan(0);
    expect(view.agents.length).toBe(12);
    // The lists are the simulated FreeSWITCH's state at that instant: waiting members had joined
    // and not yet left or been answered; Answered members were talking.
    const truthById = new Map(admitted().map((c) => [callId(c), c]));
    for (const w of view.waiting) {
      const truth = truthById.get(w.callId);
      expect(
        truth && truth.joinedAt <= view.at && view.at <= (truth.answeredAt ?? truth.endedAt),
      ).toBe(true);
    }
    for (const talking of view.talking) {
      const truth = truthById.get(talking.callId);
      expect(truth?.outcome).toBe('answered');
      expect(truth && (truth.answeredAt ?? Infinity) <= view.at && view.at <= truth.endedAt).toBe(
        true,
      );
      // mod_callcenter's own join and bridge epochs: the CDR's, exact to the second.
      expect({
        joined: talking.joinedAt,
        answered: talking.answeredAt,
        wait: talking.waitSeconds,
        times: talking.times,
      }).toEqual({
        joined: Math.floor((truth?.joinedAt ?? 0) / 1000) * 1000,
        answered: Math.floor((truth?.answeredAt ?? 0) / 1000) * 1000,
        wait: truth?.waitSeconds,
        times: 'ledger',
      });
    }
    expect(view.agents.every((a) => a.queues.every((q) => q.endsWith('@default')))).toBe(true);
  });

  it('lost some calls’ events in the gap, and kept most calls whole', () => {
    const calls = admitted();
    const whole = calls.filter(complete);
    expect(calls.length - whole.length).toBeGreaterThan(0);
    expect(whole.length / calls.length).toBeGreaterThan(0.8);
  });

  it('gives every call whose events were not lost exactly the truth’s outcome, wait, talk, queue and line', () => {
    const whole = admitted().filter(complete);
    const got = whole.map((c) => {
      const r = side.records.get(callId(c));
      return {
        id: callId(c),
        queue: r?.queue,
        line: r?.line,
        outcome: r?.outcome,
        reason: r?.reason,
        wait: r?.waitSeconds,
        talk: r?.talkSeconds ?? undefined,
        estimated: r?.estimated,
      };
    });
    const want = whole.map((c) => ({
      id: callId(c),
      queue: eslQueueName(c.queue),
      line: c.line,
      outcome: c.outcome,
      reason: c.outcome === 'exited' ? EXIT[c.reason] : c.outcome === 'answered' ? 'other' : null,
      wait: c.waitSeconds,
      talk: c.talkSeconds,
      estimated: false,
    }));
    expect(got).toEqual(want);
  });

  it('follows every caller the lists showed waiting to the truth outcome, counted once', () => {
    const view = side.resyncs[1];
    const truthById = new Map(admitted().map((c) => [callId(c), c]));
    const got = view.waiting.map((w) => {
      const record = side.records.get(w.callId);
      return { id: w.callId, queue: w.queue, outcome: record?.outcome, wait: record?.waitSeconds };
    });
    const want = view.waiting.map((w) => {
      const truth = truthById.get(w.callId);
      return {
        id: w.callId,
        queue: eslQueueName(truth?.queue ?? '?'),
        outcome: truth?.outcome,
        wait: truth?.waitSeconds,
      };
    });
    expect(got).toEqual(want);
    // Joins lost in the gap are recovered from the lists; their line (not in the members table)
    // from the member's next event that carries it.
    // (A join at the view's own whole-second join time is the mapper saying the line, not a
    // member-queue-start the link delivered.)
    const unseen = view.waiting.filter(
      (w) =>
        !(side.eventsByCall.get(w.callId) ?? []).some(
          (e) => e.type === 'caller-joined-queue' && e.at !== w.joinedAt,
        ),
    );
    for (const w of unseen)
      expect([w.callId, side.records.get(w.callId)?.line]).toEqual([
        w.callId,
        truthById.get(w.callId)?.line,
      ]);
  });
});

describe('FreeswitchCallSource against the ESL simulator: a wrong password', () => {
  it('is fatal: one attempt, the link reported down, the client failed, no retry', async () => {
    const esl = await EslSimulatorServer.start({
      scenario,
      seed: 1,
      speed: 100,
      startAt: START_AT,
      durationMs: 600_000,
      password: 'right',
    });
    let refusals = 0;
    esl.on('auth-failed', () => refusals++);
    const source = new FreeswitchCallSource({
      esl: {
        host: '127.0.0.1',
        port: esl.port,
        password: 'wrong',
        reconnect: { initialDelayMs: 10, jitter: 0 },
      },
      queues: ['12345@default'],
    });
    const side = new EngineUnderTest(source);
    try {
      side.start();
      await waitUntil('the refusal', () => side.links.length > 0, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(refusals).toBe(1);
      expect(side.links).toEqual([
        {
          up: false,
          reason: expect.stringContaining('refused the Event Socket password'),
        },
      ]);
      expect(source.eslClient.state).toBe('failed');
      expect(side.resyncs).toEqual([]);
    } finally {
      await side.stop();
      await esl.stop();
    }
  });
});

describe('FreeswitchCallSource against the ESL simulator: connections refused for a while', () => {
  it('keeps retrying until the port is open again, then subscribes and resyncs', async () => {
    const esl = await EslSimulatorServer.start({
      scenario,
      seed: 2,
      speed: 100,
      startAt: START_AT,
      durationMs: 600_000,
      password: 'later',
    });
    const refused = esl.refuseFor(300);
    const source = new FreeswitchCallSource({
      esl: {
        host: '127.0.0.1',
        port: esl.port,
        password: 'later',
        reconnect: { initialDelayMs: 30, maxDelayMs: 60, jitter: 0 },
      },
      queues: scenario.queues.map((q) => eslQueueName(q.name)),
      now: () => esl.now,
    });
    const side = new EngineUnderTest(source);
    try {
      side.start();
      await refused;
      await waitUntil('the first resync', () => side.resyncs.length === 1, 10_000);
      expect(side.links.filter((l) => !l.up).length).toBeGreaterThan(0);
      expect(side.links.at(-1)?.up).toBe(true);
      expect(source.ready).toBe(true);
      expect(side.resyncs[0].agents).toHaveLength(12);
    } finally {
      await side.stop();
      await esl.stop();
    }
  });
});
