import type { KpiSnapshot, QueueCallRecord } from '@hotline/kpi';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOfMonth } from '@hotline/calendar';
import { PbxSimulator } from '@hotline/simulator';
import { storedCalls } from '../attach/attach-harness';
import { monitorCounts, truthCounts } from '../support/kpi-comparison';
import { startMonitor, waitFor, type RunningMonitor } from '../support/monitor-harness';
import { truthCallIds } from '../support/truth-call-ids';

/**
 * The monitor started while the (simulated) centre is busy: the simulator answers QueueStatus and
 * CoreShowChannels with the callers waiting and talking then (bridged legs, channel ages), and
 * writes queue_log as Asterisk does.
 *
 * - queue_log with the history import (the default, `month` on the PBX's clock): the import gives
 *   the past up to the first view, the view and queue_log the calls in flight, the link the rest:
 *   every stored call and the day's figures equal the simulator's truth for the whole run.
 * - queue_log without the import (`importFrom: none`): the calls already talking at the attach
 *   come from the view with queue_log's exact times; nothing that ended before is counted.
 * - no queue_log: the same, their waits marked as estimates until the PBX says them.
 */

/** 2026-01-07 09:00 in Asia/Shanghai: a weekday morning. */
const START = Date.UTC(2026, 0, 7, 1, 0, 0);
const SPEED = 300;
const ATTACH_AFTER = 40 * 60_000;
const SECRET = 'attach-secret-0123456789';
const TIME_ZONE = 'Asia/Shanghai';

interface Variant {
  readonly name: string;
  readonly queueLog: boolean;
  readonly importFrom?: string;
}

const VARIANTS: readonly Variant[] = [
  { name: 'queue_log, history imported', queueLog: true },
  { name: 'queue_log, importFrom none', queueLog: true, importFrom: 'none' },
  { name: 'no queue_log', queueLog: false },
];

interface AttachRun {
  simulator: PbxSimulator;
  monitor: RunningMonitor;
  records: Map<string, QueueCallRecord>;
  /** PBX time of the first view. */
  attachedAt: number;
  /** The live figures right after the first resync. */
  atAttach: KpiSnapshot;
  close(): Promise<void>;
}

