/**
 * Acceptance (issue 11): the monitor attached to a real FreeSWITCH 1.10 (mod_callcenter) in the
 * middle of its traffic. The fs-run1 capture is cut at an instant; a fake Event Socket answers
 * `callcenter_config queue list members` / `agent list` / `tier list` with mod_callcenter's
 * tables at that instant (rebuilt from the capture's events and callcenter.conf.xml,
 * test/tooling/freeswitch-state-at.ts), then streams every event FreeSWITCH sent after it. Every
 * call waiting or talking at the cut and every later call must come out as the CDR has it:
 * outcome, wait, agent, line (the talk as the events date it) — the talking ones exactly, from
 * the members' own join and bridge epochs; the waiting ones with their line, which the members
 * table lacks, from their next event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EslDecoder, FreeswitchEventMapper, type EslEvent } from '@hotline/freeswitch';
import { FakeEslServer } from '@hotline/freeswitch/testing/fake-esl-server.factory';
import { buildFreeswitchCdrLedger, type LedgerCall } from '../tooling/freeswitch-cdr-ledger';
import { callcenterStateAt, parseCallcenterConfig } from '../tooling/freeswitch-state-at';
import {
  attachMonitor,
  comparableRecord,
  waitForRecords,
  type AttachedMonitor,
} from './attach-harness';

const FIXTURES = join(__dirname, '..', 'fixtures', 'freeswitch');
const QUEUE = '12345@default';
const PASSWORD = 'attach-ClueCon';

const events = decode(gunzipSync(readFileSync(join(FIXTURES, 'fs-run1.esl.raw.gz'))));
const config = parseCallcenterConfig(
  readFileSync(join(FIXTURES, 'pbx-config', 'autoload_configs', 'callcenter.conf.xml'), 'utf8'),
);
const callcenterTimes = events
  .filter((e) => e.subclass === 'callcenter::info')
  .map((e) => e.timestampMs ?? 0);
const ledger = buildFreeswitchCdrLedger(readFileSync(join(FIXTURES, 'fs-run1.cdr.csv'), 'utf8'), {
  joinedFrom: Math.floor(Math.min(...callcenterTimes) / 1000) - 2,
  joinedTo: Math.floor(Math.max(...callcenterTimes) / 1000) + 2,
});
const timeline = visitTimeline(events);

function decode(raw: Buffer): EslEvent[] {
  const decoder = new EslDecoder();
  const out: EslEvent[] = [];
  for (const message of decoder.push(raw)) if (message.event) out.push(message.event);
  return out;
}

/** Per member, as a monitor that saw the whole capture maps it: times and its talk. */
function visitTimeline(all: readonly EslEvent[]) {
  const mapper = new FreeswitchEventMapper();
  const byCall = new Map<
    string,
    { joined?: number; answered?: number; ended?: number; talk?: number }
  >();
  for (const e of all) {
    for (const event of mapper.map(e, 0)) {
      if (!('callId' in event) || event.type === 'survey-rated') continue;
      const entry = byCall.get(event.callId) ?? {};
      byCall.set(event.callId, entry);
      if (event.type === 'caller-joined-queue') entry.joined = event.at;
      else if (event.type === 'agent-answered') entry.answered = event.at;
      else if (event.type === 'call-ended')
        [entry.ended, entry.talk] = [event.at, event.talkSeconds];
      else if (event.type === 'caller-abandoned' || event.type === 'caller-exited')
        entry.ended = event.at;
    }
  }
  return byCall;
}

type Phase = 'waiting' | 'talking' | 'later' | 'over';

function phaseAt(call: LedgerCall, cut: number): Phase {
  const t = timeline.get(call.memberUuid);
  if (!t || t.joined === undefined) throw new Error(`no timeline for ${call.memberUuid}`);
  if (t.joined >= cut) return 'later';
  if (t.ended !== undefined && t.ended < cut) return 'over';
  return t.answered !== undefined && t.answered < cut ? 'talking' : 'waiting';
}

/** The calls a monitor attached at `cut` can know live ('from-cut'), or all ('whole-run'). */
function expectedCalls(cut: number, scope: 'from-cut' | 'whole-run'): LedgerCall[] {
  return ledger.calls.filter((c) => scope === 'whole-run' || phaseAt(c, cut) !== 'over');
}

interface Cut {
  readonly name: string;
  readonly at: number;
}

/** Instants of fs-run1 (first join 1795918857.1, last end 1795919280.1). */
const CUTS: readonly Cut[] = [
  // ~90 s in: the run's two talks over 5 minutes (321 and 330 s) are going on, 8 waiting.
  { name: 'calls talking', at: 1795918947_500 },
  // 13 callers waiting, 2 talking.
  { name: 'callers waiting', at: 1795919017_500 },
];

function frameOf(event: EslEvent): string {
  const lines = event.headers.map(([name, value]) => `${name}: ${encodeURIComponent(value)}`);
  const body = event.body;
  if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  const inner = `${lines.join('\n')}\n\n${body}`;
  return `Content-Length: ${Buffer.byteLength(inner)}\nContent-Type: text/event-plain\n\n${inner}`;
}

