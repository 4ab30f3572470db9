import type { CallEndReason, CallEvent, ExitReason, RefusalReason } from '@hotline/call-events';
import { parseQueueLogLine, type QueueLogLine } from './queue-log-line';

/**
 * What one queue_log line meant:
 * - mapped: it gave call events (possibly none, e.g. a RINGNOANSWER of a visit already over);
 * - ignored: not about a call (QUEUESTART, ADDMEMBER, PAUSE…, callid NONE/MANAGER);
 * - unplaced: about a call, but no open visit of that callid and queue was in the right state
 *   (the line's visit began before what was read), or an unknown verb;
 * - unreadable: not a queue_log line.
 */
export type QueueLogLineStatus = 'mapped' | 'ignored' | 'unplaced' | 'unreadable';

export interface QueueLogReadResult {
  readonly status: QueueLogLineStatus;
  readonly events: readonly CallEvent[];
  readonly line?: QueueLogLine;
}

export interface QueueLogReaderOptions {
  /**
   * The contact a caller channel belongs to. queue_log has no Linkedid: without an answer
   * here the contact is the callid (the caller's Uniqueid, which is the Linkedid of an inbound
   * call). A visit by a new channel (attended transfer) then makes a contact of its own.
   */
  contactIdOf?: (uniqueid: string) => string | undefined;
  /** The line when ENTERQUEUE's url field is empty (e.g. the CDR userfield). */
  lineOf?: (uniqueid: string) => string | undefined;
}

/** Exit verbs: the reason and the index of the wait among the data fields. */
const EXIT_VERBS: Readonly<Record<string, { reason: ExitReason; waitField: number }>> = {
  EXITWITHTIMEOUT: { reason: 'timeout', waitField: 2 },
  EXITEMPTY: { reason: 'leave-empty', waitField: 2 },
  EXITWITHKEY: { reason: 'exit-key', waitField: 3 },
  EXITWITHDRAW: { reason: 'withdraw', waitField: 2 },
  WITHDRAW: { reason: 'withdraw', waitField: 2 },
};
/** Written by the dialplan (QueueLog() after Queue() returned): app_queue logs no refusal. */
const REFUSAL_VERBS: Readonly<Record<string, RefusalReason>> = {
  FULL: 'full',
  JOINEMPTY: 'join-empty',
  JOINUNAVAIL: 'join-unavailable',
};
/** End verbs: the reason and the index of the talk time among the data fields. */
const END_VERBS: Readonly<Record<string, { reason: CallEndReason; talkField: number }>> = {
  COMPLETECALLER: { reason: 'caller-hangup', talkField: 1 },
  COMPLETEAGENT: { reason: 'agent-hangup', talkField: 1 },
  BLINDTRANSFER: { reason: 'transfer', talkField: 3 },
  ATTENDEDTRANSFER: { reason: 'transfer', talkField: 3 },
  TRANSFER: { reason: 'transfer', talkField: 3 },
};
const NOT_CALL_VERBS: ReadonlySet<string> = new Set([
  'QUEUESTART',
  'ADDMEMBER',
  'REMOVEMEMBER',
  'PAUSE',
  'UNPAUSE',
  'PAUSEALL',
  'UNPAUSEALL',
  'RINGCANCELED',
  'AGENTLOGIN',
  'AGENTLOGOFF',
  'CONFIGRELOAD',
  'SYSCOMPAT',
]);

interface OpenVisit {
  readonly callId: string;
  readonly uniqueid: string;
  readonly queue: string;
  answered: boolean;
}

