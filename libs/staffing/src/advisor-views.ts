import type { CentreTargets } from './centre-targets';
import type { ErlangATarget } from './erlang-a';
import type { RotaPeak, RotaShiftSuggestion } from './rota-check';

/** How the handle time (the time an agent is busy per call) was obtained. */
export interface HandleTime {
  /** Mean talk of answered calls (the KPI's AHT). */
  readonly talkSeconds: number;
  readonly talkSource: 'last60m' | 'today' | 'history' | 'default';
  /** After-call work per answered call (wrap-up). */
  readonly afterCallWorkSeconds: number;
  readonly afterCallWorkSource: 'config' | 'measured' | 'none';
  /** talk + after-call work: the μ⁻¹ of Erlang C/A. */
  readonly seconds: number;
}

export interface PatienceUsed {
  readonly meanPatienceSeconds: number;
  readonly source: 'estimated' | 'default';
  /** Abandons behind the estimate (sliding window of finished calls). */
  readonly abandoned: number;
}

/** Needed versus on duty for the current 15-minute interval (GET /api/v1/staffing/now). */
export interface StaffingNow {
  /** PBX time of the figures. */
  readonly at: number;
  readonly intervalStart: number;
  readonly intervalEnd: number;
  /** Agents needed now for the centre's targets (Erlang A, with abandonment). */
  readonly neededNow: number;
  /** Agents logged in now (出勤人工客服数量). */
  readonly onDuty: number;
  /** neededNow − onDuty: positive = agents short, negative = spare. */
  readonly gap: number;
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
    /** Predicted with the agents on duty now. */
    readonly answerRateWithOnDuty: number;
    readonly answeredWithinRateWithOnDuty: number;
    readonly averageSpeedOfAnswerSecondsWithOnDuty: number;
  };
  readonly erlangC: {
    /** Smallest n with P(wait ≤ t) ≥ the 10-second target, callers infinitely patient. */
    readonly agents: number;
    readonly serviceLevelWithOnDuty: number;
  };
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
   * 'today-level': no usable history, every coming interval gets today's recent level.
   */
  readonly method: 'history' | 'today-level';
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
}
