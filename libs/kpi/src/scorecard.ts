import { DEFAULT_KPI_TARGETS, type KpiTargets } from './kpi-config';
import { answeredIn10sRate, answerRate, overFiveMinuteRate } from './kpi-rates';
import { DEFAULT_TIME_ZONE, ZonedCalendar } from '@hotline/calendar';

/**
 * The monthly scorecard of appendix 2 of the 2020 evaluation report — the indicators a PBX
 * can measure. Pure functions of monthly figures.
 */
export interface MonthlyFigures {
  /** 'YYYY-MM' */
  readonly month: string;
  readonly offered: number;
  /** Offered, no outcome yet (the month in progress): out of the rates' denominators. */
  readonly inProgress: number;
  readonly answered: number;
  readonly answeredWithin10s: number;
  readonly overFiveMinutes: number;
  /** 话务员接话服务满意率 as a fraction 0–1; null when there were no ratings. */
  readonly satisfactionRate: number | null;
}

export interface IndicatorScore {
  /** The measured value: a count for volume, otherwise a percentage rounded to 2 decimals. */
  readonly value: number | null;
  readonly target: number;
  readonly points: number;
  readonly maxPoints: number;
}

export interface Scorecard {
  readonly volume: IndicatorScore;
  readonly answerRate: IndicatorScore;
  readonly answeredIn10sRate: IndicatorScore;
  readonly overFiveMinuteRate: IndicatorScore;
  /** value: months below target (year) or the month's rate in % (month). */
  readonly satisfaction: IndicatorScore & { readonly monthsBelowTarget: number };
  readonly points: number;
  readonly maxPoints: number;
}

export interface MonthScore extends Scorecard {
  readonly month: string;
}

export interface YearScore extends Scorecard {
  readonly months: readonly string[];
  readonly offered: number;
  readonly answered: number;
  readonly answeredWithin10s: number;
  readonly overFiveMinutes: number;
  /** Average monthly volume (what the volume indicator scores). */
  readonly averageMonthlyOffered: number;
}

const MAX = { volume: 3, answerRate: 5, in10s: 2, over5: 2, satisfaction: 2 } as const;
/** −1 for each 5% short of the monthly volume (part of 5% counts as 5%). */
const VOLUME_STEP_PERCENT = 5;
/** −0.5 for each 1% of over-5-minute rate above target. */
const OVER_FIVE_PENALTY = 0.5;
/** −0.2 for each month with satisfaction below target. */
const SATISFACTION_PENALTY = 0.2;

export function scoreMonth(
  m: MonthlyFigures,
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
): MonthScore {
  const below =
    m.satisfactionRate !== null && percent(m.satisfactionRate) < percent(targets.satisfactionRate)
      ? 1
      : 0;
  return {
    month: m.month,
    ...score(
      m.offered,
      percentOf(answerRate(m)),
      percentOf(answeredIn10sRate(m)),
      percentOf(overFiveMinuteRate(m)),
      m.satisfactionRate === null ? null : percent(m.satisfactionRate),
      below,
      targets,
    ),
  };
}

/**
 * The year as the report aggregates it: rates over the year's sums (Σanswered / Σoffered,
 * Σin-10-s / Σanswered, Σover-5 / Σanswered), volume as the average month, satisfaction by
 * the number of months below target.
 */
export function scoreYear(
  months: readonly MonthlyFigures[],
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
): YearScore {
  const sum = (f: (m: MonthlyFigures) => number): number =>
    months.reduce((acc, m) => acc + f(m), 0);
  const offered = sum((m) => m.offered);
  const inProgress = sum((m) => m.inProgress);
  const answered = sum((m) => m.answered);
  const answeredWithin10s = sum((m) => m.answeredWithin10s);
  const overFiveMinutes = sum((m) => m.overFiveMinutes);
  const averageMonthlyOffered = months.length === 0 ? 0 : offered / months.length;
  const monthsBelow = months.filter(
    (m) =>
      m.satisfactionRate !== null &&
      percent(m.satisfactionRate) < percent(targets.satisfactionRate),
  ).length;
  return {
    months: months.map((m) => m.month),
    offered,
    answered,
    answeredWithin10s,
    overFiveMinutes,
    averageMonthlyOffered,
    ...score(
      averageMonthlyOffered,
      percentOf(answerRate({ answered, offered, inProgress })),
      percentOf(answeredIn10sRate({ answeredWithin10s, answered })),
      percentOf(overFiveMinuteRate({ overFiveMinutes, answered })),
      monthsBelow,
      monthsBelow,
      targets,
    ),
  };
}

export interface MonthProjection {
  /** Share of the month elapsed at `now` (0–1]. */
  readonly elapsed: number;
  readonly from: number;
  readonly to: number;
  /** The month's figures extrapolated: counts scaled by 1/elapsed, rates unchanged. */
  readonly projected: MonthlyFigures;
  readonly score: MonthScore;
}

