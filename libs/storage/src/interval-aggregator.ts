import { isOverFiveMinutes } from '@hotline/kpi';
import type { StoredQueueCall } from './queue-call.repository';
import type { AggregationRules } from './storage-options';
import {
  type AgentStateIntervalRecord,
  CENTRE_KEY,
  emptyCounters,
  type IntervalAggregateRow,
  type KpiCounters,
  type ScopeKind,
  type SurveyRatingRecord,
} from './stored-records';
import { FIFTEEN_MINUTES_MS, intervalStart } from '@hotline/calendar';

/** Key used for calls whose line (热线) the PBX did not report. */
export const UNKNOWN_LINE = '-';

export interface IntervalInputs {
  /** Queue calls that joined in the intervals being computed. */
  readonly calls: readonly StoredQueueCall[];
  /** Every visit of every contact in `calls`, wherever it joined (for the centre scope). */
  readonly contactVisits: readonly StoredQueueCall[];
  readonly ratings: readonly SurveyRatingRecord[];
  /** Line of the rated call, by call id, when known. */
  readonly lineByCallId: ReadonlyMap<string, string | null>;
  readonly agentStates: readonly AgentStateIntervalRecord[];
}

/**
 * Computes the 15-minute aggregates of the given intervals from raw rows (pure). Queue, line
 * and agent scopes count queue calls in the interval they joined; the centre scope counts
 * contacts in the interval of their *first* queue entry (docs/kpi-spec.md "centre scope"):
 * answered if any visit was, wait from the first entry to the first answer, otherwise the
 * outcome of the last visit. Summing intervals therefore never counts a contact twice.
 */
export function aggregateIntervals(
  intervalStarts: readonly number[],
  inputs: IntervalInputs,
  rules: AggregationRules,
): IntervalAggregateRow[] {
  const wanted = new Set(intervalStarts);
  const table = new Map<string, { start: number; kind: ScopeKind; key: string; c: KpiCounters }>();
  const bucket = (start: number, kind: ScopeKind, key: string): KpiCounters => {
    const id = `${start}|${kind}|${key}`;
    let entry = table.get(id);
    if (!entry) {
      entry = { start, kind, key, c: emptyCounters() };
      table.set(id, entry);
    }
    return entry.c;
  };

  for (const call of inputs.calls) {
    const start = intervalStart(call.joinedAt);
    if (!wanted.has(start)) continue;
    const scopes: [ScopeKind, string][] = [
      ['queue', call.queue],
      ['line', call.line ?? UNKNOWN_LINE],
    ];
    if (call.agent && call.outcome === 'answered') scopes.push(['agent', call.agent]);
    for (const [kind, key] of scopes)
      countOutcome(
        bucket(start, kind, key),
        call.outcome,
        call.waitSeconds,
        call.talkSeconds,
        call.talkAtLeastSeconds,
        rules,
      );
  }

  for (const contact of contactsOf(inputs.contactVisits)) {
    const start = intervalStart(contact.firstJoinedAt);
    if (!wanted.has(start)) continue;
    countOutcome(
      bucket(start, 'centre', CENTRE_KEY),
      contact.outcome,
      contact.waitSeconds,
      contact.talkSeconds,
      contact.talkAtLeastSeconds,
      rules,
    );
  }

  for (const rating of inputs.ratings) {
    const start = intervalStart(rating.ratedAt);
    if (!wanted.has(start)) continue;
    const satisfied = rating.score >= rules.satisfiedMinScore ? 1 : 0;
    const scopes: [ScopeKind, string][] = [
      ['centre', CENTRE_KEY],
      ['queue', rating.queue],
    ];
    if (rating.agent) scopes.push(['agent', rating.agent]);
    const line = rating.callId ? inputs.lineByCallId.get(rating.callId) : undefined;
    if (line !== undefined) scopes.push(['line', line ?? UNKNOWN_LINE]);
    for (const [kind, key] of scopes) {
      const c = bucket(start, kind, key);
      c.ratings += 1;
      c.satisfied += satisfied;
    }
  }

  // Agents on duty (出勤人工客服数量): anyone not logged out at some moment of the interval.
  const onDuty = new Map<number, Set<string>>();
  for (const span of inputs.agentStates) {
    if (span.state === 'logged-out' || span.endedAt <= span.startedAt) continue;
    for (
      let start = intervalStart(span.startedAt);
      start < span.endedAt;
      start += FIFTEEN_MINUTES_MS
    ) {
      if (!wanted.has(start)) continue;
      let agents = onDuty.get(start);
      if (!agents) onDuty.set(start, (agents = new Set()));
      agents.add(span.agent);
    }
  }
  for (const [start, agents] of onDuty) {
    bucket(start, 'centre', CENTRE_KEY).agentsOnDuty = agents.size;
    for (const agent of agents) bucket(start, 'agent', agent).agentsOnDuty = 1;
  }

  return [...table.values()]
    .sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key))
    .map(({ start, kind, key, c }) => ({
      intervalStart: start,
      scopeKind: kind,
      scopeKey: key,
      ...c,
    }));
}

