/**
 * The ESL link lost twice for long stretches of traffic (the simulated FreeSWITCH restarts and
 * keeps its port closed while the calls go on), with FreeSWITCH's CDR configured: after each
 * reconnect FreeswitchCallSource reads the member visits that ended meanwhile from the CDR
 * (CdrGapBackfill) and hands them over once, so at the end every queue call has exactly the
 * simulator's truth — outcome, wait, talk, queue, line, agent — and the figures of every queue
 * and of the centre equal those of an engine fed the whole CDR. The scenario moves no caller
 * to a second queue: mod_callcenter keeps only a caller's last visit in the CDR
 * (FREESWITCH_CDR_KNOWN_GAPS), so a moved caller's earlier visit that ended unseen stays
 * unknown — that is the CDR writer's spec.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent } from '@hotline/call-events';
import { FreeswitchCallSource, FreeswitchCdrLedger } from '@hotline/freeswitch';
import { KpiEngine, type PeriodFigures } from '@hotline/kpi';
import {
  EslSimulatorServer,
  eslAgentName,
  eslQueueName,
  loadScenario,
  SIMULATED_CDR_CSV_TEMPLATE,
  type ScenarioConfig,
  type TruthCall,
} from '@hotline/simulator';
import { EngineUnderTest, waitUntil } from './parity-harness';

const START_AT = Date.parse('2021-01-04T09:00:00+08:00');
const base = loadScenario('small-demo');
/** small-demo without transfers and overflow: every caller visits one queue (refusals aside). */
const scenario: ScenarioConfig = {
  ...base,
  skills: { en: 0.5, full: 0.15 },
  transferProbability: 0,
  queues: base.queues.map((q) => ({ ...q, overflowProbability: 0 })),
};
const EXIT: Record<string, string> = {
  TIMEOUT: 'timeout',
  LEAVEEMPTY: 'leave-empty',
  KEY: 'exit-key',
};

