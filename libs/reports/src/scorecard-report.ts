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
import type { ReportData } from './report-data';
import type { PaceOptions } from './report-pacer';
import { parseKpiReportQuery, type ReportLanguage } from './report-query';
import type { ReportValue } from './kpi-report-row';
import type { ReportTable } from './report-table';

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
  const request = parseKpiReportQuery(
    { from: fromMonth, to: toMonth, by: 'month', scope: 'centre' },
    timeZone,
  );
  const report = await buildKpiReport(data, request, {}, pace);
  const figures: MonthlyFigures[] = report.rows.map((row) => ({
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

const INDICATORS = [
  ['volume', '话务量', 'Monthly volume'],
  ['answerRate', '话务接通率', 'Answer rate'],
  ['answeredIn10sRate', '热线10秒接通率', '10-second answer rate'],
  ['overFiveMinuteRate', '超5分钟通话率', 'Over-5-minute rate'],
  ['satisfaction', '话务员接话服务满意率', 'Agent satisfaction'],
] as const;

/** The scorecard as a table: one line per indicator, points over maximum. */
export function scorecardTable(
  score: YearScore | MonthScore,
  lang: ReportLanguage,
  title: string,
): ReportTable {
  const zh = lang === 'zh';
  const rows: ReportValue[][] = INDICATORS.map(([id, zhName, enName]) => {
    const s = score[id];
    return [zh ? zhName : enName, s.value, s.target, s.points, s.maxPoints];
  });
  rows.push([zh ? '合计' : 'Total', null, null, score.points, score.maxPoints]);
  return {
    title,
    headers: zh
      ? ['指标', '实际值', '目标', '得分', '分值']
      : ['Indicator', 'Value', 'Target', 'Points', 'Max points'],
    formats: ['text', 'decimal', 'decimal', 'decimal', 'decimal'],
    rows,
  };
}
