import {
  DEFAULT_KPI_TARGETS,
  type KpiTargets,
  monthSoFar,
  type MonthProjection,
} from '@hotline/kpi';
import { monthKey, ZonedCalendar } from '@hotline/calendar';
import { storedPeakLossIntervals, type PeakInterval } from './peak-hours';
import type { ReportData } from './report-data';
import type { SiteReportSource, SitesSummed } from './platform-kpi-report';
import { platformReportData } from './platform-report-data';
import { buildPlatformScorecard, buildScorecard, type ScorecardReport } from './scorecard-report';

/** What the wallboard's month view shows beside the push's month-to-date KPIs. */
export interface MonthOnTheWall {
  /** 'YYYY-MM', local. */
  readonly month: string;
  /** When this was computed (epoch ms). */
  readonly at: number;
  /** The local month: first 00:00 to the next first 00:00. */
  readonly from: number;
  readonly to: number;
  /** Share of the month gone at `at` (0–1]. */
  readonly elapsed: number;
  /** kpi.targets.monthlyOffered. */
  readonly monthlyOffered: number;
  /** The monthly target pro rata: where the volume should be by now to reach it. */
  readonly offeredTargetToDate: number;
  /** Stored calls offered so far this month. */
  readonly offeredToDate: number;
  /** The month so far extrapolated to its end and scored; null before the first stored call. */
  readonly projection: MonthProjection | null;
  /** 高峰期呼损: the month's 15-minute intervals with the most loss so far, with their staffing. */
  readonly peakLoss: readonly PeakInterval[];
}

/**
 * The month in progress for the wall: its scorecard projection (libs/kpi projectMonth, through
 * the scorecard's own gathering of stored figures, so the wall and the scorecard export agree)
 * and its peak-loss intervals. Centre scope.
 */
export async function monthOnTheWall(
  data: ReportData,
  now: number,
  timeZone: string,
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
  peakIntervals = 5,
): Promise<MonthOnTheWall> {
  const month = monthKey(now, timeZone);
  const card = await buildScorecard(data, month, month, now, timeZone, targets);
  return monthView(data, card, now, timeZone, targets, peakIntervals);
}

/** The platform's month view (`?site=all`): the sites' month summed (buildPlatformScorecard). */
/** The month is in `omittedPeriods` when it cannot be summed: then no projection, no peaks. */
export type PlatformMonthOnTheWall = MonthOnTheWall & SitesSummed;

export async function platformMonthOnTheWall(
  sites: readonly SiteReportSource[],
  now: number,
  timeZone: string,
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
  peakIntervals = 5,
): Promise<PlatformMonthOnTheWall> {
  const month = monthKey(now, timeZone);
  const card = await buildPlatformScorecard(sites, month, month, now, timeZone, targets);
  const data = platformReportData(sites.map((s) => s.data));
  const peaks = card.omittedPeriods.length > 0 ? 0 : peakIntervals;
  const view = await monthView(data, card, now, timeZone, targets, peaks);
  return { ...view, sites: card.sites, omittedPeriods: card.omittedPeriods };
}

async function monthView(
  data: ReportData,
  card: ScorecardReport,
  now: number,
  timeZone: string,
  targets: KpiTargets,
  peakIntervals: number,
): Promise<MonthOnTheWall> {
  const month = monthKey(now, timeZone);
  const span = monthSoFar(now, timeZone);
  const peakLoss =
    peakIntervals > 0
      ? await storedPeakLossIntervals(
          data,
          span.from,
          new ZonedCalendar(timeZone).dayOf(now).to,
          timeZone,
          peakIntervals,
        )
      : [];
  const { elapsed } = span;
  return {
    month,
    at: now,
    from: span.from,
    to: span.to,
    elapsed,
    monthlyOffered: targets.monthlyOffered,
    offeredTargetToDate: Math.round(targets.monthlyOffered * elapsed),
    offeredToDate: card.months.find((m) => m.month === month)?.volume.value ?? 0,
    projection: card.projection,
    peakLoss,
  };
}