async function attach(cut: Cut): Promise<{ run: AttachedMonitor; close(): Promise<void> }> {
  const before = events.filter((e) => (e.timestampMs ?? 0) < cut.at);
  const after = events.filter((e) => (e.timestampMs ?? 0) >= cut.at);
  const state = callcenterStateAt(before, cut.at, config, [QUEUE]);
  const server = new FakeEslServer(PASSWORD);
  const port = await server.listen();
  server.onCommand = ({ socket }, command) => {
    const members = /^api callcenter_config queue list members (\S+)$/.exec(command);
    if (members)
      FakeEslServer.apiResponse(socket, state.members.get(members[1]) ?? '-ERR Invalid!\n');
    else if (command === 'api callcenter_config agent list')
      FakeEslServer.apiResponse(socket, state.agents);
    else if (command === 'api callcenter_config tier list')
      FakeEslServer.apiResponse(socket, state.tiers);
    else if (command === 'api status') FakeEslServer.apiResponse(socket, 'UP 0 years, 0 days\n');
    // FreeSWITCH's clock at the cut (mod_dptools strmicroepoch: switch_micro_time_now()).
    else if (command === 'api strmicroepoch')
      FakeEslServer.apiResponse(socket, String(Math.round(cut.at * 1000)));
    else FakeEslServer.apiResponse(socket, '-ERR unknown\n');
  };
  const run = await attachMonitor({
    type: 'freeswitch',
    freeswitch: {
      host: '127.0.0.1',
      port,
      password: PASSWORD,
      queues: [QUEUE],
      reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
    },
  });
  const socket = server.sessions[0]?.socket;
  if (!socket) throw new Error('the monitor did not connect');
  socket.write(after.map(frameOf).join(''));
  return {
    run,
    close: async () => {
      await run.close();
      await server.close();
    },
  };
}

describe.each(CUTS)('monitor attached to FreeSWITCH fs-run1 at a cut ($name)', (cut) => {
  const calls = expectedCalls(cut.at, 'from-cut');
  const phases = new Map(calls.map((c) => [c.memberUuid, phaseAt(c, cut.at)]));
  let attached: Awaited<ReturnType<typeof attach>>;

  beforeAll(async () => {
    attached = await attach(cut);
    await waitForRecords(
      attached.run,
      calls.map((c) => c.memberUuid),
    );
    attached.run.monitor.live.tick();
  }, 90_000);

  afterAll(() => attached?.close());

  it('has calls waiting and talking at the cut', () => {
    const count = (phase: Phase) => [...phases.values()].filter((p) => p === phase).length;
    expect(count('waiting')).toBeGreaterThan(0);
    expect(count('talking')).toBeGreaterThan(0);
  });

  it('gives every call waiting or talking at the cut, and every later call, the outcome, wait, agent, line and talk the PBX recorded', () => {
    const got = calls.map((c) => ({
      callId: c.memberUuid,
      ...comparableRecord(attached.run.records.get(c.memberUuid)),
    }));
    const want = calls.map((c) => ({
      callId: c.memberUuid,
      outcome: c.outcome,
      wait: c.waitSeconds,
      talk: c.outcome === 'answered' ? timeline.get(c.memberUuid)?.talk : null,
      agent: c.outcome === 'answered' ? c.agent : null,
      line: c.line ?? null,
    }));
    expect(got).toEqual(want);
    expect([...attached.run.records.keys()].sort()).toEqual(calls.map((c) => c.memberUuid).sort());
  });

  it('marks the calls it did not see join; none is an estimate (mod_callcenter’s own epochs)', () => {
    for (const c of calls) {
      const record = attached.run.records.get(c.memberUuid);
      const phase = phases.get(c.memberUuid);
      expect([c.memberUuid, record?.joinedBeforeMonitoring, record?.estimated]).toEqual([
        c.memberUuid,
        phase === 'waiting' || phase === 'talking',
        false,
      ]);
    }
  });

  it('counts the talks over 5 minutes of calls talking at the cut, and says the figures start at the cut', () => {
    const kpi = attached.run.monitor.live.snapshot();
    const over5 = calls.filter((c) => (timeline.get(c.memberUuid)?.talk ?? 0) > 300).length;
    expect(kpi.periods.centre.today.overFiveMinutes).toBe(over5);
    expect(kpi.periods.queues[QUEUE]?.today).toMatchObject({
      offered: calls.length,
      answered: calls.filter((c) => c.outcome === 'answered').length,
      abandoned: calls.filter((c) => c.outcome === 'abandoned').length,
      unknown: 0,
      inProgress: 0,
    });
    expect(kpi.coverage).toEqual({ from: cut.at, complete: false });
    const kinds = attached.run.monitor.live.anomalies().map((a) => a.kind);
    expect(kinds.filter((k) => k !== 'stale-agent-state')).toEqual([]);
  });
});
