import type { KpiSnapshot, QueueCallRecord } from '@hotline/kpi';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PbxSimulator, type TruthCall } from '../../apps/simulator/src';
import { startMonitor, waitFor, type RunningMonitor } from '../support/monitor-harness';

/**
 * The monitor started while the (simulated) centre is busy: the simulator answers QueueStatus and
 * CoreShowChannels with the callers waiting and talking then (bridged legs, channel ages), and
 * writes queue_log as Asterisk does. Every call in flight at the attach and every later one must
 * come out as the simulator's truth has it — the waits of calls already talking exactly only
 * with queue_log — and nothing that ended before the attach is counted.
 */

/** 2026-01-07 09:00 in Asia/Shanghai: a weekday morning. */
const START = Date.UTC(2026, 0, 7, 1, 0, 0);
const SPEED = 300;
const ATTACH_AFTER = 40 * 60_000;
const SECRET = 'attach-secret-0123456789';

interface AttachRun {
  simulator: PbxSimulator;
  monitor: RunningMonitor;
  records: Map<string, QueueCallRecord>;
  attachedAt: number;
  /** The live figures right after the first resync. */
  atAttach: KpiSnapshot;
  close(): Promise<void>;
}

/** Call ids as the mapper and queue_log number them: `<uniqueid>@<queue>`, then `#2`… */
function truthCallIds(calls: readonly TruthCall[]): Map<TruthCall, string> {
  const ids = new Map<TruthCall, string>();
  const seen = new Map<string, number>();
  for (const call of [...calls].sort((a, b) => a.joinedAt - b.joinedAt || a.visit - b.visit)) {
    const key = `${call.uniqueid}@${call.queue}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    ids.set(call, n === 1 ? key : `${key}#${n}`);
  }
  return ids;
}

async function attachMidTraffic(withQueueLog: boolean): Promise<AttachRun> {
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
        ...(withQueueLog ? { queueLogPath } : {}),
      },
    },
  });
  const records = new Map<string, QueueCallRecord>();
  monitor.live.onCallFinished((record) => records.set(record.callId, record));
  await waitFor('the first resync', () => monitor.live.link.ready, 20_000);
  const atAttach = monitor.live.snapshot();
  const attachedAt = atAttach.coverage.from ?? 0;
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

describe.each([true, false])(
  'monitor attached to a busy centre (queue_log: %s)',
  (withQueueLog) => {
    let run: AttachRun;

    beforeAll(async () => {
      run = await attachMidTraffic(withQueueLog);
    }, 120_000);

    afterAll(() => run?.close());

    const inScope = () => {
      const calls = run.simulator.truth.calls();
      const ids = truthCallIds(calls);
      return calls
        .filter((c) => c.endedAt >= run.attachedAt && c.outcome !== 'blocked')
        .map((c) => ({
          id: ids.get(c) ?? '',
          call: c,
          talkingAtAttach: (c.answeredAt ?? Infinity) < run.attachedAt,
          waitingAtAttach:
            c.joinedAt < run.attachedAt && (c.answeredAt ?? Infinity) >= run.attachedAt,
        }));
    };

    it('attached with calls in flight', () => {
      const calls = inScope();
      const talking = calls.filter((c) => c.talkingAtAttach).length;
      const waiting = calls.filter((c) => c.waitingAtAttach).length;
      process.stdout.write(`attach mid-traffic: ${talking} talking, ${waiting} waiting\n`);
      expect(talking).toBeGreaterThan(3);
      expect(run.monitor.live.snapshot().coverage).toMatchObject({ from: run.attachedAt });
    });

    it('counts every call in flight at the attach and every later one as the truth has it', () => {
      const calls = inScope();
      const got = calls.map(({ id }) => {
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
      const want = calls.map(({ id, call, talkingAtAttach, waitingAtAttach }) => ({
        id,
        outcome: call.outcome,
        wait: call.waitSeconds,
        talk: call.outcome === 'answered' ? call.talkSeconds : null,
        agent: call.outcome === 'answered' ? call.agent : null,
        line: call.line,
        joinedBeforeMonitoring: talkingAtAttach || waitingAtAttach,
      }));
      expect(got).toEqual(want);
      // Nothing that ended before the attach, nothing twice, nothing unknown.
      const blocked = run.simulator.truth
        .calls()
        .filter((c) => c.outcome === 'blocked' && c.endedAt >= run.attachedAt).length;
      expect(run.records.size).toBe(calls.length + blocked);
      expect([...run.records.values()].filter((r) => r.outcome === 'unknown')).toEqual([]);
    });

    it('shows the calls talking at the attach live, their waits marked as estimates until the PBX says them', () => {
      const live = new Map(run.atAttach.live.talking.map((t) => [t.callId, t]));
      // (Still talking when that snapshot was taken: the simulated centre runs on meanwhile.)
      const talking = inScope().filter(
        (c) => c.talkingAtAttach && c.call.endedAt > run.atAttach.at,
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
        if (withQueueLog) expect([id, t?.estimated]).toEqual([id, false]);
        if (!t?.estimated) expect([id, t?.waitSeconds]).toEqual([id, call.waitSeconds]);
        else estimated++;
      }
      if (!withQueueLog) expect(estimated).toBeGreaterThan(0);
      // In the end every wait is the PBX's own.
      expect([...run.records.values()].filter((r) => r.estimated)).toEqual([]);
    });
  },
);
