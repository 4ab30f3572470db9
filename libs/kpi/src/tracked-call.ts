import type { ExitReason } from '@hotline/call-events';
import { contribution, NO_CONTRIBUTION, type Contribution, type KpiCounters } from './kpi-counters';
import type { QueueCallOutcome } from './queue-call-record';

/** Where a contribution currently sits: every (period, scope) pair it was added to. */
export interface AppliedContribution {
  readonly periods: readonly string[];
  readonly scopes: readonly string[];
  readonly c: Contribution;
  /**
   * The counters of those (period, scope) pairs, resolved once: a call is recounted several
   * times and looking its ~20 counters up by key each time was most of the engine's cost.
   * Counters of a period dropped at roll-over stay referenced here but are no longer read.
   */
  readonly targets: readonly KpiCounters[];
}

/** Anything that adds to the counters (a queue call, a contact). */
export interface Contributor {
  applied?: AppliedContribution;
}

export type CallStatus = 'waiting' | 'talking' | 'pending' | 'finished';

/** One queue call (one visit of a contact to one queue) while the engine holds it. */
export interface TrackedCall extends Contributor {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  /** Filled in later when the join did not say (a FreeSWITCH caller first seen in a resync view). */
  line?: string;
  readonly callerNumber?: string;
  readonly joinedAt: number;
  /** Period keys of the join time (fixed). */
  readonly periods: readonly string[];
  status: CallStatus;
  /** Status before a stale-call check set the call aside. */
  pendingFrom?: 'waiting' | 'talking';
  /** PBX time the call was set aside. */
  pendingAt?: number;
  ringingAgent?: string;
  readonly ringKeys: Set<string>;
  /** PBX time of the last event seen for this call (stale-call detection). */
  lastEventAt: number;
  agent?: string;
  answeredAt?: number;
  waitSeconds?: number;
  talkSeconds?: number;
  /** Answered, its end not seen: the talk known when last seen (talkSeconds stays undefined). */
  talkAtLeastSeconds?: number;
  liveOverFiveMinutes: boolean;
  outcome?: QueueCallOutcome;
  reason?: string;
  endedAt?: number;
  /** Engine time from which a finished call is kept for contactRetentionMs. */
  retainFrom?: number;
  /** Some time was estimated rather than read from the PBX's ledger (reported on the record). */
  estimated: boolean;
  /** The answer is a resync view's estimate: the PBX's own answer event, if it comes, replaces it. */
  answerEstimated?: boolean;
  /** First known from a resync view, not from its join (reported on the record). */
  joinedBeforeMonitoring: boolean;
  /** Closed without its end being seen: the real end, if it ever arrives, replaces it. */
  provisional: boolean;
  revision: number;
}

/** One caller's call end to end (Linkedid), with all its queue visits. */
export interface TrackedContact extends Contributor {
  readonly contactId: string;
  /** Ordered by join time. */
  readonly visits: TrackedCall[];
  lastActivityAt: number;
  liveOverFiveMinutes: boolean;
}

export interface CountingRules {
  readonly answerThresholdSeconds: number;
  readonly longTalkSeconds: number;
  readonly shortAbandonSeconds: number;
}

/** What a queue call adds to its queue, line and agent scopes. */
export function queueCallContribution(call: TrackedCall, rules: CountingRules): Contribution {
  switch (call.outcome) {
    case undefined:
      if (call.answeredAt !== undefined && call.waitSeconds !== undefined) {
        return answered(call.waitSeconds, undefined, call.liveOverFiveMinutes, rules);
      }
      return IN_PROGRESS;
    case 'answered':
      return answered(call.waitSeconds ?? 0, call.talkSeconds, call.liveOverFiveMinutes, rules);
    case 'abandoned':
    case 'exited':
    case 'blocked':
    case 'unknown':
      return unanswered(call.outcome, call.waitSeconds ?? 0, call.reason, rules);
  }
}

/**
 * Over 5 minutes: the PBX's whole-second talk is over longTalkSeconds (exactly 300 is not); for
 * an answered call whose end was not seen, the talk known when it was last seen already was.
 * The one rule for finished records (the engine, storage's aggregates).
 */
