import { DAY_MS } from '@hotline/calendar';
import type { ScopeKind } from '@hotline/storage';
import type { KpiReportRequest, ReportGrain } from './report-query';

/**
 * What one report may cost. A report reads (never loads) the stored 15-minute rows of its range
 * and scope, so its cost is those rows: 96 a day for the centre or for one queue, line or agent
 * (`key=`), and 96 × their number for all of them. The caps keep the worst allowed report near
 * a million rows read even at these ceilings — more than the hotline has (3 queues, 5 lines, 80
 * agents), so real reports stay well inside. docs/reports.md has the table.
 */
export const ROWS_PER_DAY: Readonly<Record<ScopeKind | 'key', number>> = {
  centre: 96,
  key: 96,
  /** up to 10 queues */
  queue: 960,
  /** up to 20 lines (热线) */
  line: 1_920,
  /** up to 100 agents */
  agent: 9_600,
};

/** Longest range (local days, `to` inclusive) of a report, by scope and grain. */
export const RANGE_CAP_DAYS: Readonly<
  Record<ScopeKind | 'key', { readonly interval: number; readonly period: number }>
> = {
  centre: { interval: 31, period: 3_700 },
  key: { interval: 31, period: 3_700 },
  queue: { interval: 31, period: 1_096 },
  line: { interval: 31, period: 366 },
  agent: { interval: 7, period: 92 },
};

/**
 * Rows one database call may read (about 20 ms of work on SQLite): a report reads at most this
 * many days per call, even after a stretch of empty days made calls look free. A report that
 * needs more than one call's worth is heavy and takes the one heavy-report slot.
 */
export const ROWS_PER_CALL = 20_000;

export type CostScope = ScopeKind | 'key';

/** Centre, one key, or all queues / lines / agents. */
export function costScope(scope: ScopeKind, key: string | undefined): CostScope {
  return key !== undefined && scope !== 'centre' ? 'key' : scope;
}

export function rangeCapDays(by: ReportGrain, scope: CostScope): number {
  const cap = RANGE_CAP_DAYS[scope];
  return by === 'interval' ? cap.interval : cap.period;
}

/** The problem with a range over the cap, or null. */
export function rangeCapProblem(by: ReportGrain, scope: CostScope, days: number): string | null {
  const cap = rangeCapDays(by, scope);
  if (days <= cap) return null;
  const what = SCOPE_WORDS[scope];
  if (by === 'interval')
    return `by: 15-minute rows are limited to ${cap} days for ${what} (asked ${days}); use by=day or a shorter range`;
  const narrower = scope === 'centre' || scope === 'key' ? '' : ' or give one key=';
  return `to: reports of ${what} cover at most ${cap} days (asked ${days}); shorten the range${narrower}`;
}

const SCOPE_WORDS: Record<CostScope, string> = {
  centre: 'the centre',
  key: 'one queue, line or agent',
  queue: 'all queues',
  line: 'all lines',
  agent: 'all agents',
};

/** Rows a report of `days` days may read, at the ceilings. */
export function estimatedRows(scope: CostScope, days: number): number {
  return ROWS_PER_DAY[scope] * days;
}

export function isHeavyReport(scope: CostScope, days: number): boolean {
  return estimatedRows(scope, days) > ROWS_PER_CALL;
}

/** Whether a validated request needs the heavy-report slot. */
export function isHeavyRequest(
  request: Pick<KpiReportRequest, 'scope' | 'key' | 'fromMs' | 'toMs'>,
): boolean {
  const days = Math.round((request.toMs - request.fromMs) / DAY_MS);
  return isHeavyReport(costScope(request.scope, request.key), days);
}

/** Most days one call of a report may cover (at least one). */
export function daysPerCall(scope: CostScope): number {
  return Math.max(1, Math.floor(ROWS_PER_CALL / ROWS_PER_DAY[scope]));
}
