/**
 * The ledger auditors compare against: Asterisk's queue_log (`epoch|callid|queue|agent|VERB|
 * data…`, docs.asterisk.org "Queue Logs"), with the CDR to group visits into contacts. Counts
 * per queue, per line and for the centre, from the PBX's own records alone, so the replay test
 * can check the live pipeline against them.
 *
 * Verbs and the fields used (Asterisk 22 as seen in run1/run2):
 *   ENTERQUEUE       url|callerid|position          url = Queue()'s URL argument = ${HOTLINE}
 *   CONNECT          holdtime|bridgedchanneluniqueid|ringtime
 *   COMPLETECALLER / COMPLETEAGENT   holdtime|calltime|origposition
 *   BLINDTRANSFER    extension|context|holdtime|calltime|origposition
 *   ATTENDEDTRANSFER BRIDGE|bridgeuniqueid|holdtime|calltime|origposition (or APP|… / LINK|…)
 *   TRANSFER         extension|context|holdtime|calltime|origposition (older releases)
 *   ABANDON / EXITWITHTIMEOUT / EXITEMPTY   position|origposition|waittime
 *   EXITWITHKEY      key|position|origposition|waittime
 *   FULL / JOINEMPTY / JOINUNAVAIL   written by the lab dialplan (QueueLog() after Queue()
 *                    returned), hotline|callerid|0 — app_queue itself logs nothing for a refusal.
 *
 * Rules:
 *  - a visit is one ENTERQUEUE, or one refusal line (blocked); visits of one callid to one
 *    queue are numbered `<callid>@<queue>`, `<callid>@<queue>#2`, … in file order, as the
 *    mapper numbers them. A verb closes the open visit of its callid and queue that is in the
 *    right state (CONNECT a waiting one, COMPLETECALLER, COMPLETEAGENT or a TRANSFER an answered one): a blind transfer
 *    back into the same queue logs the new ENTERQUEUE before the old visit's BLINDTRANSFER.
 *  - offered counts joined visits and blocked ones (kpi-spec: "queue calls that joined
 *    (+ blocked)"). run2.truth.json keeps refusals out of `offered` (its `refused_*`).
 *  - answered within 10 s: CONNECT holdtime ≤ 10. Over 5 minutes: calltime > 300 (300 is not).
 *  - centre: one contact per Linkedid (CDR uniqueid → linkedid; without CDR, the callid).
 *    Answered if any visit was; its wait is (ENTERQUEUE of the first answered visit − first
 *    visit's line) + that visit's holdtime; talk is the sum of its visits' calltimes;
 *    unanswered outcome and exit reason are those of its last visit.
 */
import { QueueLogReader, uniqueidOf } from '@hotline/asterisk';
import { type AsteriskCdrRow, linkedidByUniqueid, userfieldByUniqueid } from './asterisk-cdr';

export interface QueueLogCounts {
  offered: number;
  answered: number;
  answeredWithin10s: number;
  over5Minutes: number;
  abandoned: number;
  exited: Record<string, number>;
  blocked: number;
}

export type QueueLogOutcome = 'answered' | 'abandoned' | 'exited' | 'blocked' | 'in-progress';

export interface QueueLogVisit {
  readonly callId: string;
  readonly uniqueid: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line: string | undefined;
  /** queue_log epoch of ENTERQUEUE (or of the refusal line). */
  readonly entered: number;
  outcome: QueueLogOutcome;
  exitReason?: string;
  blockReason?: string;
  waitSeconds?: number;
  talkSeconds?: number;
  /** Talk ended (COMPLETECALLER, COMPLETEAGENT or a TRANSFER logged). */
  talkFinal?: boolean;
  agent?: string;
  connected?: number;
}

export interface QueueLogLedger {
  readonly visits: readonly QueueLogVisit[];
  readonly byQueue: Readonly<Record<string, QueueLogCounts>>;
  readonly byLine: Readonly<Record<string, QueueLogCounts>>;
  readonly byAgent: Readonly<Record<string, QueueLogCounts>>;
  readonly centre: QueueLogCounts;
  /** Lines the ledger could not place (unknown verb with a callid, verb with no open visit). */
  readonly unplaced: readonly string[];
}

export function emptyQueueLogCounts(): QueueLogCounts {
  return {
    offered: 0,
    answered: 0,
    answeredWithin10s: 0,
    over5Minutes: 0,
    abandoned: 0,
    exited: {},
    blocked: 0,
  };
}

export const ANSWER_THRESHOLD_SECONDS = 10;
export const LONG_TALK_SECONDS = 300;

/**
 * The lines are read by the monitor's own QueueLogReader (@hotline/asterisk): the same call ids
 * and verbs as the live backfill, so ledger and backfill cannot drift apart.
 */
