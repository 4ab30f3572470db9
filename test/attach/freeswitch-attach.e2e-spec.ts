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
 *
 * With the CDR (what mod_cdr_csv had written by the cut, `history.freeswitchCdr`, imported from
 * an ISO date before the first view, on the PBX's clock), every stored call and the day's
 * figures equal the CDR for the whole run, and the coverage is complete from that date.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EslDecoder, FreeswitchEventMapper, type EslEvent } from '@hotline/freeswitch';
import { FakeEslServer } from '@hotline/freeswitch/testing/fake-esl-server.factory';
import { parseLocalDate } from '@hotline/calendar';
import type { PeriodFigures } from '@hotline/kpi';
import {
  buildFreeswitchCdrLedger,
  parseCsv,
  type LedgerCall,
  type LedgerCounts,
} from '../tooling/freeswitch-cdr-ledger';
import { callcenterStateAt, parseCallcenterConfig } from '../tooling/freeswitch-state-at';
import {
  attachMonitor,
  comparableCall,
  storedCalls,
  waitForRecords,
  type AttachedMonitor,
} from './attach-harness';

const FIXTURES = join(__dirname, '..', 'fixtures', 'freeswitch');
const QUEUE = '12345@default';
const PASSWORD = 'attach-ClueCon';
/** The monitor's default KPI zone; the day of fs-run1 there, imported from its midnight. */
const TIME_ZONE = 'Asia/Shanghai';
const IMPORT_FROM = '2026-11-29';

const events = decode(gunzipSync(readFileSync(join(FIXTURES, 'fs-run1.esl.raw.gz'))));
const cdrCsv = readFileSync(join(FIXTURES, 'fs-run1.cdr.csv'), 'utf8');
const config = parseCallcenterConfig(
  readFileSync(join(FIXTURES, 'pbx-config', 'autoload_configs', 'callcenter.conf.xml'), 'utf8'),
);
const callcenterTimes = events
  .filter((e) => e.subclass === 'callcenter::info')
  .map((e) => e.timestampMs ?? 0);
const ledger = buildFreeswitchCdrLedger(cdrCsv, {
  joinedFrom: Math.floor(Math.min(...callcenterTimes) / 1000) - 2,
  joinedTo: Math.floor(Math.max(...callcenterTimes) / 1000) + 2,
});
/** Every finished caller leg of the CDR file (it holds legs of earlier runs of the day too). */
const wholeLedger = buildFreeswitchCdrLedger(cdrCsv, { joinedFrom: 0, joinedTo: 4_102_444_800 });
/** When each channel of the capture hung up: mod_cdr_csv writes the leg's row then. */
const hangups = new Map(
  events
    .filter((e) => e.name === 'CHANNEL_HANGUP_COMPLETE')
    .map((e) => [e.get('Unique-ID') ?? '', e.timestampMs ?? 0]),
);
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

/**
 * The calls a monitor attached at `cut` can know live ('from-cut'), or all the CDR file holds
 * of the day once the run is over ('whole-run': earlier runs' legs too).
 */
function expectedCalls(cut: number, scope: 'from-cut' | 'whole-run'): LedgerCall[] {
  if (scope === 'whole-run') return wholeLedger.calls.filter((c) => c.outcome !== 'in-progress');
  return ledger.calls.filter((c) => phaseAt(c, cut) !== 'over');
}

/** Ended before the cut: in the CDR by then (imported), else live. */
function endedBefore(call: LedgerCall, cut: number): boolean {
  return !timeline.has(call.memberUuid) || phaseAt(call, cut) === 'over';
}

/** The talk a call must have: the CDR's when imported, else as the events date it. */
function expectedTalk(call: LedgerCall, cut: number): number | null | undefined {
  if (call.outcome !== 'answered') return null;
  return endedBefore(call, cut) ? call.talkSeconds : timeline.get(call.memberUuid)?.talk;
}

/** The CDR as mod_cdr_csv had written it by `cut`: the rows of the legs hung up before it. */
function cdrWrittenBy(cut: number): string {
  const [header, ...rows] = cdrCsv.split('\n').filter((line) => line !== '');
  const records = parseCsv(cdrCsv);
  const kept = rows.filter((_, i) => {
    const row = records[i];
    const hangup = hangups.get(row.uuid);
    return hangup !== undefined ? hangup < cut : Number(row.end_epoch) < Math.floor(cut / 1000);
  });
  return [header, ...kept].map((line) => `${line}\n`).join('');
}

