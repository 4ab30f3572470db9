/**
 * Acceptance (issue 11): the monitor attached to a real Asterisk 22 in the middle of its
 * traffic. The run2 capture is cut at an instant; a fake AMI server answers QueueStatus and
 * CoreShowChannels with the PBX's state at that instant (rebuilt from the capture's own events,
 * test/tooling/asterisk-state-at.ts, and checked against queue_log), then streams everything
 * Asterisk sent after it over TCP into the monitor. Every call waiting or talking at the cut and
 * every later call must come out as queue_log has it: outcome, wait, talk, agent, line. The
 * calls already talking are live from the attach on; their waits are queue_log's when it is
 * given, else the PBX's estimate (channel ages), marked so until app_queue's own HoldTime comes
 * with their end.
 *
 * With queue_log (what Asterisk had written by the cut), the monitor imports it before its first
 * view (`history.importFrom`, default `month`, planned on the PBX's clock: the capture's month,
 * not the wall clock's): every stored call and the day's figures equal queue_log for the whole
 * run, and the coverage is complete from the month's start. Without it the figures start at the
 * cut, and say so.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AmiEventMapper } from '@hotline/asterisk/mapping';
import { AmiDecoder, type AmiMessage } from '@hotline/asterisk/protocol';
import { FakeAmiServer, formatAmiMessage } from '@hotline/asterisk/testing/fake-ami-server';
import type { PeriodFigures } from '@hotline/kpi';
import { startOfMonth } from '@hotline/calendar';
import { amiEventAt, amiStateAt } from '../tooling/asterisk-state-at';
import { parseAsteriskCdr } from '../tooling/asterisk-cdr';
import {
  buildQueueLogLedger,
  countQueueLogVisits,
  normaliseCounts,
  type QueueLogCounts,
  type QueueLogVisit,
} from '../tooling/queue-log-ledger';
import {
  attachMonitor,
  comparableCall,
  storedCalls,
  waitForRecords,
  type AttachedMonitor,
} from './attach-harness';

const RUN2 = join(__dirname, '..', 'fixtures', 'asterisk', 'run2');
const QUEUES = ['12345', '12345-en', '12345-full'];
const SECRET = 'attach-secret-0123456789';
/** The monitor's default KPI zone (kpi.timeZone). */
const TIME_ZONE = 'Asia/Shanghai';

const messages = decode(gunzipSync(readFileSync(join(RUN2, 'run2.ami.raw.gz'))));
const queueLog = readFileSync(join(RUN2, 'run2.queue_log'), 'utf8');
const cdrText = readFileSync(join(RUN2, 'run2.cdr.csv'), 'utf8');
const ledger = buildQueueLogLedger(queueLog, parseAsteriskCdr(cdrText));
/** The call events of the whole capture, as a monitor that saw it all maps them. */
const timeline = visitTimeline(messages);

function decode(raw: Buffer): AmiMessage[] {
  const decoder = new AmiDecoder();
  const out: AmiMessage[] = [];
  for (const decoded of decoder.push(raw)) {
    if (!decoded.ok) throw decoded.error;
    if (decoded.message.event !== undefined) out.push(decoded.message);
  }
  return out;
}

/** Per queue call of the capture: when it joined, was answered and ended (PBX time, ms). */
function visitTimeline(all: readonly AmiMessage[]) {
  const mapper = new AmiEventMapper();
  const byCall = new Map<string, { joined?: number; answered?: number; ended?: number }>();
  const of = (callId: string) => {
    let entry = byCall.get(callId);
    if (!entry) byCall.set(callId, (entry = {}));
    return entry;
  };
  for (const message of all) {
    for (const event of mapper.map(message, 0)) {
      if (!('callId' in event) || event.type === 'survey-rated') continue;
      const entry = of(event.callId);
      if (event.type === 'caller-joined-queue') entry.joined = event.at;
      else if (event.type === 'agent-answered') entry.answered = event.at;
      else if (event.type === 'caller-refused') entry.joined = entry.ended = event.at;
      else if (
        event.type === 'call-ended' ||
        event.type === 'caller-abandoned' ||
        event.type === 'caller-exited'
      )
        entry.ended = event.at;
    }
  }
  return byCall;
}