async function attachMidTraffic(variant: Variant): Promise<AttachRun> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-attach-sim-'));
  const queueLogPath = join(dir, 'queue_log');
  const simulator = await PbxSimulator.start({
    scenario: 'month-2021-01',
    seed: 20260107,
    speed: SPEED,
    startAt: START,
    durationMs: 2 * 3_600_000,
    queueLogPath,
    ami: { host: '127.0.0.1', port: 0, username: 'monitor', secret: SECRET, timestampEvents: true },
  });
  await waitFor('the centre to be busy', () => simulator.now >= START + ATTACH_AFTER, 60_000);
  const monitor = await startMonitor({
    pbx: {
      type: 'asterisk',
      asterisk: {
        host: '127.0.0.1',
        port: simulator.port,
        username: 'monitor',
        secret: SECRET,
        ...(variant.queueLog ? { queueLogPath } : {}),
      },
    },
    ...(variant.importFrom ? { history: { importFrom: variant.importFrom } } : {}),
  });
  const records = new Map<string, QueueCallRecord>();
  monitor.live.onCallFinished((record) => records.set(record.callId, record));
  await waitFor('the first resync', () => monitor.live.link.ready, 20_000);
  const atAttach = monitor.live.snapshot();
  const attachedAt = monitor.live.firstViewAt ?? 0;
  await simulator.finished();
  const lastEnd = Math.max(...simulator.truth.calls().map((c) => c.endedAt));
  await waitFor(
    'the monitor to see the last call end',
    () => (monitor.live.link.lastEventAt ?? 0) >= lastEnd,
    20_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  monitor.live.tick();
  return {
    simulator,
    monitor,
    records,
    attachedAt,
    atAttach,
    close: async () => {
      await monitor.close();
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each(VARIANTS)('monitor attached to a busy centre ($name)', (variant) => {
  const imported = variant.queueLog && variant.importFrom !== 'none';
  let run: AttachRun;

  beforeAll(async () => {
    run = await attachMidTraffic(variant);
  }, 120_000);

  afterAll(() => run?.close());

  const truth = () => {
    const calls = run.simulator.truth.calls();
    const ids = truthCallIds(calls);
    return calls.map((c) => ({
      id: ids.get(c) ?? '',
      call: c,
      talkingAtAttach: (c.answeredAt ?? Infinity) < run.attachedAt,
      waitingAtAttach: c.joinedAt < run.attachedAt && (c.answeredAt ?? Infinity) >= run.attachedAt,
    }));
  };
  /** The calls the monitor can know live: in flight at the attach or later (blocked aside). */
  const inScope = () =>
    truth().filter((c) => c.call.endedAt >= run.attachedAt && c.call.outcome !== 'blocked');

  it('attached with calls in flight, and says from when its figures count', () => {
    const calls = inScope();
    const talking = calls.filter((c) => c.talkingAtAttach).length;
    const waiting = calls.filter((c) => c.waitingAtAttach).length;
    process.stdout.write(
      `attach mid-traffic (${variant.name}): ${talking} talking, ${waiting} waiting\n`,
    );
    expect(talking).toBeGreaterThan(3);
    // The import ran on the PBX's clock (January 2026 here), not the wall clock's month.
    expect(run.monitor.live.snapshot().coverage).toEqual(
      imported
        ? { from: startOfMonth(run.attachedAt, TIME_ZONE), complete: true }
        : { from: run.attachedAt, complete: false },
    );
  });

  it('counts every call in flight at the attach and every later one as the truth has it', () => {
    const calls = inScope();
    // With the import, a call in flight at the view whose end queue_log had by the time it was
    // read (the centre runs on while the ledger is read) is the import's: checked stored below.
    const live = imported ? calls.filter(({ id }) => run.records.has(id)) : calls;
    if (imported) expect(live.length).toBeGreaterThan(calls.length / 2);
    const got = live.map(({ id }) => {
      const r = run.records.get(id);
      return {
        id,
        outcome: r?.outcome,
        wait: r?.waitSeconds,
        talk: r?.talkSeconds,
        agent: r?.agent,
        line: r?.line,
        joinedBeforeMonitoring: r?.joinedBeforeMonitoring,
      };
    });
    const want = live.map(({ id, call, talkingAtAttach, waitingAtAttach }) => ({
      id,
      outcome: call.outcome,
      wait: call.waitSeconds,
      talk: call.outcome === 'answered' ? call.talkSeconds : null,
      agent: call.outcome === 'answered' ? call.agent : null,
      line: call.line,
      joinedBeforeMonitoring: talkingAtAttach || waitingAtAttach,
    }));
    const missing = live
      .filter(({ id }) => !run.records.has(id))
      .map(({ id, call }) => ({
        id,
        joined: call.joinedAt,
        answered: call.answeredAt,
        ended: call.endedAt,
      }));
    process.stdout.write(
      `DEBUG anomalies ${JSON.stringify(run.monitor.live.anomalies())} attachedAt ${run.attachedAt} atAttach.at ${run.atAttach.at}\nmissing ${JSON.stringify(missing)}\natAttach talking ${JSON.stringify(run.atAttach.live.talking.map((t) => [t.callId, t.answeredAt, t.agent]))}\nnow talking ${JSON.stringify(run.monitor.live.snapshot().live.talking.map((t) => t.callId))} stats ${JSON.stringify(run.monitor.live.engineStats())} counters ${JSON.stringify(run.monitor.live.counters)}\n`,
    );
    expect(got).toEqual(want);
    // Nothing that ended before the attach, nothing twice, nothing unknown.
    const blocked = run.simulator.truth
      .calls()
      .filter((c) => c.outcome === 'blocked' && c.endedAt >= run.attachedAt).length;
    if (!imported) expect(run.records.size).toBe(calls.length + blocked);
    const inScopeIds = new Set(
      truth()
        .filter((c) => c.call.endedAt >= run.attachedAt)
        .map((c) => c.id),
    );
    expect([...run.records.keys()].filter((id) => !inScopeIds.has(id))).toEqual([]);
    expect([...run.records.values()].filter((r) => r.outcome === 'unknown')).toEqual([]);
  });

  it('shows the calls talking at the attach live, their waits marked as estimates until the PBX says them', () => {
    const live = new Map(run.atAttach.live.talking.map((t) => [t.callId, t]));
    // (Still talking when that snapshot was taken: the simulated centre runs on meanwhile; with
    // the import, not those whose end the import already read.)
    const talking = inScope().filter(
      (c) =>
        c.talkingAtAttach &&
        c.call.endedAt > run.atAttach.at &&
        (!imported || run.records.has(c.id)),
    );
    expect(talking.length).toBeGreaterThan(0);
    let estimated = 0;
    for (const { id, call } of talking) {
      const t = live.get(id);
      expect([id, t?.joinedBeforeMonitoring, t?.line]).toEqual([id, true, call.line]);
      // The member is named by its leg in the caller's bridge (or queue_log), never wrongly.
      expect([id, t?.agent === null || t?.agent === call.agent]).toEqual([id, true]);
      // With queue_log the wait is the ledger's; without it an estimate, marked so — unless
      // its AgentConnect, still in flight when the lists were read, already replaced it.
      if (variant.queueLog) expect([id, t?.estimated]).toEqual([id, false]);
      if (!t?.estimated) expect([id, t?.waitSeconds]).toEqual([id, call.waitSeconds]);
      else estimated++;
    }
    if (!variant.queueLog) expect(estimated).toBeGreaterThan(0);
    // In the end every wait is the PBX's own.
    expect([...run.records.values()].filter((r) => r.estimated)).toEqual([]);
  });

  if (imported)
    it('stores every call of the whole run as the truth has it, once: the past imported, the rest live', async () => {
      const all = truth();
      const stored = await storedCalls(run, all.length);
      const got = all.map(({ id }) => {
        const s = stored.get(id);
        return {
          id,
          outcome: s?.outcome,
          wait: s?.waitSeconds,
          talk: s?.talkSeconds,
          agent: s?.agent,
          line: s?.line,
          estimated: s?.estimated,
        };
      });
      const want = all.map(({ id, call }) => ({
        id,
        outcome: call.outcome,
        wait: call.outcome === 'blocked' ? 0 : call.waitSeconds,
        talk: call.outcome === 'answered' ? call.talkSeconds : null,
        agent: call.outcome === 'answered' ? call.agent : null,
        line: call.line,
        estimated: false,
      }));
      expect(got).toEqual(want);
      expect(stored.size).toBe(all.length);
      // Only calls the monitor learned of from its view are marked; the imported ones are not.
      for (const { id, call } of all)
        if (call.endedAt < run.attachedAt || call.joinedAt >= run.attachedAt)
          expect([id, stored.get(id)?.joinedBeforeMonitoring]).toEqual([id, false]);
      const before = all.filter((c) => c.call.endedAt < run.attachedAt).length;
      process.stdout.write(
        `attach mid-traffic with the import: ${stored.size} calls stored = the truth's ${all.length} (${before} ended before the attach, imported; ${run.records.size} finished live)\n`,
      );
    });

  if (imported)
    it('shows the day as the truth: centre, every queue and line (survey ratings aside: not in queue_log)', () => {
      const kpi = run.monitor.live.snapshot();
      const summary = run.simulator.truth.summary();
      const counts = (c: ReturnType<typeof monitorCounts> | ReturnType<typeof truthCounts>) => {
        const { ratings: _r, satisfied: _s, ...rest } = c;
        return rest;
      };
      expect(counts(monitorCounts(kpi.periods.centre.today))).toEqual(
        counts(truthCounts(summary.centre)),
      );
      for (const [queue, figures] of Object.entries(summary.queues))
        expect({ queue, ...counts(monitorCounts(kpi.periods.queues[queue].today)) }).toEqual({
          queue,
          ...counts(truthCounts(figures)),
        });
      for (const [line, figures] of Object.entries(summary.lines))
        expect({ line, ...counts(monitorCounts(kpi.periods.lines[line].today)) }).toEqual({
          line,
          ...counts(truthCounts(figures)),
        });
    });
});