/**
 * Turns queue_log lines into the call events AmiEventMapper gives for the same calls. Stateful:
 * fed the lines of one queue_log in file order.
 *
 * Call ids are those of the mapper: a visit is one ENTERQUEUE or one refusal line, numbered
 * `<callid>@<queue>`, `<callid>@<queue>#2`, … per callid and queue in file order. A verb closes
 * the open visit of its callid and queue that is in the right state (CONNECT a waiting one,
 * COMPLETECALLER/COMPLETEAGENT/a TRANSFER an answered one, ABANDON or an EXIT verb a waiting one): a blind transfer back into
 * the same queue logs the new ENTERQUEUE before the old visit's BLINDTRANSFER (run2).
 *
 * Fields (Asterisk 22, run1/run2):
 *   ENTERQUEUE       url|callerid|position          url = Queue()'s URL argument = ${HOTLINE}
 *   CONNECT          holdtime|bridgedchanneluniqueid|ringtime
 *   COMPLETECALLER / COMPLETEAGENT   holdtime|calltime|origposition
 *   BLINDTRANSFER / TRANSFER         extension|context|holdtime|calltime|origposition
 *   ATTENDEDTRANSFER BRIDGE|bridgeuniqueid|holdtime|calltime|origposition
 *   ABANDON / EXITWITHTIMEOUT / EXITEMPTY   position|origposition|waittime
 *   EXITWITHKEY      key|position|origposition|waittime
 *   RINGNOANSWER     ringtime (ms)
 *   FULL / JOINEMPTY / JOINUNAVAIL   hotline|callerid|0 (lab dialplan)
 * Times are whole seconds: events are dated at the start of the line's second.
 */
export class QueueLogReader {
  /** Visits so far per `<callid>|<queue>`, with when last seen; oldest first. */
  private readonly visitNumbers = new Map<string, { n: number; at: number }>();
  private readonly open = new Map<string, OpenVisit[]>();

  constructor(private readonly options: QueueLogReaderOptions = {}) {}

  /** Reads one raw line of text. */
  readText(raw: string): QueueLogReadResult {
    const line = parseQueueLogLine(raw);
    if (!line) return { status: raw.trim() === '' ? 'ignored' : 'unreadable', events: [] };
    return this.read(line);
  }

  read(line: QueueLogLine): QueueLogReadResult {
    const { verb, callid, queue } = line;
    if (NOT_CALL_VERBS.has(verb) || callid === 'NONE' || callid === 'MANAGER') {
      return { status: 'ignored', events: [], line };
    }
    const at = line.epoch * 1000;
    const num = (index: number): number => {
      const value = Number(line.data[index] ?? 0);
      return Number.isFinite(value) ? value : 0;
    };
    const mapped = (events: CallEvent[]): QueueLogReadResult => ({
      status: 'mapped',
      events,
      line,
    });
    const unplaced: QueueLogReadResult = { status: 'unplaced', events: [], line };

    if (verb === 'ENTERQUEUE') {
      const visit = this.newVisit(callid, queue, at);
      this.openVisits(callid, queue).push(visit);
      const line_ = this.lineOf(callid, line.data[0]);
      const callerNumber = known(line.data[1]);
      const position = num(2);
      return mapped([
        {
          type: 'caller-joined-queue',
          at,
          callId: visit.callId,
          contactId: this.contactOf(callid),
          queue,
          ...(line_ !== undefined ? { line: line_ } : {}),
          ...(callerNumber !== undefined ? { callerNumber } : {}),
          ...(Number.isInteger(position) && position > 0 ? { position } : {}),
        },
      ]);
    }
    const refusal = REFUSAL_VERBS[verb];
    if (refusal) {
      const visit = this.newVisit(callid, queue, at);
      const line_ = this.lineOf(callid, line.data[0]);
      return mapped([
        {
          type: 'caller-refused',
          at,
          callId: visit.callId,
          contactId: this.contactOf(callid),
          queue,
          ...(line_ !== undefined ? { line: line_ } : {}),
          reason: refusal,
        },
      ]);
    }
    if (verb === 'RINGNOANSWER') {
      const visit = this.findOpen(callid, queue, false);
      // A ring of a visit already answered or gone, or of one begun before what was read.
      if (!visit || !known(line.agent)) return { status: 'ignored', events: [], line };
      return mapped([
        {
          type: 'agent-ring-no-answer',
          at,
          callId: visit.callId,
          queue,
          agent: line.agent,
          ringSeconds: num(0) / 1000,
        },
      ]);
    }
    if (verb === 'CONNECT') {
      const visit = this.findOpen(callid, queue, false);
      if (!visit) return unplaced;
      visit.answered = true;
      return mapped([
        {
          type: 'agent-answered',
          at,
          callId: visit.callId,
          queue,
          agent: line.agent,
          waitSeconds: num(0),
        },
      ]);
    }
    const end = END_VERBS[verb];
    if (end) {
      const visit = this.findOpen(callid, queue, true);
      if (!visit) return unplaced;
      this.close(visit);
      return mapped([
        {
          type: 'call-ended',
          at,
          callId: visit.callId,
          queue,
          agent: line.agent,
          talkSeconds: num(end.talkField),
          reason: end.reason,
        },
      ]);
    }
    const exit = EXIT_VERBS[verb];
    if (verb === 'ABANDON' || exit) {
      const visit = this.findOpen(callid, queue, false);
      if (!visit) return unplaced;
      this.close(visit);
      return mapped([
        exit
          ? {
              type: 'caller-exited',
              at,
              callId: visit.callId,
              queue,
              waitSeconds: num(exit.waitField),
              reason: exit.reason,
            }
          : { type: 'caller-abandoned', at, callId: visit.callId, queue, waitSeconds: num(2) },
      ]);
    }
    return unplaced;
  }

