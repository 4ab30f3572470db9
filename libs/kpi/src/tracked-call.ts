import type { Contribution, KpiCounters } from './kpi-counters';
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
/** The scope keys a call counts in, and the queue, line and answering agent they are of. */
export interface CallScopeKeys {
  readonly queue: string;
  readonly line: string | undefined;
  readonly agent: string | undefined;
  readonly scopes: readonly string[];
}

export interface TrackedCall extends Contributor {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  /** Filled in later when the join did not say (a FreeSWITCH caller first seen in a resync view). */
  line?: string;
  readonly callerNumber?: string;
  readonly joinedAt: number;
  /** Kept while queue, line and agent stay: a recount then builds no keys and finds its counters. */
  scopeKeys?: CallScopeKeys;
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

/** Sets a call's status; a call taken back from aside forgets where it was and since when. */
export function settleStatus(call: TrackedCall, status: Exclude<CallStatus, 'pending'>): void {
  call.status = status;
  call.pendingFrom = undefined;
  call.pendingAt = undefined;
}