function comparable(figures: PeriodFigures | undefined): LedgerCounts {
  return {
    offered: figures?.offered ?? 0,
    answered: figures?.answered ?? 0,
    answeredWithin10s: figures?.answeredWithin10s ?? 0,
    over5Minutes: figures?.overFiveMinutes ?? 0,
    abandoned: figures?.abandoned ?? 0,
    exited: { ...(figures?.exitedByReason ?? {}) },
  };
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

async function attach(
  cut: Cut,
  withCdr: boolean,
): Promise<{ run: AttachedMonitor; close(): Promise<void> }> {
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
  const dir = mkdtempSync(join(tmpdir(), 'hotline-attach-fs-'));
  const cdrPath = join(dir, 'Master.csv');
  if (withCdr) writeFileSync(cdrPath, cdrWrittenBy(cut.at));
  const run = await attachMonitor(
    {
      type: 'freeswitch',
      freeswitch: {
        host: '127.0.0.1',
        port,
        password: PASSWORD,
        queues: [QUEUE],
        reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
      },
    },
    withCdr
      ? { history: { importFrom: IMPORT_FROM, freeswitchCdr: { path: cdrPath, format: 'csv' } } }
      : {},
  );
  const socket = server.sessions[0]?.socket;
  if (!socket) throw new Error('the monitor did not connect');
  socket.write(after.map(frameOf).join(''));
  return {
    run,
    close: async () => {
      await run.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each(CUTS)('monitor attached to FreeSWITCH fs-run1 at a cut ($name)', (cut) => {
  const calls = expectedCalls(cut.at, 'from-cut');
  const phases = new Map(calls.map((c) => [c.memberUuid, phaseAt(c, cut.at)]));

  it('has calls waiting and talking at the cut', () => {
    const count = (phase: Phase) => [...phases.values()].filter((p) => p === phase).length;
    expect(count('waiting')).toBeGreaterThan(0);
    expect(count('talking')).toBeGreaterThan(0);
  });

  describe.each([false, true])('with the CDR: %s', (withCdr) => {
    let attached: Awaited<ReturnType<typeof attach>>;
    /** What the day must equal: the whole CDR with it (imported), else from the cut. */
    const dayCalls = expectedCalls(cut.at, withCdr ? 'whole-run' : 'from-cut');

    beforeAll(async () => {
      attached = await attach(cut, withCdr);
      await waitForRecords(
        attached.run,
        calls.map((c) => c.memberUuid),
      );
      attached.run.monitor.live.tick();
    }, 90_000);

    afterAll(() => attached?.close());

    it('gives every call waiting or talking at the cut, and every later call, the outcome, wait, agent, line and talk the PBX recorded', () => {
      const got = calls.map((c) => ({
        callId: c.memberUuid,
        ...comparableCall(attached.run.records.get(c.memberUuid)),
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
      // Nothing else was finished live: no call that ended before the cut, no call twice.
      expect([...attached.run.records.keys()].sort()).toEqual(
        calls.map((c) => c.memberUuid).sort(),
      );
    });

    it(
      withCdr
        ? 'stores every call of the CDR as it has them: those that ended before the cut imported, once'
        : 'stores every call waiting or talking at the cut and every later one, and nothing before',
      async () => {
        const stored = await storedCalls(attached.run, dayCalls.length);
        const got = dayCalls.map((c) => ({
          callId: c.memberUuid,
          ...comparableCall(stored.get(c.memberUuid)),
          joinedBeforeMonitoring: stored.get(c.memberUuid)?.joinedBeforeMonitoring,
          estimated: stored.get(c.memberUuid)?.estimated,
        }));
        const want = dayCalls.map((c) => ({
          callId: c.memberUuid,
          outcome: c.outcome,
          wait: c.waitSeconds,
          talk: expectedTalk(c, cut.at),
          agent: c.outcome === 'answered' ? c.agent : null,
          line: c.line ?? null,
          joinedBeforeMonitoring: !endedBefore(c, cut.at) && phaseAt(c, cut.at) !== 'later',
          estimated: false,
        }));
        expect(got).toEqual(want);
        expect([...stored.keys()].sort()).toEqual(dayCalls.map((c) => c.memberUuid).sort());
        if (withCdr)
          process.stdout.write(
            `FreeSWITCH attach at ${cut.name} with the CDR: ${stored.size} calls stored = the CDR's ${dayCalls.length} (${
              dayCalls.filter((c) => endedBefore(c, cut.at)).length
            } ended before the cut, imported; ${calls.length} in flight or later, live)\n`,
          );
      },
    );

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

    it(`counts ${withCdr ? 'the whole CDR' : 'the calls from the cut'}, the talks over 5 minutes of calls talking at the cut among them, and says from when`, () => {
      const kpi = attached.run.monitor.live.snapshot();
      const over5 = dayCalls.filter((c) => (expectedTalk(c, cut.at) ?? 0) > 300).length;
      expect(over5).toBeGreaterThanOrEqual(2);
      expect(kpi.periods.centre.today.overFiveMinutes).toBe(over5);
      expect(kpi.periods.queues[QUEUE]?.today).toMatchObject({
        offered: dayCalls.length,
        answered: dayCalls.filter((c) => c.outcome === 'answered').length,
        abandoned: dayCalls.filter((c) => c.outcome === 'abandoned').length,
        unknown: 0,
        inProgress: 0,
      });
      if (withCdr) {
        // Per queue, line and centre (contacts: mod_callcenter's member session), as the CDR.
        const today = (sets: Readonly<Record<string, { today: PeriodFigures }>>) =>
          Object.fromEntries(Object.entries(sets).map(([k, f]) => [k, comparable(f.today)]));
        expect(today(kpi.periods.queues)).toEqual(wholeLedger.byQueue);
        expect(today(kpi.periods.lines)).toEqual(wholeLedger.byLine);
        expect(comparable(kpi.periods.centre.today)).toEqual(wholeLedger.centre);
      }
      expect(kpi.coverage).toEqual(
        withCdr
          ? { from: parseLocalDate(IMPORT_FROM, TIME_ZONE), complete: true }
          : { from: cut.at, complete: false },
      );
      const kinds = attached.run.monitor.live.anomalies().map((a) => a.kind);
      expect(kinds.filter((k) => k !== 'stale-agent-state')).toEqual([]);
    });
  });
});
