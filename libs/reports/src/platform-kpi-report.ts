import { addLocalMonths, monthKey, parseLocalDate } from '@hotline/calendar';
import { CENTRE_KEY } from '@hotline/storage';
import {
  kpiReport,
  type KpiReport,
  type KpiReportStream,
  type KpiReportSummary,
  readKpiReport,
  type ReportNaming,
} from './kpi-report.builder';
import type { KpiReportRow } from './kpi-report-row';
import { header, SCOPE_LABELS, SUMMARY_LABELS } from './report-columns';
import type { ReportData } from './report-data';
import type { PaceOptions } from './report-pacer';
import type { KpiReportRequest, ReportLanguage } from './report-query';
import { SummaryAccumulator } from './report-summary';
import { platformReportData, platformScopeError } from './platform-report-data';

/** One site's stored records and the zone its own instances cut its days and months in. */
export interface SiteReportSource {
  readonly site: string;
  readonly timeZone: string;
  readonly data: ReportData;
}

/**
 * What the platform report leaves out of its rows and its total:
 * - `imported-month`: a site has the month only as imported reference figures (rates, no
 *   counts of their own to add: a total from them would be a guess);
 * - `month-without-intervals`: a site has the month only rolled up (its 15-minute rows were
 *   purged), so the platform's on-duty peak of the month cannot be known;
 *   for both, `period` is the month ("2026-10") whatever the grain: every row in it (a day, an
 *   interval, a week reaching into it) is left out;
 * - `calendars-differ`: a site cuts its days in another time zone: its day and the report's
 *   are not the same period (as platformSnapshot's `spans-differ`); `period` is the row's.
 */
export interface OmittedReportPeriod {
  readonly period: string;
  readonly reason: 'imported-month' | 'month-without-intervals' | 'calendars-differ';
  /** The sites that make it so. */
  readonly sites: readonly string[];
}

/** How a file labels a period left out of the total (CSV/XLSX have no field for it). */
export const NOT_IN_THE_TOTAL = { zh: '未计入合计', en: 'Not in the total' };

const OMISSION_REASONS: Record<OmittedReportPeriod['reason'], { zh: string; en: string }> = {
  'imported-month': {
    zh: '该月为导入的参考数据（只有比率，无可相加的计数）',
    en: 'imported reference month (rates only, no counts to add)',
  },
  'month-without-intervals': {
    zh: '该月只有月汇总（15分钟数据已清理，无法得出出勤峰值）',
    en: 'month held rolled up only (15-minute rows purged: no on-duty peak)',
  },
  'calendars-differ': {
    zh: '站点时区不同，日期不是同一时段',
    en: 'sites in other time zones: not the same period',
  },
};

/** Why a period is not in the total, and the sites that make it so, in words. */
export function omissionNote(omitted: OmittedReportPeriod, lang: ReportLanguage): string {
  return `${header(OMISSION_REASONS[omitted.reason], lang)}: ${omitted.sites.join(', ')}`;
}

/** What every platform figure (report, scorecard, month view) says of what it summed. */
export interface SitesSummed {
  /** The sites summed, in the order given. */
  readonly sites: readonly string[];
  /** What is not in the figures, and why. */
  readonly omittedPeriods: readonly OmittedReportPeriod[];
}

export interface PlatformReportSummary extends KpiReportSummary, SitesSummed {}

export interface PlatformKpiReportStream extends KpiReportStream {
  /** Complete once rows() has been read to the end. */
  summary(): PlatformReportSummary;
}

/**
 * The KPI report of the platform (docs/adr/0006-sites.md): the centre of one store holding
 * every site's calls — each period summed from the sites' 15-minute counts, its rates derived
 * by the same rule as any row (reportValues → libs/kpi kpiRates), never averaged from the
 * sites' rates; the longest wait the longest anywhere; agents on duty the peak over the
 * period's intervals of the sites' on-duty counts added. Periods that cannot be summed
 * (OmittedReportPeriod) are left out of the rows and of the total, and listed with the reason.
 */