describe('FreeswitchCallSource with the CDR: calls that ended while the ESL link was down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esl-gap-'));
  const cdrPath = join(dir, 'Master.csv');
  const cdr = { path: cdrPath, format: 'csv' as const, csvTemplate: SIMULATED_CDR_CSV_TEMPLATE };
  let esl: EslSimulatorServer;
  let side: EngineUnderTest;
  const gaps: { from: number; to: number }[] = [];

  beforeAll(async () => {
    esl = await EslSimulatorServer.start({
      scenario,
      seed: 31,
      speed: 1_000,
      startAt: START_AT,
      durationMs: 2 * 3_600_000,
      hold: true,
      password: 'gap',
      cdrCsvPath: cdrPath,
    });
    side = new EngineUnderTest(
      new FreeswitchCallSource({
        esl: {
          host: '127.0.0.1',
          port: esl.port,
          password: 'gap',
          reconnect: { initialDelayMs: 40, maxDelayMs: 200, jitter: 0 },
          commandTimeoutMs: 30_000,
        },
        queues: scenario.queues.map((q) => eslQueueName(q.name)),
        now: () => esl.now,
        cdr,
        // Real ms at 1,000 simulated seconds per second.
        cdrBackfill: { settleMs: 200, followUpMs: 100 },
      }),
    );
    side.start();
    await waitUntil('the first resync', () => side.resyncs.length === 1, 30_000);
    esl.begin();
    for (const [at, closedMs] of [
      [25, 900],
      [65, 1_500],
    ] as const) {
      const resyncs = side.resyncs.length;
      await waitUntil(`${at} minutes in`, () => esl.now > START_AT + at * 60_000, 30_000);
      const from = esl.now;
      await esl.restart(closedMs);
      await waitUntil('the resync after the gap', () => side.resyncs.length > resyncs, 15_000);
      gaps.push({ from, to: side.resyncs[side.resyncs.length - 1].at });
    }
    await esl.finished();
    const lastEnd = esl.truth.calls().reduce((m, c) => Math.max(m, c.endedAt), 0);
    await waitUntil('the last call end', () => side.lastEventAt >= lastEnd, 20_000);
    // The last follow-up read of the CDR after the second gap.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }, 120_000);

  afterAll(async () => {
    const calls = esl ? admitted() : [];
    process.stdout.write(
      `esl gap backfill: ${calls.length} queue calls, ${calls.filter(endedIn).length} ended in the gaps (${gaps.map((g) => Math.round((g.to - g.from) / 1000)).join(' s, ')} s of PBX time)\n`,
    );
    await side?.stop();
    await esl?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const admitted = (): TruthCall[] => esl.truth.calls().filter((c) => c.outcome !== 'blocked');
  const callId = (c: TruthCall): string => esl.identities.memberUuid(c.uniqueid, c.visit);
  const endedIn = (c: TruthCall): boolean =>
    gaps.some((g) => g.from <= c.endedAt && c.endedAt < g.to);

  it('lost the link twice, with calls ending unseen by the link in both gaps', () => {
    expect(side.resyncs).toHaveLength(3);
    for (const gap of gaps) {
      const ended = admitted().filter((c) => gap.from <= c.endedAt && c.endedAt < gap.to);
      expect(ended.length).toBeGreaterThan(10);
    }
  });

  it('gives every queue call exactly the truth: outcome, wait, talk, queue, line, agent', () => {
    const calls = admitted();
    expect(calls.filter(endedIn).length).toBeGreaterThan(40);
    const got = calls.map((c) => {
      const r = side.records.get(callId(c));
      return {
        id: callId(c),
        queue: r?.queue,
        line: r?.line,
        outcome: r?.outcome,
        wait: r?.waitSeconds,
        talk: r?.talkSeconds ?? undefined,
        agent: r?.agent ?? undefined,
        exit: r?.outcome === 'exited' ? r.reason : undefined,
        estimated: r?.estimated,
      };
    });
    const want = calls.map((c) => ({
      id: callId(c),
      queue: eslQueueName(c.queue),
      line: c.line,
      outcome: c.outcome,
      wait: c.waitSeconds,
      talk: c.talkSeconds,
      agent: c.agent !== undefined ? eslAgentName(c.agent) : undefined,
      exit: c.outcome === 'exited' ? EXIT[c.reason] : undefined,
      estimated: false,
    }));
    expect(got).toEqual(want);
    expect(side.records.size).toBe(calls.length);
  });

  it('counts each part of a call once: an end seen live and in the CDR is given once', () => {
    for (const [id, events] of side.eventsByCall) {
      const parts = events
        .map((e) => e.type)
        .filter((t) => t !== 'agent-ringing' && t !== 'agent-ring-no-answer');
      expect({ id, parts: parts.filter((t, i) => parts.indexOf(t) !== i) }).toEqual({
        id,
        parts: [],
      });
    }
  });

  it("has every queue's and the centre's figures equal to an engine fed the whole CDR", async () => {
    const reference = new KpiEngine();
    const ledger = new FreeswitchCdrLedger(cdr);
    const events: CallEvent[] = [];
    for await (const visit of ledger.memberVisits(0)) events.push(...visit.events);
    events.sort((a, b) => a.at - b.at);
    for (const event of events) reference.apply(event);
    const at = esl.now;
    const counts = (f: PeriodFigures | undefined) => ({
      offered: f?.offered,
      answered: f?.answered,
      answeredWithin10s: f?.answeredWithin10s,
      overFiveMinutes: f?.overFiveMinutes,
      abandoned: f?.abandoned,
      shortAbandons: f?.shortAbandons,
      exited: f?.exited,
      unknown: f?.unknown,
      inProgress: f?.inProgress,
      longestWaitSeconds: f?.longestWaitSeconds,
    });
    const live = side.engine.snapshot(at).periods;
    const whole = reference.snapshot(at).periods;
    expect(counts(live.centre.today)).toEqual(counts(whole.centre.today));
    expect(live.centre.today.offered).toBe(new Set(admitted().map((c) => c.linkedid)).size);
    expect(live.centre.today.unknown).toBe(0);
    for (const q of scenario.queues) {
      const queue = eslQueueName(q.name);
      expect({ queue, ...counts(live.queues[queue]?.today) }).toEqual({
        queue,
        ...counts(whole.queues[queue]?.today),
      });
    }
  });
});
