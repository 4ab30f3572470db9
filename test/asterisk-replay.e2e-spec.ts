/**
 * Acceptance: the real Asterisk 22 captures run1 and run2, read message by message from the raw
 * AMI byte stream, mapped by AmiEventMapper and fed to the KPI engine, give the figures
 * Asterisk's own queue_log (+ CDR for contacts) gives — per queue, per line, per agent and for
 * the centre — and feeding the same stream again changes nothing. Also measures what the
 * mapper's AMI event filters save: the same call events from a fraction of the traffic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CallEvent } from '@hotline/call-events';
import { AmiEventMapper, amiEventFilters } from '@hotline/asterisk/mapping';
import { AmiDecoder, type AmiMessage } from '@hotline/asterisk/protocol';
import { KpiEngine, type PeriodFigures } from '@hotline/kpi';
import { amiWireText, passesAmiFilters, posixFilterToRegExp } from './tooling/ami-transcript';
import { parseAsteriskCdr } from './tooling/asterisk-cdr';
import {
  buildQueueLogLedger,
  normaliseCounts,
  type QueueLogCounts,
  type QueueLogLedger,
} from './tooling/queue-log-ledger';

const FIXTURES = join(__dirname, 'fixtures', 'asterisk');

interface Run {
  readonly name: string;
  readonly raw: Buffer;
  readonly ledger: QueueLogLedger;
  readonly truth: Truth;
}

/** The parts of runN.truth.json the cross-check reads (its own field names). */
interface TruthVisits {
  offered: number;
  answered: number;
  answered_within_10s: number;
  talk_over_300s: number;
  abandoned: number;
  exit_with_timeout: number;
  exit_empty: number;
  exit_with_key: number;
  refused_full?: number;
  refused_joinempty?: number;
  refused_joinunavail?: number;
}
interface TruthContacts {
  contacts: number;
  contacts_answered: number;
  contacts_answered_within_10s: number;
  contacts_talk_over_300s: number;
  final_abandon: number;
  final_exit_with_timeout: number;
  final_exit_empty: number;
  final_exit_with_key: number;
  final_refused: number;
}
interface Truth {
  queues: Record<string, TruthVisits | { visits: TruthVisits }>;
  total?: TruthVisits;
  hotlines?: Record<string, { visits: TruthVisits }>;
  centre?: { contacts: TruthContacts };
}

function loadRun(name: string): Run {
  const dir = join(FIXTURES, name);
  const raw = gunzipSync(readFileSync(join(dir, `${name}.ami.raw.gz`)));
  const queueLog = readFileSync(join(dir, `${name}.queue_log`), 'utf8');
  let cdrText = '';
  try {
    cdrText = readFileSync(join(dir, `${name}.cdr.csv`), 'utf8');
  } catch {
    // run1 was recorded without CDR: its contacts are its callids.
  }
  return {
    name,
    raw,
    ledger: buildQueueLogLedger(queueLog, parseAsteriskCdr(cdrText)),
    truth: JSON.parse(readFileSync(join(dir, `${name}.truth.json`), 'utf8')) as Truth,
  };
}

/** The events of a byte stream, through the project's AMI codec, fed in the given chunks. */
function decodeEvents(chunks: Iterable<Buffer>): AmiMessage[] {
  const decoder = new AmiDecoder();
  const events: AmiMessage[] = [];
  for (const chunk of chunks)
    for (const decoded of decoder.push(chunk)) {
      if (!decoded.ok) throw decoded.error;
      if (decoded.message.event !== undefined) events.push(decoded.message);
    }
  expect(decoder.bufferedBytes).toBe(0);
  return events;
}