export function platformKpiReport(
  sites: readonly SiteReportSource[],
  request: KpiReportRequest,
  naming: ReportNaming = {},
  pace: PaceOptions = {},
): PlatformKpiReportStream {
  if (request.scope !== 'centre') throw platformScopeError(request.scope);
  const names = sites.map((s) => s.site);
  if (new Set(names).size !== names.length)
    throw new RangeError(`platformKpiReport: site names repeat (${names.join(', ')})`);
  const inner = kpiReport(platformReportData(sites.map((s) => s.data)), request, naming, pace);
  const { lang } = request;
  const platformName = header(SUMMARY_LABELS.platformName, lang);
  const summary = new SummaryAccumulator('centre', header(SCOPE_LABELS.centre, lang), platformName);
  const omittedPeriods: OmittedReportPeriod[] = [];
  return {
    request,
    columns: inner.columns,
    headers: inner.headers,
    async *rows() {
      const omission = await omissions(sites, request);
      omittedPeriods.push(...omission.omitted);
      for await (const row of inner.rows()) {
        const omitted = omission.of(row);
        if (omitted === 'in-an-omitted-month') continue;
        if (omitted) {
          omittedPeriods.push(omitted);
          continue;
        }
        const named: KpiReportRow = { ...row, values: { ...row.values, name: platformName } };
        summary.add(named);
        yield named;
      }
    },
    summary: () => ({ ...summary.summary(request), sites: names, omittedPeriods }),
  };
}

/** The platform report read whole (the scorecard, the month view, tests). */
export function buildPlatformKpiReport(
  sites: readonly SiteReportSource[],
  request: KpiReportRequest,
  naming: ReportNaming = {},
  pace: PaceOptions = {},
): Promise<KpiReport & PlatformReportSummary> {
  return readKpiReport(platformKpiReport(sites, request, naming, pace));
}

/**
 * The months left out (`omitted`, listed up front whether or not any row falls in them) and
 * why a row of the summed data is not a platform figure, or null when it is.
 */
async function omissions(
  sites: readonly SiteReportSource[],
  request: KpiReportRequest,
): Promise<{
  readonly omitted: readonly OmittedReportPeriod[];
  readonly of: (row: KpiReportRow) => OmittedReportPeriod | 'in-an-omitted-month' | null;
}> {
  const otherZones = sites.filter((s) => s.timeZone !== request.timeZone).map((s) => s.site);
  if (request.by !== 'interval' && otherZones.length > 0)
    return {
      omitted: [],
      of: (row) => ({ period: row.period, reason: 'calendars-differ', sites: otherZones }),
    };
  const gaps = await monthGaps(sites, request);
  const omitted = [...gaps.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, inMonth]): OmittedReportPeriod => ({
      period,
      reason: inMonth.some((g) => g.reason === 'imported-month')
        ? 'imported-month'
        : 'month-without-intervals',
      sites: [...new Set(inMonth.map((g) => g.site))],
    }));
  // A row's label names the local months it lies in ("2026-11-30 ~ 2026-12-06": two).
  const of = (row: KpiReportRow) =>
    (row.period.match(/\d{4}-\d{2}/g) ?? []).some((month) => gaps.has(month))
      ? 'in-an-omitted-month'
      : null;
  return { omitted, of };
}

interface MonthGap {
  readonly site: string;
  readonly reason: OmittedReportPeriod['reason'];
}

/**
 * The local months of the request in which some site has stored monthly figures but no
 * 15-minute rows: where that site's own report reads the monthly figures (kpiReport's
 * by-month fallback), and the platform's sum of 15-minute rows would lack the site.
 */
async function monthGaps(
  sites: readonly SiteReportSource[],
  { fromMs, toMs, timeZone }: KpiReportRequest,
): Promise<Map<string, MonthGap[]>> {
  const gaps = new Map<string, MonthGap[]>();
  const fromMonth = monthKey(fromMs, timeZone);
  const toMonth = monthKey(toMs - 1, timeZone);
  for (const { site, data } of sites) {
    for (const month of await data.months(fromMonth, toMonth, 'centre')) {
      if (month.scopeKey !== CENTRE_KEY) continue;
      const start = parseLocalDate(month.month, timeZone);
      const end = addLocalMonths(start, 1, timeZone);
      if ((await data.sums([start, end], 'centre', CENTRE_KEY)).length > 0) continue;
      const reason = month.source === 'imported' ? 'imported-month' : 'month-without-intervals';
      gaps.set(month.month, [...(gaps.get(month.month) ?? []), { site, reason }]);
    }
  }
  return gaps;
}
