import type { ExitReason } from '@hotline/call-events';
import { kpiRates, type RateInputs } from './kpi-rates';
import type { IntervalPoint, PeriodFigures } from './kpi-snapshot';
import type { TimeSpan } from '@hotline/calendar';

/**
 * Everything the figures of one scope over one period are built from: additive counts, and the
 * longest known wait (a maximum). The engine's `KpiCounters` is one; figures of several scopes
 * add up as `sumFigureCounts(figures.map(figureCountsOf))`.
 */
export interface FigureCounts extends RateInputs {
  readonly shortAbandons: number;
  readonly exited: number;
  readonly exitedByReason: Readonly<Partial<Record<ExitReason, number>>>;
  readonly blocked: number;
  readonly unknown: number;
  readonly longestWaitSeconds: number;
}

const NO_COUNTS: FigureCounts = {
  offered: 0,
  inProgress: 0,
  answered: 0,
  answeredWithin10s: 0,
  overFiveMinutes: 0,
  abandoned: 0,
  sumAnswerWaitSeconds: 0,
  handled: 0,
  sumTalkSeconds: 0,
  ratings: 0,
  satisfied: 0,
  shortAbandons: 0,
  exited: 0,
  exitedByReason: {},
  blocked: 0,
  unknown: 0,
  longestWaitSeconds: 0,
};

/** The KPIs of one scope over one period, from its counts (undefined: nothing yet). */
export function periodFigures(span: TimeSpan, c: FigureCounts | undefined): PeriodFigures {
  const counts = c ?? NO_COUNTS;
  const rates = kpiRates(counts);
  return {
    from: span.from,
    to: span.to,
    offered: counts.offered,
    answered: counts.answered,
    answerRate: rates.answerRate,
    answeredWithin10s: counts.answeredWithin10s,
    answeredIn10sRate: rates.answeredIn10sRate,
    serviceLevel: rates.serviceLevel,
    overFiveMinutes: counts.overFiveMinutes,
    overFiveMinuteRate: rates.overFiveMinuteRate,
    unanswered: counts.abandoned + counts.exited + counts.blocked,
    abandoned: counts.abandoned,
    shortAbandons: counts.shortAbandons,
    exited: counts.exited,
    exitedByReason: { ...counts.exitedByReason },
    blocked: counts.blocked,
    unknown: counts.unknown,
    inProgress: counts.inProgress,
    abandonRate: rates.abandonRate,
    asaSeconds: rates.asaSeconds,
    ahtSeconds: rates.ahtSeconds,
    sumAnswerWaitSeconds: counts.sumAnswerWaitSeconds,
    handled: counts.handled,
    sumTalkSeconds: counts.sumTalkSeconds,
    longestWaitSeconds: counts.longestWaitSeconds,
    ratings: { count: counts.ratings, satisfied: counts.satisfied, rate: rates.satisfactionRate },
  };
}

export function emptyFigures(span: TimeSpan): PeriodFigures {
  return periodFigures(span, NO_COUNTS);
}

/** The counts figures were built from, exactly (the figures carry every count; rates are derived). */
export function figureCountsOf(f: PeriodFigures): FigureCounts {
  return {
    offered: f.offered,
    inProgress: f.inProgress,
    answered: f.answered,
    answeredWithin10s: f.answeredWithin10s,
    overFiveMinutes: f.overFiveMinutes,
    abandoned: f.abandoned,
    sumAnswerWaitSeconds: f.sumAnswerWaitSeconds,
    handled: f.handled,
    sumTalkSeconds: f.sumTalkSeconds,
    ratings: f.ratings.count,
    satisfied: f.ratings.satisfied,
    shortAbandons: f.shortAbandons,
    exited: f.exited,
    exitedByReason: f.exitedByReason,
    blocked: f.blocked,
    unknown: f.unknown,
    longestWaitSeconds: f.longestWaitSeconds,
  };
}

/**
 * Counts of disjoint sets of calls (contacts of different PBXs) added up: every count summed,
 * exits merged by reason, the longest wait the maximum. Rates are never summed or averaged: they
 * are derived from these sums by `periodFigures`.
 */
export function sumFigureCounts(parts: readonly FigureCounts[]): FigureCounts {
  const exitedByReason: Partial<Record<ExitReason, number>> = {};
  for (const part of parts) {
    for (const [reason, n] of Object.entries(part.exitedByReason) as [ExitReason, number][]) {
      exitedByReason[reason] = (exitedByReason[reason] ?? 0) + n;
    }
  }
  const sum = (count: (c: FigureCounts) => number): number =>
    parts.reduce((total, part) => total + count(part), 0);
  return {
    offered: sum((c) => c.offered),
    inProgress: sum((c) => c.inProgress),
    answered: sum((c) => c.answered),
    answeredWithin10s: sum((c) => c.answeredWithin10s),
    overFiveMinutes: sum((c) => c.overFiveMinutes),
    abandoned: sum((c) => c.abandoned),
    sumAnswerWaitSeconds: sum((c) => c.sumAnswerWaitSeconds),
    handled: sum((c) => c.handled),
    sumTalkSeconds: sum((c) => c.sumTalkSeconds),
    ratings: sum((c) => c.ratings),
    satisfied: sum((c) => c.satisfied),
    shortAbandons: sum((c) => c.shortAbandons),
    exited: sum((c) => c.exited),
    exitedByReason,
    blocked: sum((c) => c.blocked),
    unknown: sum((c) => c.unknown),
    longestWaitSeconds: parts.reduce((max, c) => Math.max(max, c.longestWaitSeconds), 0),
  };
}

export function intervalPoint(
  span: TimeSpan,
  c: FigureCounts | undefined,
  agentsOnDutyMax: number | null,
): IntervalPoint {
  return {
    from: span.from,
    to: span.to,
    offered: c?.offered ?? 0,
    inProgress: c?.inProgress ?? 0,
    answered: c?.answered ?? 0,
    answeredWithin10s: c?.answeredWithin10s ?? 0,
    overFiveMinutes: c?.overFiveMinutes ?? 0,
    abandoned: c?.abandoned ?? 0,
    exited: c?.exited ?? 0,
    blocked: c?.blocked ?? 0,
    unknown: c?.unknown ?? 0,
    agentsOnDutyMax,
  };
}
