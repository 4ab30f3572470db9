import {
  answeringAgent,
  contactContribution,
  queueCallContribution,
  ratingScopes,
} from '@hotline/kpi';
import type { StoredQueueCall } from './queue-call.repository';
import type { AggregationRules } from './storage-options';
import { addContribution } from './stored-counter-mapping';
import {
  type AgentStateIntervalRecord,
  CENTRE_KEY,
  emptyCounters,
  type IntervalAggregateRow,
  type StoredCounters,
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
  /** The rated calls and every visit of their contacts (to attribute the ratings). */
  readonly ratedVisits: readonly StoredQueueCall[];
  readonly agentStates: readonly AgentStateIntervalRecord[];
}

/**
 * Computes the 15-minute aggregates of the given intervals from raw rows (pure), counting with
 * the engine's rulebook (libs/kpi counting-rules): queue, line and agent scopes count queue
 * calls in the interval they joined; the centre scope counts contacts in the interval of their
 * *first* queue entry (docs/kpi-spec.md "centre scope"). Summing intervals therefore never
 * counts a contact twice, and a day of intervals equals the engine's day.
 */
export function aggregateIntervals(
  intervalStarts: readonly number[],
  inputs: IntervalInputs,
  rules: AggregationRules,
): IntervalAggregateRow[] {
  const wanted = new Set(intervalStarts);
  const table = new Map<
    string,
    { start: number; kind: ScopeKind; key: string; c: StoredCounters }
  >();
  const bucket = (start: number, kind: ScopeKind, key: string): StoredCounters => {
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
    const counted = queueCallContribution(call, rules);
    addContribution(bucket(start, 'queue', call.queue), counted);
    addContribution(bucket(start, 'line', call.line ?? UNKNOWN_LINE), counted);
    const agent = answeringAgent(call);
    if (agent !== undefined) addContribution(bucket(start, 'agent', agent), counted);
  }

  for (const visits of visitsByContact(inputs.contactVisits)) {
    const start = intervalStart(visits[0].joinedAt);
    if (!wanted.has(start)) continue;
    addContribution(bucket(start, 'centre', CENTRE_KEY), contactContribution(visits, rules));
  }

  const ratedCalls = new Map(inputs.ratedVisits.map((v) => [v.callId, v]));
  const ratedContacts = new Map(
    visitsByContact(inputs.ratedVisits).map((v) => [v[0].contactId, v]),
  );
  for (const rating of inputs.ratings) {
    const start = intervalStart(rating.ratedAt);
    if (!wanted.has(start)) continue;
    const satisfied = rating.score >= rules.satisfiedMinScore ? 1 : 0;
    const scopes: [ScopeKind, string][] = [
      ['centre', CENTRE_KEY],
      ['queue', rating.queue],
    ];
    const call = rating.callId ? ratedCalls.get(rating.callId) : undefined;
    const contactId = rating.contactId ?? call?.contactId;
    const { line, agent } = ratingScopes(
      { at: rating.ratedAt, agent: rating.agent },
      call,
      (contactId !== undefined ? ratedContacts.get(contactId) : undefined) ?? [],
    );
    if (agent) scopes.push(['agent', agent]);
    // A rated call with no line counts under '-', as the call itself does.
    if (line !== undefined || call) scopes.push(['line', line ?? UNKNOWN_LINE]);
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

/**
 * Every visit of each contact, once (by call id), in join order: what the rulebook's contact
 * fold (libs/kpi contactContribution) reads. A contact is never empty.
 */
export function visitsByContact(
  visits: readonly StoredQueueCall[],
): [StoredQueueCall, ...StoredQueueCall[]][] {
  const byContact = new Map<string, Map<string, StoredQueueCall>>();
  for (const visit of visits) {
    let calls = byContact.get(visit.contactId);
    if (!calls) byContact.set(visit.contactId, (calls = new Map<string, StoredQueueCall>()));
    if (!calls.has(visit.callId)) calls.set(visit.callId, visit);
  }
  return [...byContact.values()].map(
    (calls) =>
      [...calls.values()].sort(
        (a, b) => a.joinedAt - b.joinedAt || a.callId.localeCompare(b.callId),
      ) as [StoredQueueCall, ...StoredQueueCall[]],
  );
}
