import {
  DEFAULT_TIME_ZONE,
  MINUTES_PER_DAY,
  type IntervalKey,
  type ShiftWindow,
  intervalKey,
} from '@hotline/calendar';
import { EVALUATION_ROTA } from '@hotline/kpi';
import { CENTRE_TARGETS, CentreTargets, DEFAULT_MEAN_PATIENCE_SECONDS } from './centre-targets';
import { ErlangAStaffing, requiredAgentsErlangA } from './erlang-a';
import { pooledPatience } from './patience';
import { greedyShiftCover } from './shift-cover';
import { shiftCoverage, shiftHours } from './shift-window';
import { StaffingError, StaffingErrorCode, assertCount } from './staffing-error';

/** A rota shift from config with the agents rostered on it every day. */
export interface RotaShift extends ShiftWindow {
  readonly agents: number;
}

/** `staffing.rota`'s default: the evaluation report's rota, under the advisor's shift names. */
export const DEFAULT_ROTA: readonly RotaShift[] = EVALUATION_ROTA.map(
  ({ nameEn, start, end, agents }) => ({ name: nameEn, start, end, agents }),
);

/** One interval of history (typically a week of 15-minute intervals). */
export interface RotaIntervalHistory {
  readonly startMs: number;
  readonly offered: number;
  readonly ahtSeconds: number;
  readonly abandoned?: number;
  /** Seconds waited by all callers who waited (see estimatePatience). */
  readonly totalWaitSeconds?: number;
}

export interface RotaCheckQuery {
  readonly intervals: readonly RotaIntervalHistory[];
  readonly shifts: readonly RotaShift[];
  /** Seats on the floor (default 58). */
  readonly seats?: number;
  readonly timeZone?: string;
  readonly intervalMinutes?: number;
  readonly targets?: CentreTargets;
  /**
   * Mean patience for every interval. Without it, patience is estimated once from the whole
   * history (Σ abandoned / Σ wait) — one 15-minute interval has too few abandons to estimate it —
   * falling back to DEFAULT_MEAN_PATIENCE_SECONDS when fewer than 5 callers abandoned.
   */
  readonly meanPatienceSeconds?: number;
}

export interface RotaIntervalCheck {
  readonly startMs: number;
  readonly key: IntervalKey;
  readonly offered: number;
  readonly offeredLoadErlangs: number;
  /** Erlang A agents for the centre targets. */
  readonly required: number;
  /** Rostered agents on duty in the interval (partial cover pro rata, so may be fractional). */
  readonly scheduled: number;
  /** max(0, required − scheduled). */
  readonly shortfall: number;
}

export interface RotaShiftSuggestion extends RotaShift {
  /** Agents this shift would need every day to cover the worst day of the history. */
  readonly suggestedAgents: number;
}

/** The busiest moments of the requirement and of the rota, against the seats. */
export interface RotaPeak {
  /** Most agents required at once over the history, and when. */
  readonly required: number;
  readonly requiredAtMs: number | undefined;
  /** Most agents the rota puts on the floor at once (overlapping shifts), and when. */
  readonly scheduled: number;
  readonly seats: number;
  /** Agents required at the peak beyond the seats (0 when the seats suffice). */
  readonly seatsShortAtRequiredPeak: number;
  /** Rostered agents at the rota's busiest slot beyond the seats. */
  readonly seatsShortAtScheduledPeak: number;
}

export interface RotaCheck {
  readonly meanPatienceSeconds: number;
  readonly intervals: readonly RotaIntervalCheck[];
  /** The intervals where scheduled < required, in time order. */
  readonly shortIntervals: readonly RotaIntervalCheck[];
  readonly peak: RotaPeak;
  /** Per local time-of-day slot: the largest requirement seen on any day. */
  readonly requiredBySlot: readonly number[];
  readonly suggestedShifts: readonly RotaShiftSuggestion[];
  /** Time-of-day slots (minutes after midnight) with a requirement that no shift covers. */
  readonly uncoveredMinutesOfDay: readonly number[];
}

/**
 * Checks a daily rota against a week of history: Erlang A requirement per interval, rostered
 * agents per interval, the gaps, the peak versus the seats, and agents per shift that would
 * cover the worst day at every time of day (greedyShiftCover). Rostered agents are counted as
 * answering: add shrinkage (breaks, training) to the suggestion before rostering.
 */