  /** Open visits (waiting or talking), for a reader that follows a file. */
  openCallIds(): string[] {
    return [...this.open.values()].flat().map((visit) => visit.callId);
  }

  /**
   * Forgets the visit numbering of channels with no open visit last seen before `beforeMs`, so a
   * reader fed a long ledger (a month's import) keeps memory bounded. A channel back in the same
   * queue after that would be numbered from 1 again: callers are not in queues for hours.
   */
  forget(beforeMs: number): void {
    let budget = this.visitNumbers.size;
    for (const [key, seen] of this.visitNumbers) {
      if (budget-- <= 0 || seen.at >= beforeMs) break;
      this.visitNumbers.delete(key);
      // Still open (its end not read yet): kept, moved last.
      if (this.open.has(key)) this.visitNumbers.set(key, seen);
    }
  }

  private newVisit(uniqueid: string, queue: string, at: number): OpenVisit {
    const key = `${uniqueid}|${queue}`;
    const n = (this.visitNumbers.get(key)?.n ?? 0) + 1;
    this.visitNumbers.delete(key);
    this.visitNumbers.set(key, { n, at });
    const callId = n === 1 ? `${uniqueid}@${queue}` : `${uniqueid}@${queue}#${n}`;
    return { callId, uniqueid, queue, answered: false };
  }

  private openVisits(uniqueid: string, queue: string): OpenVisit[] {
    const key = `${uniqueid}|${queue}`;
    let list = this.open.get(key);
    if (!list) {
      list = [];
      this.open.set(key, list);
    }
    return list;
  }

  private findOpen(uniqueid: string, queue: string, answered: boolean): OpenVisit | undefined {
    return this.open.get(`${uniqueid}|${queue}`)?.find((visit) => visit.answered === answered);
  }

  private close(visit: OpenVisit): void {
    const key = `${visit.uniqueid}|${visit.queue}`;
    const list = this.open.get(key) ?? [];
    list.splice(list.indexOf(visit), 1);
    if (list.length === 0) this.open.delete(key);
  }

  private contactOf(uniqueid: string): string {
    return this.options.contactIdOf?.(uniqueid) ?? uniqueid;
  }

  private lineOf(uniqueid: string, url: string | undefined): string | undefined {
    return known(url) ?? this.options.lineOf?.(uniqueid);
  }
}

function known(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === 'NONE' ? undefined : value;
}