/**
 * The local calendar month of `now` and the share of it gone at `now`, within (0, 1]: what a
 * month-to-date figure is extrapolated by.
 */
export function monthSoFar(
  now: number,
  timeZone = DEFAULT_TIME_ZONE,
): { readonly from: number; readonly to: number; readonly elapsed: number } {
  const month = new ZonedCalendar(timeZone).monthOf(now);
  const elapsed = Math.min(
    1,
    Math.max((now - month.from) / (month.to - month.from), Number.EPSILON),
  );
  return { from: month.from, to: month.to, elapsed };
}

/**
 * A live projection of the month in progress: the volume so far scaled to the whole month
 * (rates are kept as they are so far). The month is the calendar month of `now` in `timeZone`.
 */
export function projectMonth(
  soFar: MonthlyFigures,
  now: number,
  timeZone = DEFAULT_TIME_ZONE,
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
): MonthProjection {
  const month = monthSoFar(now, timeZone);
  const elapsed = month.elapsed;
  const scale = (n: number): number => Math.round(n / elapsed);
  const projected: MonthlyFigures = {
    month: soFar.month,
    offered: scale(soFar.offered),
    inProgress: scale(soFar.inProgress),
    answered: scale(soFar.answered),
    answeredWithin10s: scale(soFar.answeredWithin10s),
    overFiveMinutes: scale(soFar.overFiveMinutes),
    satisfactionRate: soFar.satisfactionRate,
  };
  return {
    elapsed,
    from: month.from,
    to: month.to,
    projected,
    score: scoreMonth(projected, targets),
  };
}

function score(
  volume: number,
  answerRate: number | null,
  in10sRate: number | null,
  over5Rate: number | null,
  satisfactionValue: number | null,
  monthsBelow: number,
  targets: KpiTargets,
): Scorecard {
  const volumeShortPercent =
    targets.monthlyOffered === 0
      ? 0
      : ((targets.monthlyOffered - volume) / targets.monthlyOffered) * 100;
  const volumePoints = clamp(
    MAX.volume - stepsOf(volumeShortPercent, VOLUME_STEP_PERCENT),
    MAX.volume,
  );
  const answerTarget = percent(targets.answerRate);
  const in10sTarget = percent(targets.answeredIn10sRate);
  const over5Target = percent(targets.overFiveMinuteRate);
  const answerPoints =
    answerRate === null
      ? 0
      : clamp(MAX.answerRate - stepsOf(answerTarget - answerRate, 1), MAX.answerRate);
  const in10sPoints =
    in10sRate === null ? 0 : clamp(MAX.in10s - stepsOf(in10sTarget - in10sRate, 1), MAX.in10s);
  const over5Points =
    over5Rate === null
      ? 0
      : clamp(MAX.over5 - OVER_FIVE_PENALTY * stepsOf(over5Rate - over5Target, 1), MAX.over5);
  const satisfactionPoints = clamp(
    MAX.satisfaction - SATISFACTION_PENALTY * monthsBelow,
    MAX.satisfaction,
  );
  const result = {
    volume: {
      value: volume,
      target: targets.monthlyOffered,
      points: volumePoints,
      maxPoints: MAX.volume,
    },
    answerRate: {
      value: answerRate,
      target: answerTarget,
      points: answerPoints,
      maxPoints: MAX.answerRate,
    },
    answeredIn10sRate: {
      value: in10sRate,
      target: in10sTarget,
      points: in10sPoints,
      maxPoints: MAX.in10s,
    },
    overFiveMinuteRate: {
      value: over5Rate,
      target: over5Target,
      points: over5Points,
      maxPoints: MAX.over5,
    },
    satisfaction: {
      value: satisfactionValue,
      target: percent(targets.satisfactionRate),
      points: satisfactionPoints,
      maxPoints: MAX.satisfaction,
      monthsBelowTarget: monthsBelow,
    },
  };
  const maxPoints = MAX.volume + MAX.answerRate + MAX.in10s + MAX.over5 + MAX.satisfaction;
  const points = round(
    volumePoints + answerPoints + in10sPoints + over5Points + satisfactionPoints,
    1e6,
  );
  return { ...result, points, maxPoints };
}

/** Number of (whole or part) steps in a shortfall; "part of a step counts as a step". */
function stepsOf(shortfall: number, step: number): number {
  const steps = round(shortfall / step, 1e9);
  return steps <= 0 ? 0 : Math.ceil(steps);
}

/** A fraction as a percentage rounded to 2 decimals, as the report publishes and scores it. */
function percent(fraction: number): number {
  return round(fraction * 100, 100);
}

function percentOf(fraction: number | null): number | null {
  return fraction === null ? null : percent(fraction);
}

function clamp(points: number, max: number): number {
  return round(Math.min(max, Math.max(0, points)), 1e6);
}

function round(value: number, factor: number): number {
  return Math.round(value * factor) / factor;
}