export function isOverFiveMinutes(
  talkSeconds: number | null | undefined,
  talkAtLeastSeconds: number | null | undefined,
  longTalkSeconds: number,
): boolean {
  if (talkSeconds !== null && talkSeconds !== undefined) return talkSeconds > longTalkSeconds;
  return (talkAtLeastSeconds ?? 0) > longTalkSeconds;
}

/**
 * What a contact adds to the centre scope: answered if any visit was, wait from the first
 * entry to the first answer; otherwise the outcome of the last visit, wait from the first
 * entry to leaving it. Seconds are counted on whole PBX seconds, as queue_log has them.
 */
export function contactContribution(contact: TrackedContact, rules: CountingRules): Contribution {
  const visits = contact.visits;
  const first = visits[0];
  if (!first) return NO_CONTRIBUTION;
  const sinceFirst = (visit: TrackedCall): number =>
    wholeSecond(visit.joinedAt) - wholeSecond(first.joinedAt);
  let firstAnswer: TrackedCall | undefined;
  let talk = 0;
  let talkAtLeast = 0;
  let talkFinal = true;
  for (const visit of visits) {
    if (visit.answeredAt === undefined) {
      if (visit.outcome === undefined) talkFinal = false;
      continue;
    }
    if (!firstAnswer || visit.answeredAt < (firstAnswer.answeredAt ?? Infinity))
      firstAnswer = visit;
    if (visit.outcome === 'answered' && visit.talkSeconds !== undefined) talk += visit.talkSeconds;
    else talkFinal = false;
    if (visit.outcome === 'answered' && visit.talkSeconds === undefined)
      talkAtLeast += visit.talkAtLeastSeconds ?? 0;
  }
  if (firstAnswer) {
    const wait = sinceFirst(firstAnswer) + (firstAnswer.waitSeconds ?? 0);
    return answered(
      wait,
      talkFinal ? talk : undefined,
      contact.liveOverFiveMinutes || talk + talkAtLeast > rules.longTalkSeconds,
      rules,
    );
  }
  const last = visits[visits.length - 1] ?? first;
  if (last.outcome === undefined || last.outcome === 'answered') return IN_PROGRESS;
  return unanswered(last.outcome, sinceFirst(last) + (last.waitSeconds ?? 0), last.reason, rules);
}

const IN_PROGRESS = contribution({ offered: 1, inProgress: 1 });

function answered(
  wait: number,
  talk: number | undefined,
  liveOver: boolean,
  rules: CountingRules,
): Contribution {
  const final = talk !== undefined;
  return contribution({
    offered: 1,
    answered: 1,
    answeredWithin10s: wait <= rules.answerThresholdSeconds ? 1 : 0,
    answerWaitSeconds: wait,
    waitSeconds: wait,
    handled: final ? 1 : 0,
    talkSeconds: talk ?? 0,
    // The PBX's whole-second talk decides once the call has ended: exactly 300 is not over.
    overFiveMinutes: (final ? talk > rules.longTalkSeconds : liveOver) ? 1 : 0,
  });
}

function unanswered(
  outcome: 'abandoned' | 'exited' | 'blocked' | 'unknown',
  wait: number,
  reason: string | undefined,
  rules: CountingRules,
): Contribution {
  switch (outcome) {
    case 'abandoned':
      return contribution({
        offered: 1,
        abandoned: 1,
        shortAbandons: wait < rules.shortAbandonSeconds ? 1 : 0,
        waitSeconds: wait,
      });
    case 'exited':
      return contribution({
        offered: 1,
        exited: 1,
        exitReason: (reason ?? 'other') as ExitReason,
        waitSeconds: wait,
      });
    case 'blocked':
      return contribution({ offered: 1, blocked: 1 });
    case 'unknown':
      // Its own bucket: offered, neither answered nor lost. The wait known so far is a
      // minimum the caller certainly waited, so it may raise the longest wait.
      return contribution({ offered: 1, unknown: 1, waitSeconds: wait });
  }
}

export function wholeSecond(at: number): number {
  return Math.floor(at / 1000);
}
