import {
  DEFAULT_KPI_TARGETS,
  type KpiTargets,
  type MonthlyFigures,
  type MonthProjection,
  type MonthScore,
  projectMonth,
  scoreMonth,
  scoreYear,
  type YearScore,
} from '@hotline/kpi';
import { monthKey } from '@hotline/calendar';
import { rateInputsOf } from '@hotline/storage';
import { buildKpiReport } from './kpi-report.builder';
import {
  buildPlatformKpiReport,
  NOT_IN_THE_TOTAL,
  omissionNote,
  type SiteReportSource,
  type SitesSummed,
} from './platform-kpi-report';
import type { ReportData } from './report-data';
import type { PaceOptions } from './report-pacer';
import { type KpiReportRequest, parseKpiReportQuery, type ReportLanguage } from './report-query';
import type { KpiReportRow, ReportValue } from './kpi-report-row';
import type { ReportTable } from './report-table';
import { type ColumnFormat, header } from './report-columns';

export interface ScorecardReport {
  readonly fromMonth: string;
  readonly toMonth: string;
  readonly months: readonly MonthScore[];
  /** Over the whole range, as the evaluation report scores its year. */
  readonly year: YearScore;
  /** The month in progress (when the range includes it), projected to its end. */
  readonly projection: MonthProjection | null;
}

/**
 * The appendix-2 scorecard from stored centre figures: each month, the range as a year, and
 * a live projection of the month in progress. Scoring itself is libs/kpi's (scoreMonth,
 * scoreYear, projectMonth); this only gathers the monthly figures.
 */
export async function buildScorecard(
  data: ReportData,
  fromMonth: string,
  toMonth: string,
  now: number,
  timeZone: string,
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
  pace: PaceOptions = {},
): Promise<ScorecardReport> {
  const request = scorecardRequest(fromMonth, toMonth, timeZone);
  const report = await buildKpiReport(data, request, {}, pace);
  return scorecardOf(request, report.rows, now, targets);
}

/** The platform's scorecard: the sites' months summed from counts (platformKpiReport), scored. */
export type PlatformScorecard = ScorecardReport & SitesSummed;

export async function buildPlatformScorecard(
  sites: readonly SiteReportSource[],
  fromMonth: string,
  toMonth: string,
  now: number,
  timeZone: string,
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
  pace: PaceOptions = {},
): Promise<PlatformScorecard> {
  const request = scorecardRequest(fromMonth, toMonth, timeZone);
  const report = await buildPlatformKpiReport(sites, request, {}, pace);
  return {
    ...scorecardOf(request, report.rows, now, targets),
    sites: report.sites,
    omittedPeriods: report.omittedPeriods,
  };
}

/** The centre by month over [fromMonth, toMonth]: what a scorecard is scored from. */
export function scorecardRequest(
  fromMonth: string,
  toMonth: string,
  timeZone: string,
): KpiReportRequest {
  return parseKpiReportQuery(
    { from: fromMonth, to: toMonth, by: 'month', scope: 'centre' },
    timeZone,
  );
}

/** Scores the centre's monthly rows of `request` (scorecardRequest). */
export function scorecardOf(
  request: KpiReportRequest,
  rows: readonly KpiReportRow[],
  now: number,
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
): ScorecardReport {
  const { timeZone } = request;
  const figures: MonthlyFigures[] = rows.map((row) => ({
    month: row.period,
    offered: row.counters.offered,
    inProgress: rateInputsOf(row.counters).inProgress,
    answered: row.counters.answered,
    answeredWithin10s: row.counters.answered10s,
    overFiveMinutes: row.counters.over5min,
    satisfactionRate: typeof row.values.satisfaction === 'number' ? row.values.satisfaction : null,
  }));
  const current = monthKey(now, timeZone);
  const inProgress = figures.find((f) => f.month === current);
  const complete = figures.filter((f) => f.month !== current);
  return {
    fromMonth: request.from,
    toMonth: request.to,
    months: figures.map((f) => scoreMonth(f, targets)),
    year: scoreYear(complete.length > 0 ? complete : figures, targets),
    projection: inProgress ? projectMonth(inProgress, now, timeZone, targets) : null,
  };
}

/** One row of the export: a month, the range scored as a year, or the month-end projection. */
interface ScorecardRowSource {
  readonly label: string;
  readonly score: MonthScore | YearScore;
  /** 月话务量: the month's calls offered, or the range's average month (rounded to a call). */
  readonly monthlyOffered: number;
}

/**
 * The scorecard as one table for CSV/XLSX: a row per month, the range scored as the evaluation
 * scores its year, and the month in progress projected to its end. Every column holds one kind
 * of figure, named as such: counts of calls and of months are whole numbers, rates are rates
 * (written with %), points are points; the targets are in the headers. A month's satisfaction is
 * a rate, the range's is the number of months below target: two columns, never one.
 */