export function buildQueueLogLedger(
  queueLog: string,
  cdr: readonly AsteriskCdrRow[] = [],
): QueueLogLedger {
  const linkedid = linkedidByUniqueid(cdr);
  const userfield = userfieldByUniqueid(cdr);
  const reader = new QueueLogReader({
    contactIdOf: (uniqueid) => linkedid.get(uniqueid),
    lineOf: (uniqueid) => userfield.get(uniqueid) || undefined,
  });
  const visits: QueueLogVisit[] = [];
  const byCallId = new Map<string, QueueLogVisit>();
  const unplaced: string[] = [];

  for (const raw of queueLog.split('\n')) {
    const result = reader.readText(raw);
    if (result.status === 'unplaced' || result.status === 'unreadable') {
      unplaced.push(raw.trim());
      continue;
    }
    for (const event of result.events) {
      const epoch = Math.floor(event.at / 1000);
      switch (event.type) {
        case 'caller-joined-queue':
        case 'caller-refused': {
          const visit: QueueLogVisit = {
            callId: event.callId,
            uniqueid: uniqueidOf(event.callId),
            contactId: event.contactId,
            queue: event.queue,
            line: event.line,
            entered: epoch,
            outcome: 'in-progress',
          };
          if (event.type === 'caller-refused') {
            visit.outcome = 'blocked';
            visit.blockReason = event.reason;
          }
          visits.push(visit);
          byCallId.set(visit.callId, visit);
          break;
        }
        case 'agent-answered': {
          const visit = byCallId.get(event.callId);
          if (!visit) break;
          visit.outcome = 'answered';
          visit.waitSeconds = event.waitSeconds;
          visit.connected = epoch;
          visit.agent = event.agent;
          break;
        }
        case 'call-ended': {
          const visit = byCallId.get(event.callId);
          if (!visit) break;
          visit.talkSeconds = event.talkSeconds;
          visit.talkFinal = true;
          break;
        }
        case 'caller-abandoned':
        case 'caller-exited': {
          const visit = byCallId.get(event.callId);
          if (!visit) break;
          visit.outcome = event.type === 'caller-exited' ? 'exited' : 'abandoned';
          if (event.type === 'caller-exited') visit.exitReason = event.reason;
          visit.waitSeconds = event.waitSeconds;
          break;
        }
        case 'agent-ring-no-answer':
        case 'agent-ringing':
        case 'agent-state-changed':
        case 'survey-rated':
          break;
      }
    }
  }

  return { visits, ...countQueueLogVisits(visits), unplaced };
}

/**
 * The counts of some visits of the ledger, per queue, line, agent and for the centre (contacts
 * made of those visits only): the whole ledger's, or e.g. those of the calls a monitor that
 * attached in the middle of the traffic can know.
 */
export function countQueueLogVisits(
  visits: readonly QueueLogVisit[],
): Pick<QueueLogLedger, 'byQueue' | 'byLine' | 'byAgent' | 'centre'> {
  const byQueue: Record<string, QueueLogCounts> = {};
  const byLine: Record<string, QueueLogCounts> = {};
  const byAgent: Record<string, QueueLogCounts> = {};
  for (const visit of visits) {
    addVisit((byQueue[visit.queue] ??= emptyQueueLogCounts()), visit);
    if (visit.line !== undefined) addVisit((byLine[visit.line] ??= emptyQueueLogCounts()), visit);
    if (visit.agent) addVisit((byAgent[visit.agent] ??= emptyQueueLogCounts()), visit);
  }
  return { byQueue, byLine, byAgent, centre: centreCounts(visits) };
}

function addVisit(counts: QueueLogCounts, visit: QueueLogVisit): void {
  counts.offered += 1;
  switch (visit.outcome) {
    case 'answered':
      counts.answered += 1;
      if ((visit.waitSeconds ?? Infinity) <= ANSWER_THRESHOLD_SECONDS)
        counts.answeredWithin10s += 1;
      if ((visit.talkSeconds ?? 0) > LONG_TALK_SECONDS) counts.over5Minutes += 1;
      break;
    case 'abandoned':
      counts.abandoned += 1;
      break;
    case 'exited': {
      const reason = visit.exitReason ?? 'other';
      counts.exited[reason] = (counts.exited[reason] ?? 0) + 1;
      break;
    }
    case 'blocked':
      counts.blocked += 1;
      break;
    case 'in-progress':
      break;
  }
}

function centreCounts(visits: readonly QueueLogVisit[]): QueueLogCounts {
  const contacts = new Map<string, QueueLogVisit[]>();
  for (const visit of visits) {
    const list = contacts.get(visit.contactId);
    if (list) list.push(visit);
    else contacts.set(visit.contactId, [visit]);
  }
  const counts = emptyQueueLogCounts();
  for (const contact of contacts.values()) {
    const first = contact[0];
    const last = contact[contact.length - 1];
    if (!first || !last) continue;
    counts.offered += 1;
    const answered = contact.filter((visit) => visit.outcome === 'answered');
    const firstAnswer = answered.reduce<QueueLogVisit | undefined>(
      (best, visit) =>
        best === undefined || (visit.connected ?? Infinity) < (best.connected ?? Infinity)
          ? visit
          : best,
      undefined,
    );
    if (firstAnswer) {
      counts.answered += 1;
      const wait = firstAnswer.entered - first.entered + (firstAnswer.waitSeconds ?? 0);
      if (wait <= ANSWER_THRESHOLD_SECONDS) counts.answeredWithin10s += 1;
      const talk = answered.reduce((sum, visit) => sum + (visit.talkSeconds ?? 0), 0);
      if (talk > LONG_TALK_SECONDS) counts.over5Minutes += 1;
      continue;
    }
    addVisit(counts, last);
    counts.offered -= 1;
  }
  return counts;
}

/** Counts in the shape of another scope map, with zero counters dropped from `exited`. */
export function normaliseCounts(counts: QueueLogCounts): QueueLogCounts {
  const exited: Record<string, number> = {};
  for (const [reason, n] of Object.entries(counts.exited)) if (n) exited[reason] = n;
  return { ...counts, exited };
}
