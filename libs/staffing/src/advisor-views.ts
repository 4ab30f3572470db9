import type { AfterCallWorkSource } from './after-call-work';
import type { CentreTargets } from './centre-targets';
import type { ErlangATarget } from './erlang-a';
import type { FloorCapacity } from './floor-capacity';
import type { RotaPeak, RotaShiftSuggestion } from './rota-check';
import type { FinishedInterval, StaffingCause, StaffingStatus } from './staffing-verdict';

/** How the handle time (the time an agent is busy per call) was obtained. */
export interface HandleTime {
  /** Mean talk of answered calls (the KPI's AHT). */
  readonly talkSeconds: number;
  readonly talkSource: 'last60m' | 'today' | 'history' | 'default';
  /** After-call work per answered call (wrap-up). */
  readonly afterCallWorkSeconds: number;
  readonly afterCallWorkSource: AfterCallWorkSource;
  /** talk + after-call work: the μ⁻¹ of Erlang C/A. */
  readonly seconds: number;
}

export interface PatienceUsed {
  readonly meanPatienceSeconds: number;
  readonly source: 'estimated' | 'default';
  /** Abandons behind the estimate (sliding window of finished calls). */
  readonly abandoned: number;
}

/**
 * Needed versus answering for the current 15-minute interval (GET /api/v1/staffing/now), where
 * the agents on duty are, and the advice's status with its causes.
 */
export interface StaffingNow {
  /** PBX time of the figures. */
  readonly at: number;
  readonly intervalStart: number;
  readonly intervalEnd: number;
  /** Agents answering needed now for the centre's targets (Erlang A, with abandonment). */
  readonly neededNow: number;
  /** Agents logged in now (出勤人工客服数量): floor.onDuty. */
  readonly onDuty: number;
  /** 在岗 = 可接 + 话后 + paused by kind. */
  readonly floor: FloorCapacity;
  /** neededNow − floor.answering: positive = agents short, negative = more than needed. */
  readonly gap: number;
  /** 'missed' and 'short' are red; 'spare' only when the last finished interval met the targets. */
  readonly status: StaffingStatus;
  /** Why the last finished interval missed a target (status 'missed'), most direct first. */
  readonly causes: readonly StaffingCause[];
  /**
   * The interval before this one, judged (null when today's figures do not hold all its calls:
   * today's first interval, or the monitor attached after it began).
   */
  readonly lastInterval: FinishedInterval | null;
  /**
   * The forecast made for this interval at its first push — when it began, unless the monitor
   * started within it (null until one was made).
   */
  readonly forecast: IntervalForecastNote | null;
  /** λ × handle time, Erlangs, with λ from the calls offered in the last 15 minutes. */
  readonly offeredLoad: number;
  readonly arrivalsPerHour: number;
  /** Agents the configured rota puts on this interval (partial cover pro rata). */
  readonly scheduled: number;
  readonly handleTime: HandleTime;
  readonly patience: PatienceUsed;
  readonly targets: CentreTargets;
  readonly erlangA: {
    readonly agents: number;
    /** Targets one agent fewer would miss. */
    readonly limitedBy: readonly ErlangATarget[];
    /** Predicted with the agents answering now (floor.answering). */
    readonly answerRateWithAnswering: number;
    readonly answeredWithinRateWithAnswering: number;
    readonly averageSpeedOfAnswerSecondsWithAnswering: number;
  };
  readonly erlangC: {
    /** Smallest n with P(wait ≤ t) ≥ the 10-second target, callers infinitely patient. */
    readonly agents: number;
    readonly serviceLevelWithAnswering: number;
  };
}

/** What the forecast said of one interval when it began. */
export interface IntervalForecastNote {
  /** StaffingForecast.method: 'no-history' means nothing was forecast. */
  readonly method: StaffingForecast['method'];
  /** null with method 'no-history'. */
  readonly expectedCalls: number | null;
}

export interface ForecastIntervalView {
  readonly intervalStart: number;
  readonly intervalEnd: number;
  /** Local 'YYYY-MM-DD' and 'HH:mm'. */
  readonly date: string;
  readonly time: string;
  readonly expectedCalls: number;
  /** Same weekday & interval over past weeks (0 without history). */
  readonly baseline: number;
  readonly weeksUsed: number;
  readonly offeredLoad: number;
  /** Erlang A agents for the targets. */
  readonly needed: number;
  readonly neededErlangC: number;
  readonly scheduled: number;
  /** needed − scheduled. */
  readonly gap: number;
  readonly seatsShort: number;
  readonly predictedAnswerRate: number;
  readonly predictedAnsweredWithinRate: number;
}

export interface StaffingForecast {
  readonly at: number;
  readonly hours: number;
  /**
   * 'history': same weekday & interval over past weeks × today's deviation;
   * 'today-level': no usable history, every coming interval gets today's recent level;
   * 'no-history': no history and no finished interval of today (a cold start): no intervals.
   */
  readonly method: 'history' | 'today-level' | 'no-history';
  /** Today's actual ÷ baseline so far (1 with no history). */
  readonly todayRatio: number;
  readonly handleTime: HandleTime;
  readonly patience: PatienceUsed;
  readonly intervals: readonly ForecastIntervalView[];
}

export interface RotaIntervalView {
  readonly intervalStart: number;
  readonly date: string;
  readonly time: string;
  readonly weekday: number;
  readonly offered: number;
  readonly offeredLoad: number;
  readonly required: number;
  readonly scheduled: number;
  readonly shortfall: number;
}

export interface StaffingRotaReport {
  readonly weekStart: string;
  /**
   * Which week this is: the one asked for; or, asked for none, the current week — or the
   * previous one while the current week has no finished interval yet (e.g. Monday 00:05).
   */
  readonly week: 'requested' | 'current' | 'previous';
  readonly from: number;
  readonly to: number;
  readonly source: 'storage' | 'today-only';
  readonly meanPatienceSeconds: number;
  readonly handleTime: HandleTime;
  readonly intervals: readonly RotaIntervalView[];
  readonly shortIntervals: number;
  /** Σ shortfall × ¼ h: agent-hours missing over the week. */
  readonly shortAgentHours: number;
  /** The check's peak as JSON: `requiredAt` null when nothing was required. */
  readonly peak: Omit<RotaPeak, 'requiredAtMs'> & { readonly requiredAt: number | null };
  readonly shifts: readonly RotaShiftSuggestion[];
  readonly uncoveredMinutesOfDay: readonly number[];
}

/** One 15-minute interval of the centre's history, as the staffing advisor reads it. */
export interface StaffingHistoryInterval {
  readonly startMs: number;
  /** Contacts offered (centre scope). */
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Sum of the talk of answered calls, seconds (those whose talk is known). */
  readonly sumTalkSeconds: number;
  /** Answered calls whose end was not seen: not in sumTalkSeconds. */
  readonly talkUnknown?: number;
  /**
   * Seconds waited by ALL callers who waited (answered, abandoned, exited), for the patience
   * estimate; undefined when the source only knows the answered calls' waits.
   */
  readonly totalWaitSeconds?: number;
  /** Abandons within the short-abandon threshold (lost whatever the staffing), when known. */
  readonly shortAbandoned?: number;
  /** Most agents on duty in the interval, when known. */
  readonly agentsOnDuty?: number;
  /** Seconds of after-call work (wrap-up) that began in the interval, when measured. */
  readonly wrapUpSeconds?: number;
}
