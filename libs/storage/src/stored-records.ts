import type { AlarmEvent } from '@hotline/alarms';
import type { QueueCallOutcome, RestorableQueueCall } from '@hotline/kpi';

export type { QueueCallOutcome };

/**
 * What storage keeps of a queue call: the engine's finished-call record (libs/kpi
 * `QueueCallRecord`, emitted by `engine.onCallFinished`) with its optional fields tolerant of
 * `null` — the very shape the engine restores from. Times are epoch ms (PBX clock); waits and
 * talk whole seconds.
 */
export type QueueCallRecord = RestorableQueueCall;

/** A closed span of one agent in one state (坐席状态). */
export interface AgentStateIntervalRecord {
  readonly agent: string;
  /** 'logged-out' | 'available' | 'ringing' | 'on-call' | 'wrap-up' | 'paused' */
  readonly state: string;
  readonly pauseReason?: string | null;
  readonly startedAt: number;
  readonly endedAt: number;
  /** The call rung or talked on; for `wrap-up`, the call whose after-call work it is. */
  readonly callId?: string | null;
}

export interface SurveyRatingRecord {
  readonly ratingId: string;
  readonly contactId?: string | null;
  readonly callId?: string | null;
  readonly queue: string;
  readonly agent?: string | null;
  /** Key pressed, 1–5. */
  readonly score: number;
  readonly ratedAt: number;
}

/** One line of the alarm history, as libs/alarms makes it from a transition (`alarmEvent`). */
export type AlarmEventRecord = AlarmEvent;

/** One item of the write backlog (and one line of the spill file). */
export type StorageItem =
  | { readonly kind: 'queue-call'; readonly record: QueueCallRecord }
  | { readonly kind: 'agent-state'; readonly record: AgentStateIntervalRecord }
  | { readonly kind: 'rating'; readonly record: SurveyRatingRecord }
  | { readonly kind: 'alarm-event'; readonly record: AlarmEventRecord };

export type ScopeKind = 'centre' | 'queue' | 'line' | 'agent';
export const SCOPE_KINDS: readonly ScopeKind[] = ['centre', 'queue', 'line', 'agent'];
/** The centre scope has one key. */
export const CENTRE_KEY = '*';

/** The additive counters kept per 15-minute interval, month and scope. */
export interface StoredCounters {
  offered: number;
  answered: number;
  answered10s: number;
  over5min: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  blocked: number;
  /** Gone while the monitor did not see the PBX, outcome not known; counted in offered. */
  unknown: number;
  /** Sum of the waits of answered calls (ASA = sumWait / answered). */
  sumWait: number;
  /** Sum of the talk of answered calls whose talk is known (AHT = sumTalk / (answered − talkUnknown)). */
  sumTalk: number;
  /** Answered calls whose end was not seen: their talk is not in sumTalk. */
  talkUnknown: number;
  /** Longest wait of any call, answered or not. */
  maxWait: number;
  ratings: number;
  satisfied: number;
  /** Agents on duty (not logged out) at any moment of the interval; peak for longer periods. */
  agentsOnDuty: number;
}

export interface IntervalAggregateRow extends StoredCounters {
  readonly intervalStart: number;
  readonly scopeKind: ScopeKind;
  readonly scopeKey: string;
}

export interface MonthlyAggregateRow extends StoredCounters {
  /** "YYYY-MM" local. */
  readonly month: string;
  readonly scopeKind: ScopeKind;
  readonly scopeKey: string;
  /**
   * Satisfaction rate (0–1) as reported when only the rate is known (the reference months
   * have no rating counts); otherwise null and derived from ratings/satisfied.
   */
  readonly satisfactionRate: number | null;
  /** 'computed' (rolled up from intervals) or 'imported' (e.g. the 2020–21 reference). */
  readonly source: 'computed' | 'imported';
}

export function emptyCounters(): StoredCounters {
  return {
    offered: 0,
    answered: 0,
    answered10s: 0,
    over5min: 0,
    abandoned: 0,
    shortAbandoned: 0,
    exited: 0,
    blocked: 0,
    unknown: 0,
    sumWait: 0,
    sumTalk: 0,
    talkUnknown: 0,
    maxWait: 0,
    ratings: 0,
    satisfied: 0,
    agentsOnDuty: 0,
  };
}

/**
 * How each counter combines over a longer period: summed, except the longest wait and the
 * agents on duty, which are the peak. The one rule for JS (addCounters) and SQL (report sums).
 */
export const COUNTER_COMBINE: Readonly<Record<keyof StoredCounters, 'sum' | 'max'>> = {
  offered: 'sum',
  answered: 'sum',
  answered10s: 'sum',
  over5min: 'sum',
  abandoned: 'sum',
  shortAbandoned: 'sum',
  exited: 'sum',
  blocked: 'sum',
  unknown: 'sum',
  sumWait: 'sum',
  sumTalk: 'sum',
  talkUnknown: 'sum',
  maxWait: 'max',
  ratings: 'sum',
  satisfied: 'sum',
  agentsOnDuty: 'max',
};

const COUNTER_KEYS = Object.keys(COUNTER_COMBINE) as (keyof StoredCounters)[];

/** Adds b into a (agents on duty, longest wait: peak). */
export function addCounters(a: StoredCounters, b: StoredCounters): StoredCounters {
  for (const key of COUNTER_KEYS)
    a[key] = COUNTER_COMBINE[key] === 'max' ? Math.max(a[key], b[key]) : a[key] + b[key];
  return a;
}
