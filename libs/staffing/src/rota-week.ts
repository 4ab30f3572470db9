import { ADVISOR_INTERVAL_MS } from './advisor-inputs';
import type { StaffingRotaReport } from './advisor-views';
import { type RotaReportQuery, rotaReport } from './rota-report';

/** Whether anything of the week is over by `at`: a stored interval, or one of today's live ones. */
export function weekHasFinishedInterval(
  query: Pick<RotaReportQuery, 'stored' | 'liveIntervals' | 'from' | 'to' | 'at'>,
): boolean {
  const over = (start: number) =>
    start >= query.from && start < query.to && start + ADVISOR_INTERVAL_MS <= query.at;
  return query.stored.some((i) => over(i.startMs)) || query.liveIntervals.some((p) => over(p.from));
}

/**
 * The rota report when no week was asked for: the current week, or the previous one while the
 * current week has no finished interval yet (the report says which it is).
 */
export function defaultWeekRotaReport(
  current: RotaReportQuery,
  previous: RotaReportQuery,
): StaffingRotaReport {
  return weekHasFinishedInterval(current)
    ? { ...rotaReport(current), week: 'current' }
    : { ...rotaReport(previous), week: 'previous' };
}
