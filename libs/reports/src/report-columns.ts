import type { ReportLanguage } from './report-query';

/** decimal: up to two decimals ("12.5"); fixed2: always two ("12.50"). */
export type ColumnFormat = 'text' | 'count' | 'rate' | 'seconds' | 'decimal' | 'fixed2';

export interface ReportColumn {
  readonly id: KpiColumnId;
  readonly zh: string;
  readonly en: string;
  readonly format: ColumnFormat;
}

/**
 * Columns of the KPI report. The appendix-3 names (话务量 … 超5分钟通话率) come first, worded
 * exactly as the evaluation report's basic data table, then loss, times, staffing and
 * satisfaction.
 */
export const KPI_COLUMNS = [
  { id: 'period', zh: '时段', en: 'Period', format: 'text' },
  { id: 'scope', zh: '统计维度', en: 'Scope', format: 'text' },
  { id: 'name', zh: '对象', en: 'Name', format: 'text' },
  { id: 'offered', zh: '话务量', en: 'Offered', format: 'count' },
  { id: 'answered', zh: '话务接通数', en: 'Answered', format: 'count' },
  { id: 'answerRate', zh: '话务接通率', en: 'Answer rate', format: 'rate' },
  { id: 'answered10s', zh: '热线10秒接通数', en: 'Answered within 10 s', format: 'count' },
  { id: 'answered10sRate', zh: '热线10秒接通率', en: '10-second answer rate', format: 'rate' },
  { id: 'over5min', zh: '超5分钟通话数', en: 'Calls over 5 min', format: 'count' },
  { id: 'over5minRate', zh: '超5分钟通话率', en: 'Over-5-minute rate', format: 'rate' },
  { id: 'serviceLevel', zh: '服务水平', en: 'Service level (10 s / offered)', format: 'rate' },
  { id: 'unanswered', zh: '呼损', en: 'Unanswered', format: 'count' },
  { id: 'abandoned', zh: '放弃数', en: 'Abandoned', format: 'count' },
  { id: 'abandonRate', zh: '放弃率', en: 'Abandon rate', format: 'rate' },
  { id: 'shortAbandoned', zh: '短时放弃数', en: 'Short abandons', format: 'count' },
  { id: 'exited', zh: '超时/退出数', en: 'Exited (timeout, exit key)', format: 'count' },
  { id: 'blocked', zh: '拒接数', en: 'Refused (blocked)', format: 'count' },
  {
    id: 'unknown',
    zh: '结果未知数',
    en: 'Outcome unknown (gone while unmonitored)',
    format: 'count',
  },
  { id: 'asa', zh: '平均应答时长(秒)', en: 'ASA (s)', format: 'seconds' },
  { id: 'aht', zh: '平均通话时长(秒)', en: 'AHT (s)', format: 'seconds' },
  { id: 'maxWait', zh: '最长等待(秒)', en: 'Longest wait (s)', format: 'count' },
  { id: 'agentsOnDuty', zh: '出勤人工客服数量', en: 'Agents on duty', format: 'count' },
  { id: 'ratings', zh: '评价数', en: 'Ratings', format: 'count' },
  { id: 'satisfaction', zh: '话务员接话服务满意率', en: 'Agent satisfaction', format: 'rate' },
] as const satisfies readonly { id: string; zh: string; en: string; format: ColumnFormat }[];

export type KpiColumnId = (typeof KPI_COLUMNS)[number]['id'];

/** The KPI report's column `id`, worded as there, for another report showing the same figure. */
export function kpiColumn<Id extends KpiColumnId>(id: Id): ReportColumn & { readonly id: Id } {
  const column = KPI_COLUMNS.find(
    (c): c is Extract<(typeof KPI_COLUMNS)[number], { id: Id }> => c.id === id,
  );
  if (!column) throw new RangeError(`no KPI column ${id}`);
  return column;
}

export const SCOPE_LABELS: Record<string, { zh: string; en: string }> = {
  centre: { zh: '中心', en: 'Centre' },
  queue: { zh: '队列', en: 'Queue' },
  line: { zh: '热线', en: 'Line' },
  agent: { zh: '话务员', en: 'Agent' },
};

export const SUMMARY_LABELS = {
  total: { zh: '合计', en: 'Total' },
  monthlyAverage: { zh: '月均', en: 'Monthly average' },
  unknownLine: { zh: '未标明热线', en: 'Line not reported' },
  centreName: { zh: '全中心', en: 'Whole centre' },
  platformName: { zh: '全平台（各站点合计）', en: 'All sites (total)' },
};

export function header(column: { zh: string; en: string }, lang: ReportLanguage): string {
  return lang === 'en' ? column.en : column.zh;
}
