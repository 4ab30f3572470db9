import type { AgentState } from '@hotline/call-events';
import { FIFTEEN_MINUTES_MS, INTERVAL_MINUTES, intervalKey } from '@hotline/calendar';
import type { RotaShift } from './rota-check';
import { shiftCoverage } from './shift-window';

/** The advisor works on the centre's 15-minute reporting interval. */
export const ADVISOR_INTERVAL_MINUTES = INTERVAL_MINUTES;
export const ADVISOR_INTERVAL_MS = FIFTEEN_MINUTES_MS;
export const ADVISOR_INTERVAL_SECONDS = ADVISOR_INTERVAL_MS / 1000;
export const ADVISOR_INTERVALS_PER_HOUR = 60 / ADVISOR_INTERVAL_MINUTES;

/** One finished (or running) interval of today, as the live KPI engine reports it. */
export interface LiveIntervalPoint {
  readonly from: number;
  readonly to: number;
  readonly offered: number;
  /** Offered, no outcome yet (a caller still waiting): out of the rates' denominators. */
  readonly inProgress: number;
  readonly answered: number;
  readonly answeredWithin10s: number;
  readonly abandoned: number;
  readonly agentsOnDutyMax: number | null;
}

/**
 * What the advisor reads of the live KPI snapshot (a structural part of @hotline/kpi's
 * KpiSnapshot, so this library needs no KPI import): the centre's recent figures, the agents
 * and today's intervals.
 */
export interface LiveStaffingFigures {
  /** PBX time of the figures. */
  readonly at: number;
  /** From when every call is in the figures (null: nothing seen yet). */
  readonly coverage: { readonly from: number | null };
  readonly periods: {
    readonly centre: {
      readonly last15m: { readonly offered: number; readonly answered: number };
      readonly last60m: { readonly ahtSeconds: number | null };
      readonly today: { readonly ahtSeconds: number | null };
    };
  };
  readonly agents: readonly {
    readonly state: AgentState;
    readonly pauseReason: string | null;
    readonly stateSecondsToday: { readonly 'wrap-up'?: number };
    readonly answeredToday: number;
  }[];
  readonly intervals: { readonly centre: readonly LiveIntervalPoint[] };
}

/**
 * Today's intervals that are over and whose every call is in the figures (one the monitor
 * attached in the middle of counts only part of its calls).
 */
export function finishedIntervals(
  figures: Pick<LiveStaffingFigures, 'at' | 'coverage' | 'intervals'>,
): LiveIntervalPoint[] {
  const coveredFrom = figures.coverage.from;
  if (coveredFrom === null) return [];
  return figures.intervals.centre.filter((p) => p.to <= figures.at && p.from >= coveredFrom);
}

/** Start of the advisor interval holding `atMs` (local time in `timeZone`). */
export function advisorIntervalStart(atMs: number, timeZone: string): number {
  return atMs - intervalKey(atMs, timeZone, ADVISOR_INTERVAL_MINUTES).msIntoInterval;
}

/** Agents the rota puts on the interval starting at `startMs` (partial cover pro rata). */
export function scheduledAgents(
  rota: readonly RotaShift[],
  startMs: number,
  timeZone: string,
): number {
  const { minuteOfDay } = intervalKey(startMs, timeZone, ADVISOR_INTERVAL_MINUTES);
  return rota.reduce(
    (sum, shift) =>
      sum + shiftCoverage(shift, minuteOfDay, ADVISOR_INTERVAL_MINUTES) * shift.agents,
    0,
  );
}

/** Figures in the advisor's answers are shown to two decimals. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
