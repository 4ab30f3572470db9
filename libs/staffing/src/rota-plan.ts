import type { AfterCallWorkSource } from './after-call-work';
import type { CentreTargets } from './centre-targets';
import type { MilpStatus } from './milp';
import type { LabourRules, ShiftType } from './rota-rules';

/**
 * The planner's output — also the simulator's input (`--rota plan.json`). Plain JSON: every
 * time is local wall-clock 'HH:mm', weekdays are ISO (1 = Monday … 7 = Sunday), slot arrays
 * hold the week's 672 fifteen-minute slots from Monday 00:00.
 */
export interface RotaPlan {
  readonly format: 'hotline-rota-plan/1';
  /** Local Monday the plan was made for, 'YYYY-MM-DD' (null: a typical week). */
  readonly weekStart: string | null;
  readonly inputs: RotaPlanInputs;
  readonly limits: { readonly headcount: number; readonly seats: number };
  readonly rules: { readonly shiftTypes: readonly ShiftType[]; readonly labour: LabourRules };
  /**
   * 'met': every slot meets the requirement; 'short': no rota within the limits does (or none
   * was found in the time allowed: see `infeasibility.proved`) — the plan is the best one.
   */
  readonly requirement: 'met' | 'short';
  readonly infeasibility: RotaInfeasibility | null;
  readonly smallestHeadcount: BoundedCount;
  readonly summary: RotaPlanSummary;
  readonly people: readonly RotaPerson[];
  /** People per shift and weekday (the rota as a table). */
  readonly shiftTable: readonly RotaShiftRow[];
  readonly slots: RotaPlanSlots;
  readonly solver: RotaSolverReport;
}

/**
 * What the week's calls were planned from: the stored history of the weeks before it (maybe
 * re-levelled to a month's volume), a month's volume over the typical week (no history), or a
 * demand the caller gave as it is. Data, not prose: the page says it in the reader's language.
 */
export type RotaDemandBasis =
  | {
      readonly kind: 'history';
      readonly weeks: number;
      readonly relevelledTo: { readonly calls: number; readonly month: string } | null;
    }
  | {
      readonly kind: 'month-volume';
      readonly calls: number;
      readonly month: string;
      /** The volume as asked, from `staffing.planner.monthlyCalls`, or `kpi.targets.monthlyOffered`. */
      readonly volumeFrom: 'request' | 'planner-table' | 'monthly-target';
    }
  | { readonly kind: 'given' };

export interface RotaPlanInputs {
  readonly demandBasis: RotaDemandBasis;
  readonly callsPerWeek: number;
  readonly handleSeconds: number;
  readonly talkSeconds: number;
  readonly afterCallWorkSeconds: number;
  readonly afterCallWorkSource: AfterCallWorkSource;
  readonly meanPatienceSeconds: number;
  readonly patienceSource: 'estimated' | 'default' | 'given';
  /** Abandons behind an estimated patience (null when not estimated from a history). */
  readonly patienceAbandons: number | null;
  readonly shrinkage: number;
  /** Share of callers lost whatever the staffing (short abandons in the history; 0: unknown). */
  readonly unavoidableLossShare: number;
  readonly minAnswering: number;
  readonly targets: CentreTargets;
}

/** A count the solver found and the lower bound it proved (equal when proved optimal). */
export interface BoundedCount {
  readonly value: number | null;
  readonly provedAtLeast: number;
  readonly optimal: boolean;
}

export interface RotaInfeasibility {
  /** True when the solver proved no rota within the limits meets every slot. */
  readonly proved: boolean;
  /** Agent-hours below the requirement, best found and proved lower bound. */
  readonly shortAgentHours: number;
  readonly shortAgentHoursAtLeast: number;
  /** The slots the best rota leaves below the requirement. */
  readonly shortSlots: readonly RotaShortSlot[];
  /** Fewest seats that could meet every slot (with no headcount limit). */
  readonly smallestSeats: BoundedCount;
}

export interface RotaShortSlot {
  readonly weekday: number;
  readonly time: string;
  readonly required: number;
  readonly planned: number;
}

export interface RotaPlanSummary {
  readonly headcountUsed: number;
  /** Most people on shift at once (each holds a seat). */
  readonly seatsUsed: number;
  readonly agentHours: number;
  readonly shortSlots: number;
  readonly expectedLostCallsPerWeek: number;
  /**
   * No rota within the limits can answer more of the week's calls than this (Erlang A): the
   * unavoidable loss plus the solver's proved least lost calls (linear relaxation).
   */
  readonly answerRateAtMost: number;
  /** Erlang A's expectation for the week and for the month given (weekday counts). */
  readonly predictedWeek: PredictedKpis;
  readonly predictedMonth: PredictedKpis & { readonly month: string };
  /** The same for the configured rota, for comparison. */
  readonly currentRotaPredictedWeek: PredictedKpis;
}

export interface PredictedKpis {
  readonly offered: number;
  readonly answered: number;
  readonly lost: number;
  readonly answerRate: number;
  /** answered within t ÷ answered (the centre's 10-second formula). */
  readonly answeredWithinRate: number;
}

export interface RotaPersonShift {
  readonly type: string;
  readonly start: string;
  readonly end: string;
  readonly lengthMinutes: number;
  readonly night: boolean;
  readonly breaks: readonly {
    readonly reason: string;
    readonly start: string;
    readonly afterMinutes: number;
    readonly minutes: number;
  }[];
}

export interface RotaPerson {
  readonly id: string;
  /** ISO weekdays off. */
  readonly daysOff: readonly number[];
  /** Monday first; null on a day off. */
  readonly week: readonly (RotaPersonShift | null)[];
}

export interface RotaShiftRow {
  readonly type: string;
  readonly start: string;
  readonly end: string;
  /** People starting this shift, Monday first. */
  readonly people: readonly number[];
}

export interface RotaPlanSlots {
  readonly calls: readonly number[];
  /** Erlang A agents answering for the targets. */
  readonly required: readonly number[];
  /** Agents answering in the plan (on shift, not on a break), before shrinkage. */
  readonly answering: readonly number[];
  /** People on shift (seats held). */
  readonly onShift: readonly number[];
  /** The configured daily rota's people on duty (× working days ÷ 7). */
  readonly currentOnDuty: readonly number[];
  /** Erlang A's expectation with the plan's capacity. */
  readonly expectedLost: readonly number[];
  readonly expectedAnswered: readonly number[];
  readonly expectedAnsweredWithin: readonly number[];
}

/** The planner's solver phases, in the order they may run. */
export type RotaPhase =
  | 'bound'
  | 'peopleSpread'
  | 'lostSpread'
  | 'lost'
  | 'hours'
  | 'shortfall'
  | 'seats'
  | 'breaks'
  | 'fewestPeople';

export interface RotaSolverStage {
  readonly phase: RotaPhase;
  /** The phase in English (the page names it in the reader's language from `phase`). */
  readonly stage: string;
  readonly status: MilpStatus;
  readonly objective: number | null;
  readonly bound: number | null;
  readonly gap: number | null;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly columns: number;
  readonly rows: number;
}

export interface RotaSolverReport {
  readonly name: string;
  readonly stages: readonly RotaSolverStage[];
  readonly solverSeconds: number;
  readonly totalSeconds: number;
}