type Phase = 'waiting' | 'talking' | 'later' | 'over';

const END_VERBS = new Set([
  'COMPLETEAGENT',
  'COMPLETECALLER',
  'ABANDON',
  'EXITWITHTIMEOUT',
  'EXITEMPTY',
  'EXITWITHKEY',
  'BLINDTRANSFER',
  'ATTENDEDTRANSFER',
  'TRANSFER',
  'FULL',
  'JOINEMPTY',
  'JOINUNAVAIL',
]);

/**
 * Whether Asterisk had written a queue_log line by the instant `cut`. A line is dated to the
 * second; app_queue writes it with the AMI event of the same step, so a line of the cut's own
 * second was there only if its call's step (join, answer, end) came before the cut in the capture.
 */
function writtenBy(line: string, cut: number): boolean {
  const [time, callid, queue, , verb] = line.split('|');
  const second = Number(time);
  const cutSecond = Math.floor(cut / 1000);
  if (second !== cutSecond) return second < cutSecond;
  const step = (t: { joined?: number; answered?: number; ended?: number }) =>
    verb === 'ENTERQUEUE'
      ? t.joined
      : verb === 'CONNECT'
        ? t.answered
        : END_VERBS.has(verb)
          ? t.ended
          : undefined;
  for (const [callId, t] of timeline) {
    if (callId !== `${callid}@${queue}` && !callId.startsWith(`${callid}@${queue}#`)) continue;
    const at = step(t);
    if (at !== undefined && Math.floor(at / 1000) === second) return at < cut;
  }
  // Not a step of a call (agent lines, RINGNOANSWER): not needed by the monitor.
  return false;
}

/**
 * Whether cdr_csv had written a CDR row by `cut`: it writes one when the channel's CDR ends,
 * its `end` column in the lab's zone (UTC). A row of the cut's own second is kept: its channel,
 * if it was still up, is in the first view with the same Linkedid.
 */