export function checkRota(query: RotaCheckQuery): RotaCheck {
  const intervalMinutes = query.intervalMinutes ?? 15;
  const timeZone = query.timeZone ?? DEFAULT_TIME_ZONE;
  const targets = query.targets ?? CENTRE_TARGETS;
  const seats = query.seats ?? 58;
  if (!Number.isInteger(MINUTES_PER_DAY / intervalMinutes)) {
    throw new StaffingError(
      StaffingErrorCode.InvalidInput,
      `intervalMinutes must divide a day, got ${intervalMinutes}`,
    );
  }
  query.shifts.forEach((shift) => assertCount(`agents of shift "${shift.name}"`, shift.agents));
  const slotsPerDay = MINUTES_PER_DAY / intervalMinutes;
  const coverage = query.shifts.map((shift) =>
    Array.from({ length: slotsPerDay }, (_, slot) =>
      shiftCoverage(shift, slot * intervalMinutes, intervalMinutes),
    ),
  );
  const scheduledBySlot = Array.from({ length: slotsPerDay }, (_, slot) =>
    query.shifts.reduce((sum, shift, s) => sum + coverage[s][slot] * shift.agents, 0),
  );
  const meanPatienceSeconds = query.meanPatienceSeconds ?? weekPatience(query.intervals);
  const intervalSeconds = intervalMinutes * 60;
  // A week repeats the same (calls, AHT) pairs often, at night especially: compute each once.
  const requirementCache = new Map<string, ErlangAStaffing>();
  const requirementFor = (offered: number, ahtSeconds: number): ErlangAStaffing => {
    const id = `${offered}|${ahtSeconds}`;
    let staffing = requirementCache.get(id);
    if (!staffing) {
      staffing = requiredAgentsErlangA({
        arrivalRatePerSecond: offered / intervalSeconds,
        ahtSeconds,
        meanPatienceSeconds,
        targetAnswerRate: targets.answerRate,
        targetAnsweredWithinSeconds: targets.answeredWithinSeconds,
        targetAnsweredWithinRate: targets.answeredWithinRate,
      });
      requirementCache.set(id, staffing);
    }
    return staffing;
  };

  const intervals = [...query.intervals]
    .sort((a, b) => a.startMs - b.startMs)
    .map((interval): RotaIntervalCheck => {
      const key = intervalKey(interval.startMs, timeZone, intervalMinutes);
      const staffing = requirementFor(interval.offered, interval.ahtSeconds);
      const scheduled = scheduledBySlot[key.slot];
      return {
        startMs: interval.startMs,
        key,
        offered: interval.offered,
        offeredLoadErlangs: staffing.offeredLoadErlangs,
        required: staffing.agents,
        scheduled,
        shortfall: Math.max(0, staffing.agents - scheduled),
      };
    });

  const requiredBySlot = new Array<number>(slotsPerDay).fill(0);
  let peakRequired = 0;
  let requiredAtMs: number | undefined;
  for (const interval of intervals) {
    requiredBySlot[interval.key.slot] = Math.max(
      requiredBySlot[interval.key.slot],
      interval.required,
    );
    if (interval.required > peakRequired) {
      peakRequired = interval.required;
      requiredAtMs = interval.startMs;
    }
  }
  const peakScheduled = Math.max(0, ...scheduledBySlot);
  const cover = greedyShiftCover({
    requirement: requiredBySlot,
    coverage,
    costs: query.shifts.map(shiftHours),
  });
  return {
    meanPatienceSeconds,
    intervals,
    shortIntervals: intervals.filter((interval) => interval.shortfall > 0),
    peak: {
      required: peakRequired,
      requiredAtMs,
      scheduled: peakScheduled,
      seats,
      seatsShortAtRequiredPeak: Math.max(0, peakRequired - seats),
      seatsShortAtScheduledPeak: Math.max(0, Math.ceil(peakScheduled - 1e-9) - seats),
    },
    requiredBySlot,
    suggestedShifts: query.shifts.map((shift, s) => ({
      ...shift,
      suggestedAgents: cover.agents[s],
    })),
    uncoveredMinutesOfDay: cover.uncoveredSlots.map((slot) => slot * intervalMinutes),
  };
}

function weekPatience(intervals: readonly RotaIntervalHistory[]): number {
  let abandoned = 0;
  let totalWaitSeconds = 0;
  for (const interval of intervals) {
    abandoned += interval.abandoned ?? 0;
    totalWaitSeconds += interval.totalWaitSeconds ?? 0;
  }
  return pooledPatience({ abandoned, totalWaitSeconds }, 5, DEFAULT_MEAN_PATIENCE_SECONDS)
    .meanPatienceSeconds;
}