function* randomChunks(bytes: Buffer, seed: number, maxChunk: number): Generator<Buffer> {
  let state = seed;
  for (let offset = 0; offset < bytes.length;) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const size = 1 + (state % maxChunk);
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

function mapAll(mapper: AmiEventMapper, messages: readonly AmiMessage[]): CallEvent[] {
  return messages.flatMap((message) => mapper.map(message, 0));
}

/** Truth's visit counters in the ledger's shape (refusals added to offered, as kpi-spec counts). */
function truthCounts(t: TruthVisits): QueueLogCounts {
  const blocked = (t.refused_full ?? 0) + (t.refused_joinempty ?? 0) + (t.refused_joinunavail ?? 0);
  const exited: Record<string, number> = {
    timeout: t.exit_with_timeout,
    'leave-empty': t.exit_empty,
    'exit-key': t.exit_with_key,
  };
  return normaliseCounts({
    offered: t.offered + blocked,
    answered: t.answered,
    answeredWithin10s: t.answered_within_10s,
    over5Minutes: t.talk_over_300s,
    abandoned: t.abandoned,
    exited,
    blocked,
  });
}

function comparable(figures: PeriodFigures): QueueLogCounts {
  return normaliseCounts({
    offered: figures.offered,
    answered: figures.answered,
    answeredWithin10s: figures.answeredWithin10s,
    over5Minutes: figures.overFiveMinutes,
    abandoned: figures.abandoned,
    exited: { ...figures.exitedByReason },
    blocked: figures.blocked,
  });
}

function todayOf(
  sets: Readonly<Record<string, { today: PeriodFigures }>>,
): Record<string, QueueLogCounts> {
  return Object.fromEntries(Object.entries(sets).map(([key, set]) => [key, comparable(set.today)]));
}

function normalised(
  scopes: Readonly<Record<string, QueueLogCounts>>,
): Record<string, QueueLogCounts> {
  return Object.fromEntries(Object.entries(scopes).map(([key, c]) => [key, normaliseCounts(c)]));
}

describe.each(['run1', 'run2'])('Asterisk %s replay', (name) => {
  const run = loadRun(name);
  const messages = decodeEvents([run.raw]);
  const callEvents = mapAll(new AmiEventMapper(), messages);

  it('ledger: reads queue_log as the capture’s truth file does (refusals counted in offered)', () => {
    expect(run.ledger.unplaced).toEqual([]);
    for (const [queue, entry] of Object.entries(run.truth.queues)) {
      const visits = 'visits' in entry ? entry.visits : entry;
      expect([queue, normaliseCounts(run.ledger.byQueue[queue])]).toEqual([
        queue,
        truthCounts(visits),
      ]);
    }
    for (const [line, entry] of Object.entries(run.truth.hotlines ?? {}))
      expect([line, normaliseCounts(run.ledger.byLine[line])]).toEqual([
        line,
        truthCounts(entry.visits),
      ]);
    // run1's truth has no contacts (no CDR): its `total` is the centre, one contact per callid.
    if (run.truth.total && !run.truth.centre)
      expect(normaliseCounts(run.ledger.centre)).toEqual(truthCounts(run.truth.total));
    const contacts = run.truth.centre?.contacts;
    if (contacts) {
      const centre = run.ledger.centre;
      expect([
        centre.offered,
        centre.answered,
        centre.answeredWithin10s,
        centre.over5Minutes,
      ]).toEqual([
        contacts.contacts,
        contacts.contacts_answered,
        contacts.contacts_answered_within_10s,
        contacts.contacts_talk_over_300s,
      ]);
      expect([
        centre.abandoned,
        centre.exited.timeout,
        centre.exited['exit-key'],
        centre.blocked,
      ]).toEqual([
        contacts.final_abandon,
        contacts.final_exit_with_timeout,
        contacts.final_exit_with_key,
        contacts.final_refused,
      ]);
      // truth's final_exit_empty also counts contacts answered in an earlier visit and then
      // left in an emptied queue; kpi-spec counts those answered (answered if any visit was).
      const answeredThenEmptied = run.ledger.visits.filter(
        (v) =>
          v.exitReason === 'leave-empty' &&
          run.ledger.visits.some((o) => o.contactId === v.contactId && o.outcome === 'answered') &&
          run.ledger.visits.filter((o) => o.contactId === v.contactId).at(-1) === v,
      ).length;
      expect((centre.exited['leave-empty'] ?? 0) + answeredThenEmptied).toBe(
        contacts.final_exit_empty,
      );
    }
  });

  it('maps the same call events whatever the chunking of the byte stream', () => {
    for (const [seed, maxChunk] of [
      [7, 16],
      [11, 1500],
    ] as const)
      expect(
        mapAll(new AmiEventMapper(), decodeEvents(randomChunks(run.raw, seed, maxChunk))),
      ).toEqual(callEvents);
  });

  it('gives every queue call the outcome, wait, talk, agent and line of its queue_log visit', () => {
    interface Mapped {
      outcome?: string;
      wait?: number;
      talk?: number;
      reason?: string;
      agent?: string;
      line?: string;
      contactId?: string;
    }
    const byCall = new Map<string, Mapped>();
    const call = (id: string): Mapped => {
      const found = byCall.get(id);
      if (found) return found;
      const created: Mapped = {};
      byCall.set(id, created);
      return created;
    };
    for (const event of callEvents) {
      switch (event.type) {
        case 'caller-joined-queue':
          Object.assign(call(event.callId), { line: event.line, contactId: event.contactId });
          break;
        case 'caller-refused':
          Object.assign(call(event.callId), {
            outcome: 'blocked',
            reason: event.reason,
            line: event.line,
            contactId: event.contactId,
          });
          break;
        case 'agent-answered':
          Object.assign(call(event.callId), {
            outcome: 'answered',
            wait: event.waitSeconds,
            agent: event.agent,
          });
          break;
        case 'call-ended':
          call(event.callId).talk = event.talkSeconds;
          break;
        case 'caller-abandoned':
          Object.assign(call(event.callId), { outcome: 'abandoned', wait: event.waitSeconds });
          break;
        case 'caller-exited':
          Object.assign(call(event.callId), {
            outcome: 'exited',
            wait: event.waitSeconds,
            reason: event.reason,
          });
          break;
        case 'agent-ringing':
        case 'agent-ring-no-answer':
        case 'agent-state-changed':
        case 'survey-rated':
          break;
      }
    }
    expect([...byCall.keys()].sort()).toEqual(run.ledger.visits.map((v) => v.callId).sort());
    const hasCdr = run.ledger.visits.some((v) => v.contactId !== v.uniqueid);
    for (const visit of run.ledger.visits) {
      const mapped = byCall.get(visit.callId);
      expect({
        callId: visit.callId,
        ...mapped,
        contactId: hasCdr ? mapped?.contactId : undefined,
      }).toEqual({
        callId: visit.callId,
        outcome: visit.outcome,
        ...(visit.outcome === 'blocked' ? {} : { wait: visit.waitSeconds }),
        talk: visit.talkSeconds,
        reason: visit.exitReason ?? visit.blockReason,
        agent: visit.agent,
        line: visit.line,
        contactId: hasCdr ? visit.contactId : undefined,
      });
    }
  });

  describe('through the KPI engine', () => {
    const lastAt = Math.max(...callEvents.map((event) => event.at));
    const now = lastAt + 1_000;
    const engine = new KpiEngine();
    const outcomes = callEvents.map((event) => engine.apply(event));
    engine.tick(now);
    const first = engine.snapshot(now);

    it('equals the queue_log ledger per queue, per line, per agent and for the centre', () => {
      expect(todayOf(first.periods.queues)).toEqual(normalised(run.ledger.byQueue));
      expect(todayOf(first.periods.lines)).toEqual(normalised(run.ledger.byLine));
      expect(todayOf(first.periods.agents)).toEqual(normalised(run.ledger.byAgent));
      expect(comparable(first.periods.centre.today)).toEqual(normaliseCounts(run.ledger.centre));
      expect(first.periods.centre.today.inProgress).toBe(0);
    });

    it('rejects no event as an anomaly and leaves no caller waiting or talking', () => {
      expect(engine.anomalies()).toEqual([]);
      expect(outcomes.filter((o) => o === 'anomaly')).toEqual([]);
      expect(first.live.waiting).toEqual([]);
      expect(first.live.talking).toEqual([]);
    });

    it('changes nothing when the same stream is fed again (to the mapper, and its events to the engine)', () => {
      const mapper = new AmiEventMapper();
      const once = mapAll(mapper, messages);
      expect(once).toEqual(callEvents);
      // The mapper recognises every message it has seen: the second pass gives no event.
      expect(mapAll(mapper, messages)).toEqual([]);
      // A fresh mapper (a restart) gives the same events again. The engine drops every call
      // event and rating as a duplicate; agent states older than the board's it refuses as
      // stale (or finds unchanged), so the board stays as it was.
      const again = mapAll(new AmiEventMapper(), messages);
      expect(again).toEqual(callEvents);
      const outcomes = again.map((event) => [event.type, engine.apply(event)] as const);
      expect(
        outcomes.filter(([type, o]) => type !== 'agent-state-changed' && o !== 'duplicate'),
      ).toEqual([]);
      expect(engine.anomalies().map((a) => a.kind)).toEqual(['stale-agent-state']);
      engine.tick(now);
      const replayed = engine.snapshot(now);
      expect(replayed.periods).toEqual(first.periods);
      const board = (s: typeof first) =>
        s.agents.map((a) => [a.agent, a.state, a.pauseReason, a.since]);
      expect(board(replayed)).toEqual(board(first));
    });
  });

  it('needs under a quarter of the AMI events once amiEventFilters() is applied, for the same call events', () => {
    const filters = amiEventFilters().map(posixFilterToRegExp);
    const kept = messages.filter((message) => passesAmiFilters(amiWireText(message), filters));
    const queueCalls = run.ledger.visits.length;
    const perCall = {
      unfiltered: messages.length / queueCalls,
      filtered: kept.length / queueCalls,
    };
    expect(perCall.filtered / perCall.unfiltered).toBeLessThan(0.25);
    expect(mapAll(new AmiEventMapper(), kept)).toEqual(callEvents);
  });
});

describe('deploy/asterisk/manager.conf.example', () => {
  const conf = readFileSync(
    join(__dirname, '..', 'deploy', 'asterisk', 'manager.conf.example'),
    'utf8',
  );
  const settings = conf
    .split('\n')
    .map((line) => line.replace(/;.*$/, '').trim())
    .filter((line) => line.includes('='))
    .map((line) => [
      line.slice(0, line.indexOf('=')).trim(),
      line.slice(line.indexOf('=') + 1).trim(),
    ]);

  it('has exactly the filters the monitor adds itself', () => {
    expect(settings.filter(([key]) => key === 'eventfilter').map(([, value]) => value)).toEqual(
      amiEventFilters(),
    );
  });

  it('asks for timestamps and the HOTLINE channel variable on every event', () => {
    expect(settings).toEqual(
      expect.arrayContaining([
        ['timestampevents', 'yes'],
        ['channelvars', 'HOTLINE'],
      ]),
    );
  });
});
