import { emptyCounters, addCounters, type StoredCounters } from '@hotline/storage';
import { type KpiReportRow, reportValues } from './kpi-report-row';
import type { KpiReportSummary } from './kpi-report.builder';
import { header, SUMMARY_LABELS } from './report-columns';
import type { KpiReportRequest } from './report-query';

/**
 * Total and monthly average, gathered row by row: counters summed (peaks for the longest wait
 * and agents on duty), satisfaction pooled over ratings when every row has them, else the mean
 * of the rows' rates (imported months carry a rate only), as the evaluation report does.
 */
export class SummaryAccumulator {
  private readonly sum = emptyCounters();
  private rows = 0;
  private partial = false;
  private rateSum = 0;
  private rateCount = 0;
  private readonly periods = new Set<string>();

  constructor(
    private readonly scopeKind: string,
    private readonly scopeLabel: string,
    private readonly name: string,
  ) {}

  /** The total and (by month) the monthly average of the rows added so far. */
  summary({ by, lang }: Pick<KpiReportRequest, 'by' | 'lang'>): KpiReportSummary {
    return {
      total: this.total(header(SUMMARY_LABELS.total, lang)),
      monthlyAverage:
        by === 'month' ? this.monthlyAverage(header(SUMMARY_LABELS.monthlyAverage, lang)) : null,
    };
  }

  add(row: KpiReportRow): void {
    this.rows++;
    addCounters(this.sum, row.counters);
    this.partial ||= row.partial;
    const rate = row.values.satisfaction;
    if (typeof rate === 'number') {
      this.rateSum += rate;
      this.rateCount++;
    }
    this.periods.add(row.period);
  }

  total(label: string): KpiReportRow | null {
    return this.rows > 0 ? this.row(label, 1) : null;
  }

  /** Over more than one month only. */
  monthlyAverage(label: string): KpiReportRow | null {
    return this.periods.size > 1 ? this.row(label, this.periods.size) : null;
  }

  private row(period: string, divisor: number): KpiReportRow {
    const { sum, partial, scopeLabel: scope, name } = this;
    const satisfactionRate = this.rateCount > 0 ? this.rateSum / this.rateCount : null;
    const counters = divisor === 1 ? { ...sum } : averaged(sum, divisor);
    const values = reportValues({ period, scope, name }, counters, satisfactionRate, partial);
    if (divisor !== 1) {
      // Rates of an average month are the pooled rates, not ratios of rounded averages.
      const pooled = reportValues({ period, scope, name }, sum, satisfactionRate, partial);
      for (const id of [
        'answerRate',
        'answered10sRate',
        'over5minRate',
        'serviceLevel',
        'abandonRate',
        'asa',
        'aht',
        'satisfaction',
      ] as const)
        values[id] = pooled[id];
      values.maxWait = pooled.maxWait;
    }
    if (sum.ratings > 0 && !partial) values.satisfaction = sum.satisfied / sum.ratings;
    return {
      period,
      periodStart: null,
      scopeKind: this.scopeKind,
      scopeKey: '',
      counters,
      partial,
      values,
    };
  }
}

function averaged(c: StoredCounters, n: number): StoredCounters {
  const out = { ...c };
  for (const key of Object.keys(out) as (keyof StoredCounters)[]) {
    if (key === 'maxWait' || key === 'agentsOnDuty') continue;
    out[key] = Math.round(c[key] / n);
  }
  return out;
}
