import type { AgentState, ExitReason } from '@hotline/call-events';
import type { KpiTargets } from './kpi-config';
import type { RateInputs } from './kpi-rates';
import type { KpiCoverage } from './queue-call-record';
export type { SnapshotFilter } from './snapshot-filter';

/**
 * The engine's answer to "what are the figures now" — plain JSON data, stable field names.
 * Rates are fractions 0–1 (not percentages), unrounded, and null when the denominator is 0.
 * Times are epoch ms; durations whole or fractional seconds as named.
 */
export interface KpiSnapshot {
  readonly at: number;
  readonly timeZone: string;
  readonly targets: KpiTargets;
  /** Shift occurrences containing `at`; each appears as a `shift:<name>` period. */
  readonly activeShifts: readonly ActiveShift[];
  /**
   * From when the figures include every call: the monitor attached (or was restored from a
   * record complete since then) at `from`; `complete` when today's figures hold every call
   * since local midnight. The boards say "数据自 15:30 起" when not.
   */
  readonly coverage: KpiCoverage;
  /** Figures per scope and period. Queues/lines: those seen in the current month (or live), filtered. */
  readonly periods: {
    readonly centre: PeriodFiguresSet;
    readonly queues: Readonly<Record<string, PeriodFiguresSet>>;
    readonly lines: Readonly<Record<string, PeriodFiguresSet>>;
    readonly agents: Readonly<Record<string, PeriodFiguresSet>>;
    /**
     * Only in a filtered snapshot: the filter's lines (when it names lines, the finer cut) or
     * else its queues as one scope — their counters added up, counted per queue call, every
     * rate derived from the sums (never averaged).
     */
    readonly selection?: PeriodFiguresSet;
  };
  readonly live: LiveFigures;
  readonly agents: readonly AgentView[];
  readonly agentCounts: AgentCounts;
  /** Today's 15-minute intervals from local midnight up to the one containing `at`. */
  readonly intervals: {
    readonly centre: readonly IntervalPoint[];
    readonly queues: Readonly<Record<string, readonly IntervalPoint[]>>;
    /** Only when the snapshot was filtered by line (100 lines × 96 points is too much otherwise). */
    readonly lines: Readonly<Record<string, readonly IntervalPoint[]>>;
  };
}

/** `last15m`, `last60m`, `today`, `week`, `month`, and `shift:<name>` for every active shift. */
export type PeriodKey = 'last15m' | 'last60m' | 'today' | 'week' | 'month' | `shift:${string}`;
export type PeriodFiguresSet = Readonly<Record<PeriodKey, PeriodFigures>>;