export function scorecardExportTable(
  card: ScorecardReport | PlatformScorecard,
  lang: ReportLanguage,
  targets: KpiTargets = DEFAULT_KPI_TARGETS,
): ReportTable {
  const zh = lang === 'zh';
  const percent = (fraction: number) => `${Math.round(fraction * 10_000) / 100}%`;
  const max = card.year;
  const p = card.projection;
  const rows: ScorecardRowSource[] = card.months.map((m) => ({
    label: m.month === p?.projected.month ? `${m.month}${zh ? '（至今）' : ' (to date)'}` : m.month,
    score: m,
    monthlyOffered: m.volume.value ?? 0,
  }));
  const scored = card.year.months;
  if (scored.length > 0) {
    const range = `${scored[0]}~${scored[scored.length - 1]}`;
    rows.push({
      label: zh
        ? `全期 ${range}（${scored.length} 个月，话务量为月均）`
        : `Range ${range} (${scored.length} months; calls: monthly average)`,
      score: card.year,
      monthlyOffered: Math.round(card.year.averageMonthlyOffered),
    });
  }
  if (p)
    rows.push({
      label: zh
        ? `${p.projected.month} 月末预测（按本月已过 ${percent(p.elapsed)} 外推，非实际值）`
        : `${p.projected.month} month-end projection (extrapolated from ${percent(p.elapsed)} of the month; not actual)`,
      score: p.score,
      monthlyOffered: p.projected.offered,
    });
  const points = (s: { points: number }) => s.points;
  const rate = (value: number | null) => (value === null ? null : value / 100);
  const columns: readonly {
    readonly zh: string;
    readonly en: string;
    readonly format: ColumnFormat;
    readonly value: (r: ScorecardRowSource) => ReportValue;
  }[] = [
    { zh: '期间', en: 'Period', format: 'text', value: (r) => r.label },
    {
      zh: `月话务量（目标 ${targets.monthlyOffered}）`,
      en: `Calls offered per month (target ${targets.monthlyOffered})`,
      format: 'count',
      value: (r) => r.monthlyOffered,
    },
    {
      zh: `话务量得分（满分 ${max.volume.maxPoints}）`,
      en: `Volume points (of ${max.volume.maxPoints})`,
      format: 'decimal',
      value: (r) => points(r.score.volume),
    },
    {
      zh: `话务接通率（目标 ≥ ${percent(targets.answerRate)}）`,
      en: `Answer rate (target ≥ ${percent(targets.answerRate)})`,
      format: 'rate',
      value: (r) => rate(r.score.answerRate.value),
    },
    {
      zh: `接通率得分（满分 ${max.answerRate.maxPoints}）`,
      en: `Answer rate points (of ${max.answerRate.maxPoints})`,
      format: 'decimal',
      value: (r) => points(r.score.answerRate),
    },
    {
      zh: `热线10秒接通率（目标 ≥ ${percent(targets.answeredIn10sRate)}）`,
      en: `10-second answer rate (target ≥ ${percent(targets.answeredIn10sRate)})`,
      format: 'rate',
      value: (r) => rate(r.score.answeredIn10sRate.value),
    },
    {
      zh: `10秒接通率得分（满分 ${max.answeredIn10sRate.maxPoints}）`,
      en: `10-second rate points (of ${max.answeredIn10sRate.maxPoints})`,
      format: 'decimal',
      value: (r) => points(r.score.answeredIn10sRate),
    },
    {
      zh: `超5分钟通话率（目标 < ${percent(targets.overFiveMinuteRate)}）`,
      en: `Over-5-minute rate (target < ${percent(targets.overFiveMinuteRate)})`,
      format: 'rate',
      value: (r) => rate(r.score.overFiveMinuteRate.value),
    },
    {
      zh: `超5分钟得分（满分 ${max.overFiveMinuteRate.maxPoints}）`,
      en: `Over-5-minute points (of ${max.overFiveMinuteRate.maxPoints})`,
      format: 'decimal',
      value: (r) => points(r.score.overFiveMinuteRate),
    },
    {
      zh: `满意率（目标 ≥ ${percent(targets.satisfactionRate)}）`,
      en: `Satisfaction rate (target ≥ ${percent(targets.satisfactionRate)})`,
      format: 'rate',
      value: (r) => ('month' in r.score ? rate(r.score.satisfaction.value) : null),
    },
    {
      zh: '满意率未达标月数',
      en: 'Months below the satisfaction target',
      format: 'count',
      value: (r) => r.score.satisfaction.monthsBelowTarget,
    },
    {
      zh: `满意率得分（满分 ${max.satisfaction.maxPoints}）`,
      en: `Satisfaction points (of ${max.satisfaction.maxPoints})`,
      format: 'decimal',
      value: (r) => points(r.score.satisfaction),
    },
    {
      zh: `合计得分（满分 ${max.maxPoints}）`,
      en: `Total points (of ${max.maxPoints})`,
      format: 'decimal',
      value: (r) => r.score.points,
    },
  ];
  // The platform's months it could not sum: named with the reason, every figure empty.
  const omitted = 'omittedPeriods' in card ? card.omittedPeriods : [];
  return {
    title: zh ? '考核得分' : 'Scorecard',
    headers: columns.map((c) => (zh ? c.zh : c.en)),
    formats: columns.map((c) => c.format),
    rows: [
      ...rows.map((r) => columns.map((c) => c.value(r))),
      ...omitted.map((o) => [
        `${o.period} ${header(NOT_IN_THE_TOTAL, lang)}: ${omissionNote(o, lang)}`,
        ...columns.slice(1).map(() => null),
      ]),
    ],
  };
}