function countOutcome(
  c: KpiCounters,
  outcome: StoredQueueCall['outcome'],
  wait: number,
  talk: number | null,
  talkAtLeast: number | null,
  rules: AggregationRules,
): void {
  c.offered += 1;
  c.maxWait = Math.max(c.maxWait, wait);
  switch (outcome) {
    case 'answered':
      c.answered += 1;
      c.sumWait += wait;
      // A talk whose end was not seen is unknown: out of AHT, over 5 minutes only by its
      // known minimum (the engine's rule, libs/kpi isOverFiveMinutes).
      if (talk === null) c.talkUnknown += 1;
      else c.sumTalk += talk;
      if (wait <= rules.answerThresholdSeconds) c.answered10s += 1;
      if (isOverFiveMinutes(talk, talkAtLeast, rules.longTalkSeconds)) c.over5min += 1;
      break;
    case 'unknown':
      c.unknown += 1;
      break;
    case 'abandoned':
      c.abandoned += 1;
      if (wait < rules.shortAbandonSeconds) c.shortAbandoned += 1;
      break;
    case 'exited':
      c.exited += 1;
      break;
    case 'blocked':
      c.blocked += 1;
      break;
  }
}

export interface ContactOutcome {
  readonly contactId: string;
  readonly firstJoinedAt: number;
  readonly outcome: StoredQueueCall['outcome'];
  /** From the first queue entry to the first answer, or to leaving the last queue. */
  readonly waitSeconds: number;
  /**
   * Talk of every answered visit of the contact (a transfer continues the conversation); null
   * when one of them ended unseen (then talkAtLeastSeconds: the known talks and minima).
   */
  readonly talkSeconds: number | null;
  readonly talkAtLeastSeconds: number | null;
}

/** Folds queue calls into contacts by the spec's centre-scope rules. */
export function contactsOf(visits: readonly StoredQueueCall[]): ContactOutcome[] {
  const byContact = new Map<string, StoredQueueCall[]>();
  for (const visit of visits) {
    let list = byContact.get(visit.contactId);
    if (!list) byContact.set(visit.contactId, (list = []));
    if (!list.some((v) => v.callId === visit.callId)) list.push(visit);
  }
  const out: ContactOutcome[] = [];
  for (const [contactId, list] of byContact) {
    list.sort((a, b) => a.joinedAt - b.joinedAt || a.callId.localeCompare(b.callId));
    const first = list[0];
    const last = list[list.length - 1];
    const offsetSeconds = (visit: StoredQueueCall) =>
      Math.round((visit.joinedAt - first.joinedAt) / 1000);
    const answered = list.find((v) => v.outcome === 'answered');
    if (answered) {
      const talks = list.filter((v) => v.outcome === 'answered');
      const known = talks.reduce((sum, v) => sum + (v.talkSeconds ?? 0), 0);
      const unseen = talks.some((v) => v.talkSeconds === null);
      out.push({
        contactId,
        firstJoinedAt: first.joinedAt,
        outcome: 'answered',
        waitSeconds: offsetSeconds(answered) + answered.waitSeconds,
        talkSeconds: unseen ? null : known,
        talkAtLeastSeconds: unseen
          ? known + talks.reduce((sum, v) => sum + (v.talkAtLeastSeconds ?? 0), 0)
          : null,
      });
    } else {
      out.push({
        contactId,
        firstJoinedAt: first.joinedAt,
        outcome: last.outcome,
        waitSeconds: offsetSeconds(last) + last.waitSeconds,
        talkSeconds: null,
        talkAtLeastSeconds: null,
      });
    }
  }
  return out;
}