function cdrRowEndedBy(line: string, cut: number): boolean {
  const end = /^(?:"(?:[^"]|"")*",|[^,]*,){11}"([^"]*)"/.exec(line)?.[1];
  return end !== undefined && end !== '' && Date.parse(`${end.replace(' ', 'T')}Z`) < cut;
}

/** Where a queue call was at the cut. */
function phaseAt(callId: string, cut: number): Phase {
  const t = timeline.get(callId);
  if (!t || t.joined === undefined) throw new Error(`no timeline for ${callId}`);
  if (t.joined >= cut) return 'later';
  if (t.ended !== undefined && t.ended < cut) return 'over';
  return t.answered !== undefined && t.answered < cut ? 'talking' : 'waiting';
}

/**
 * The visits a monitor attached at `cut` must get right: 'from-cut' those in flight at the cut
 * and later (what it can know live), 'whole-run' every visit (with a history import).
 */
function expectedVisits(cut: number, scope: 'from-cut' | 'whole-run'): QueueLogVisit[] {
  return ledger.visits.filter((v) => scope === 'whole-run' || phaseAt(v.callId, cut) !== 'over');
}

function expectedCall(visit: QueueLogVisit) {
  const answered = visit.outcome === 'answered';
  return {
    outcome: visit.outcome,
    wait: visit.outcome === 'blocked' ? 0 : visit.waitSeconds,
    talk: answered ? visit.talkSeconds : null,
    agent: answered ? visit.agent : null,
    line: visit.line ?? null,
  };
}

function comparable(figures: PeriodFigures | undefined): QueueLogCounts {
  return normaliseCounts({
    offered: figures?.offered ?? 0,
    answered: figures?.answered ?? 0,
    answeredWithin10s: figures?.answeredWithin10s ?? 0,
    over5Minutes: figures?.overFiveMinutes ?? 0,
    abandoned: figures?.abandoned ?? 0,
    exited: { ...(figures?.exitedByReason ?? {}) },
    blocked: figures?.blocked ?? 0,
  });
}

interface Cut {
  readonly name: string;
  /** PBX time, epoch ms. */
  readonly at: number;
}

/** Instants of run2 (first call 1795918733, last end 1795919453). */
const CUTS: readonly Cut[] = [
  // 8 talking (the three longest talks of the run among them: 358, 329 and 343 s), 2 waiting.
  { name: 'calls talking', at: 1795918958_500 },
  // 10 callers waiting, some for long, 2 talking.
  { name: 'callers waiting', at: 1795919123_500 },
  // 1795918806.61 talks with agent107, who has dialled a colleague for an attended transfer:
  // that consultation channel (1795918818.73) is waiting in 12345-en.
  { name: 'inside an attended transfer', at: 1795918820_500 },
];

async function attach(
  cut: Cut,
  withQueueLog: boolean,
  withCdr: boolean,
): Promise<{ run: AttachedMonitor; close(): Promise<void> }> {
  const before = messages.filter((m) => (amiEventAt(m) ?? 0) < cut.at);
  const after = messages.filter((m) => (amiEventAt(m) ?? 0) >= cut.at);
  const state = amiStateAt(before, cut.at, QUEUES);
  const server = await FakeAmiServer.start({
    secret: SECRET,
    queueStatus: state.queueStatus,
    coreShowChannels: state.coreShowChannels,
  });
  // The view is dated by the Ping reply's Timestamp: the PBX's clock at the cut.
  server.handle('ping', (action) =>
    formatAmiMessage([
      ['Response', 'Success'],
      ...(action.actionId ? ([['ActionID', action.actionId]] as [string, string][]) : []),
      ['Ping', 'Pong'],
      ['Timestamp', (cut.at / 1000).toFixed(6)],
    ]),
  );
  const dir = mkdtempSync(join(tmpdir(), 'hotline-attach-'));
  const queueLogPath = join(dir, 'queue_log');
  if (withQueueLog)
    writeFileSync(
      queueLogPath,
      queueLog
        .split('\n')
        .filter((line) => line !== '' && writtenBy(line, cut.at))
        .map((line) => `${line}\n`)
        .join(''),
    );
  const cdrPath = join(dir, 'Master.csv');
  if (withCdr)
    writeFileSync(
      cdrPath,
      cdrText
        .split('\n')
        .filter((line) => line !== '' && cdrRowEndedBy(line, cut.at))
        .map((line) => `${line}\n`)
        .join(''),
    );
  const run = await attachMonitor(
    {
      type: 'asterisk',
      asterisk: {
        host: server.host,
        port: server.port,
        username: server.username,
        secret: SECRET,
        reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
        ...(withQueueLog ? { queueLogPath } : {}),
      },
    },
    withCdr ? { history: { asteriskCdr: cdrPath } } : {},
  );
  await server.stream(Buffer.from(after.map((m) => formatAmiMessage(m.headers)).join('')));
  return {
    run,
    close: async () => {
      await run.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The visits with the contacts a monitor can know at `cut`: queue_log names no Linkedid, so a
 * visit that ended before the cut is imported as its own channel's contact unless that channel
 * was still up at the cut (the first view's CoreShowChannels gives its Linkedid). The CDR's
 * grouping (the ledger's contactId) holds for everything the live link saw.
 */
function knowableContacts(visits: readonly QueueLogVisit[], cut: Cut): QueueLogVisit[] {
  const upAtCut = new Set(
    amiStateAt(
      messages.filter((m) => (amiEventAt(m) ?? 0) < cut.at),
      cut.at,
      QUEUES,
    ).coreShowChannels.map((h) => h.find(([k]) => k === 'Uniqueid')?.[1]),
  );
  return visits.map((v) => {
    const uniqueid = v.callId.split('@')[0];
    return phaseAt(v.callId, cut.at) === 'over' && !upAtCut.has(uniqueid)
      ? { ...v, contactId: uniqueid }
      : v;
  });
}

describe.each(CUTS)('monitor attached to Asterisk run2 at a cut ($name)', (cut) => {
  const visits = expectedVisits(cut.at, 'from-cut');
  const phases = new Map(visits.map((v) => [v.callId, phaseAt(v.callId, cut.at)]));
  const inFlight = visits.filter((v) => phases.get(v.callId) !== 'later');

  it('presents the PBX as queue_log has it then: the same callers waiting and talking', () => {
    const state = amiStateAt(
      messages.filter((m) => (amiEventAt(m) ?? 0) < cut.at),
      cut.at,
      QUEUES,
    );
    const entries = state.queueStatus
      .filter((h) => h[0]?.[1] === 'QueueEntry')
      .map(
        (h) => `${h.find(([k]) => k === 'Uniqueid')?.[1]}@${h.find(([k]) => k === 'Queue')?.[1]}`,
      );
    const bridgedInQueue = state.coreShowChannels
      .filter((h) => h.some(([k, v]) => k === 'Application' && v === 'Queue'))
      .filter((h) => h.some(([k, v]) => k === 'BridgeId' && v !== ''))
      .map(
        (h) =>
          `${h.find(([k]) => k === 'Uniqueid')?.[1]}@${h.find(([k]) => k === 'ApplicationData')?.[1].split(',')[0]}`,
      );
    expect(entries.sort()).toEqual(
      inFlight
        .filter((v) => phases.get(v.callId) === 'waiting')
        .map((v) => v.callId)
        .sort(),
    );
    expect(bridgedInQueue.sort()).toEqual(
      inFlight
        .filter((v) => phases.get(v.callId) === 'talking')
        .map((v) => v.callId)
        .sort(),
    );
    expect(inFlight.length).toBeGreaterThan(0);
  });

  describe.each([
    [false, false],
    [true, false],
    [true, true],
  ])('with queue_log: %s, with the CDR: %s', (withQueueLog, withCdr) => {
    let attached: Awaited<ReturnType<typeof attach>>;
    /** What the day must equal: the whole run with queue_log (imported), else from the cut. */
    const dayVisits = expectedVisits(cut.at, withQueueLog ? 'whole-run' : 'from-cut');

    beforeAll(async () => {
      attached = await attach(cut, withQueueLog, withCdr);
      await waitForRecords(
        attached.run,
        visits.map((v) => v.callId),
      );
      attached.run.monitor.live.tick();
    }, 90_000);

    afterAll(() => attached?.close());

    it('gives every call waiting or talking at the cut, and every later call, the outcome, wait, talk, agent and line queue_log has', () => {
      const got = visits.map((v) => ({
        callId: v.callId,
        ...comparableCall(attached.run.records.get(v.callId)),
      }));
      const want = visits.map((v) => ({ callId: v.callId, ...expectedCall(v) }));
      expect(got).toEqual(want);
      // Nothing else was finished live: no call that ended before the cut, no call twice.
      expect([...attached.run.records.keys()].sort()).toEqual(visits.map((v) => v.callId).sort());
    });

    it(
      withQueueLog
        ? 'stores every call of the whole run as queue_log has it: those that ended before the cut imported, once'
        : 'stores every call waiting or talking at the cut and every later one, and nothing before',
      async () => {
        const stored = await storedCalls(attached.run, dayVisits.length);
        const got = dayVisits.map((v) => ({
          callId: v.callId,
          ...comparableCall(stored.get(v.callId)),
        }));
        expect(got).toEqual(dayVisits.map((v) => ({ callId: v.callId, ...expectedCall(v) })));
        expect([...stored.keys()].sort()).toEqual(dayVisits.map((v) => v.callId).sort());
        for (const v of dayVisits) {
          const phase = phaseAt(v.callId, cut.at);
          const call = stored.get(v.callId);
          expect([v.callId, call?.joinedBeforeMonitoring, call?.estimated]).toEqual([
            v.callId,
            phase === 'waiting' || phase === 'talking',
            false,
          ]);
        }
        if (withQueueLog)
          process.stdout.write(
            `attach at ${cut.name} with queue_log: ${stored.size} calls stored = queue_log's ${dayVisits.length} (${
              dayVisits.filter((v) => phaseAt(v.callId, cut.at) === 'over').length
            } ended before the cut, imported; ${visits.length} in flight or later, live)\n`,
          );
      },
    );

    it('shows the calls talking at the cut live from the attach on, their waits queue_log’s or marked as estimates', () => {
      const talking = inFlight.filter((v) => phases.get(v.callId) === 'talking');
      const live = attached.run.atAttach.live.talking;
      expect(live.map((t) => t.callId).sort()).toEqual(talking.map((v) => v.callId).sort());
      for (const t of live) {
        const visit = talking.find((v) => v.callId === t.callId);
        // Without queue_log the member is named by its leg in the caller's bridge; a caller
        // alone in its bridge (attended transfer under way) or whose member left the queue
        // mid-call gets it only with its end — never a wrong one.
        const agent = withQueueLog || t.agent !== null ? visit?.agent : null;
        expect([t.callId, t.agent, t.line, t.joinedBeforeMonitoring, t.estimated]).toEqual([
          visit?.callId,
          agent,
          visit?.line,
          true,
          !withQueueLog,
        ]);
        if (withQueueLog) expect([t.callId, t.waitSeconds]).toEqual([t.callId, visit?.waitSeconds]);
      }
      if (!withQueueLog)
        process.stdout.write(
          `attach at ${cut.name}: ${live.length} calls talking, estimated wait − queue_log wait: ${live
            .map(
              (t) =>
                t.waitSeconds - (talking.find((v) => v.callId === t.callId)?.waitSeconds ?? NaN),
            )
            .join(', ')} s (AgentComplete's HoldTime corrects it at the end)\n`,
        );
      // The agents talking (and still members of a queue) are on those calls.
      const named = live.filter((t) => t.agent !== null).map((t) => t.agent);
      expect(named.length).toBeGreaterThan(0);
      for (const t of live) {
        const agent = attached.run.atAttach.agents.find((a) => a.agent === t.agent);
        if (!agent || agent.state === 'logged-out') continue;
        expect([t.callId, agent.state, agent.callId]).toEqual([t.callId, 'on-call', t.callId]);
      }
    });

    it('marks the calls it did not see join; in the end no wait is an estimate (app_queue’s HoldTime)', () => {
      for (const v of visits) {
        const record = attached.run.records.get(v.callId);
        const phase = phases.get(v.callId);
        expect([v.callId, record?.joinedBeforeMonitoring, record?.estimated]).toEqual([
          v.callId,
          phase === 'waiting' || phase === 'talking',
          false,
        ]);
      }
    });

    it(`counts ${withQueueLog ? 'the whole run' : 'the calls talking at the cut'} in every figure: per queue, line and centre${withCdr ? ', contacts as the CDR groups them' : ''}`, () => {
      const kpi = attached.run.monitor.live.snapshot();
      const counts = countQueueLogVisits(withCdr ? dayVisits : knowableContacts(dayVisits, cut));
      const today = (sets: Readonly<Record<string, { today: PeriodFigures }>>) =>
        Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, comparable(s.today)]));
      const expected = (scopes: Readonly<Record<string, QueueLogCounts>>) =>
        Object.fromEntries(Object.entries(scopes).map(([k, c]) => [k, normaliseCounts(c)]));
      expect(today(kpi.periods.queues)).toEqual(expect.objectContaining(expected(counts.byQueue)));
      expect(today(kpi.periods.lines)).toEqual(expected(counts.byLine));
      expect(comparable(kpi.periods.centre.today)).toEqual(normaliseCounts(counts.centre));
      expect(kpi.periods.centre.today).toMatchObject({ inProgress: 0, unknown: 0 });
      expect(kpi.live.waiting).toEqual([]);
      expect(kpi.live.talking).toEqual([]);
    });

    it(
      withQueueLog
        ? 'says the figures are complete from the import’s start (the PBX clock’s month), and stores that'
        : 'says the figures start at the cut',
      async () => {
        const from = withQueueLog ? startOfMonth(cut.at, TIME_ZONE) : cut.at;
        expect(attached.run.monitor.live.snapshot().coverage).toEqual({
          from,
          complete: withQueueLog,
        });
        const status = (await (
          await fetch(`${attached.run.monitor.baseUrl}/api/v1/storage/status`)
        ).json()) as {
          history: { phase: string; range?: unknown; coverage?: unknown };
        };
        expect(status.history).toMatchObject({
          phase: withQueueLog ? 'done' : 'skipped',
          coverage: { coveredFrom: from, basis: withQueueLog ? 'import' : 'live' },
        });
        if (withQueueLog) expect(status.history.range).toEqual({ from, to: cut.at });
      },
    );

    it('applied every event it was given without an anomaly about calls', () => {
      const kinds = attached.run.monitor.live.anomalies().map((a) => a.kind);
      expect(kinds.filter((k) => k !== 'stale-agent-state')).toEqual([]);
    });
  });
});