export interface ActiveShift {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

/**
 * KPIs of one scope over one period. Queue, line and agent scopes count queue calls; the centre
 * counts contacts. A call belongs to the period in which it joined the queue.
 */
export interface PeriodFigures {
  readonly from: number;
  readonly to: number;
  /** 话务量: joined (+ blocked). */
  readonly offered: number;
  /** 话务接通数 */
  readonly answered: number;
  /** 话务接通率 = answered / offered */
  readonly answerRate: number | null;
  /** 热线10秒接通数: answered with wait <= answerThresholdSeconds. */
  readonly answeredWithin10s: number;
  /** 热线10秒接通率 = answeredWithin10s / answered (the hotline's own formula). */
  readonly answeredIn10sRate: number | null;
  /** 服务水平 = answeredWithin10s / offered (the industry formula, shown beside it). */
  readonly serviceLevel: number | null;
  /** 超5分钟通话数: talk > longTalkSeconds, counting live talks the moment they pass it. */
  readonly overFiveMinutes: number;
  /** 超5分钟通话率 = overFiveMinutes / answered */
  readonly overFiveMinuteRate: number | null;
  /** 呼损 = abandoned + exited + blocked (finished calls only; see inProgress and unknown). */
  readonly unanswered: number;
  readonly abandoned: number;
  /** 短时放弃: abandoned with wait < shortAbandonSeconds (still in abandoned and the rates). */
  readonly shortAbandons: number;
  readonly exited: number;
  readonly exitedByReason: Readonly<Partial<Record<ExitReason, number>>>;
  /** Refused by the queue (FULL, JOINEMPTY…): 呼损, counted in offered. */
  readonly blocked: number;
  /**
   * Gone while the monitor did not see the PBX, with no ledger to tell how: counted in offered,
   * neither answered nor 呼损 (docs/adr/0004-unknown-outcome.md).
   */
  readonly unknown: number;
  /**
   * Offered calls with no outcome yet (waiting).
   * offered = answered + unanswered + unknown + inProgress.
   */
  readonly inProgress: number;
  /** abandoned / offered */
  readonly abandonRate: number | null;
  /** Mean wait of answered calls. */
  readonly asaSeconds: number | null;
  /** Mean talk of answered calls that have ended. */
  readonly ahtSeconds: number | null;
  /**
   * ASA's and AHT's additive counts (`RateInputs`), carried so that figures of several scopes
   * (the sites of a platform) add up exactly: a sum rebuilt from a mean is not exact.
   * Σ wait of the answered calls.
   */
  readonly sumAnswerWaitSeconds: number;
  /** Answered calls whose talk is known (ended, and its end seen). */
  readonly handled: number;
  /** Σ talk of the handled calls. */
  readonly sumTalkSeconds: number;
  /** Longest known wait (answered or left) of the period's calls; live waits are in `live`. */
  readonly longestWaitSeconds: number;
  /** 话务员接话服务满意率: satisfied / count, by the rating's own time. */
  readonly ratings: {
    readonly count: number;
    readonly satisfied: number;
    readonly rate: number | null;
  };
}

export interface LiveFigures {
  readonly waiting: readonly WaitingCallView[];
  readonly longestCurrentWaitSeconds: number;
  /** Per queue with callers waiting: its longest current wait (queues with none are absent). */
  readonly longestWaitByQueue: Readonly<Record<string, LongestWait>>;
  /** The same per line (callers of no line are in no entry). */
  readonly longestWaitByLine: Readonly<Record<string, LongestWait>>;
  readonly talking: readonly TalkingCallView[];
  /** Talking calls whose talk so far is over longTalkSeconds (also in the period figures). */
  readonly talkingOverFiveMinutes: number;
}

/** The caller waiting longest in a scope: since when, and whole seconds at `at`. */
export interface LongestWait {
  readonly joinedAt: number;
  readonly waitSeconds: number;
  readonly callId: string;
}

/** What the live figures show of every call in flight, waiting or talking. */
export interface InFlightCallView {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line: string | null;
  readonly joinedAt: number;
  /**
   * Already in flight (waiting, or talking) when the monitor attached or reconnected: its join
   * was not seen.
   */
  readonly joinedBeforeMonitoring: boolean;
}

export interface WaitingCallView extends InFlightCallView {
  readonly callerNumber: string | null;
  /** Whole seconds since joining, at `at`. */
  readonly waitSeconds: number;
}

export interface TalkingCallView extends InFlightCallView {
  readonly agent: string | null;
  readonly answeredAt: number;
  readonly waitSeconds: number;
  /** Whole seconds since the answer, at `at`. */
  readonly talkSeconds: number;
  readonly overFiveMinutes: boolean;
  /** Join and answer times are the PBX's estimate (channel ages), not its ledger's. */
  readonly estimated: boolean;
}

export interface AgentView {
  readonly agent: string;
  readonly state: AgentState;
  readonly since: number;
  readonly secondsInState: number;
  readonly pauseReason: string | null;
  readonly queues: readonly string[];
  /** The queue call the agent is ringing for or talking on. */
  readonly callId: string | null;
  /** Seconds in each state since local midnight (occupancy). */
  readonly stateSecondsToday: Readonly<Record<AgentState, number>>;
  /** (ringing + on-call + wrap-up) / (available + ringing + on-call + wrap-up), today. */
  readonly occupancyToday: number | null;
  readonly answeredToday: number;
  readonly ahtSecondsToday: number | null;
  readonly overFiveMinutesToday: number;
  readonly ringNoAnswerToday: number;
  readonly ratingsToday: {
    readonly count: number;
    readonly satisfied: number;
    readonly rate: number | null;
  };
}

export type AgentCounts = Readonly<Record<AgentState, number>> & {
  /** Not logged out (出勤人工客服数量). */
  readonly onDuty: number;
};

/** One 15-minute interval (centre: contacts; queue/line: queue calls). */
export interface IntervalPoint extends Pick<
  RateInputs,
  'offered' | 'inProgress' | 'answered' | 'answeredWithin10s' | 'overFiveMinutes' | 'abandoned'
> {
  readonly from: number;
  readonly to: number;
  readonly exited: number;
  readonly blocked: number;
  readonly unknown: number;
  /** Most agents on duty at any moment of the interval (centre only; null for queues/lines). */
  readonly agentsOnDutyMax: number | null;
}
