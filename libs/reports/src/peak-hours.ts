import { minuteKey } from '@hotline/calendar';
import { CENTRE_KEY, type IntervalAggregateRow } from '@hotline/storage';
import type { ReportData } from './report-data';
import { daysPerCall } from './report-limits';
import { kpiColumn } from './report-columns';
import { type PaceOptions, ReportPacer } from './report-pacer';
import { ReportDays } from './report-periods';

export interface PeakInterval {
  readonly intervalStart: number;
  /** Local "YYYY-MM-DD HH:mm". */
  readonly label: string;
  readonly offered: number;
  readonly answered: number;
  /** 呼损: offered − answered. */
  readonly lost: number;
  readonly lossRate: number | null;
  readonly abandoned: number;
  readonly exited: number;
  readonly blocked: number;
  readonly maxWait: number;
  readonly agentsOnDuty: number;
  /** Offered calls per agent on duty (null when nobody was on duty). */
  readonly callsPerAgent: number | null;
}

/**
 * The 15-minute intervals with the most call loss (centre scope), with their staffing: the
 * view a shift leader uses to argue for seats at peak hours (evaluation report, problem 1).
 */
export function peakLossIntervals(
  centreRows: readonly IntervalAggregateRow[],
  timeZone: string,
  top: number,
): PeakInterval[] {
  return mostLoss(centreRows, top).map((r) => {
    const lost = r.offered - r.answered;
    return {
      intervalStart: r.intervalStart,
      label: minuteKey(r.intervalStart, timeZone),
      offered: r.offered,
      answered: r.answered,
      lost,
      lossRate: r.offered > 0 ? lost / r.offered : null,
      abandoned: r.abandoned,
      exited: r.exited,
      blocked: r.blocked,
      maxWait: r.maxWait,
      agentsOnDuty: r.agentsOnDuty,
      callsPerAgent: r.agentsOnDuty > 0 ? r.offered / r.agentsOnDuty : null,
    };
  });
}

/**
 * The peak-loss intervals of a stored range, a few days per database call: each call returns
 * its own top `top` (IntervalAggregateRepository.topLoss, same order as here) and only the best
 * `top` rows are kept between calls.
 */
export async function storedPeakLossIntervals(
  data: ReportData,
  fromMs: number,
  toMs: number,
  timeZone: string,
  top: number,
  pace: PaceOptions = {},
): Promise<PeakInterval[]> {
  const days = new ReportDays(fromMs, toMs, timeZone);
  const pacer = new ReportPacer(days.total, {
    ...pace,
    maxDays: pace.maxDays ?? daysPerCall('centre'),
  });
  let best: IntervalAggregateRow[] = [];
  while (!days.done) {
    const chunk = days.take(pacer.nextDays());
    const rows = await pacer.step(chunk.length, () =>
      data.topLoss(chunk[0].start, chunk[chunk.length - 1].end, top),
    );
    best = mostLoss([...best, ...rows], top);
  }
  return peakLossIntervals(best, timeZone, top);
}

/** Centre rows with loss: most lost first, then the higher loss rate, then the earlier. */
export function mostLoss(
  rows: readonly IntervalAggregateRow[],
  top: number,
): IntervalAggregateRow[] {
  const lossRate = (r: IntervalAggregateRow) => (r.offered - r.answered) / r.offered;
  return rows
    .filter((r) => r.scopeKind === 'centre' && r.scopeKey === CENTRE_KEY && r.offered > r.answered)
    .sort(
      (a, b) =>
        b.offered - b.answered - (a.offered - a.answered) ||
        lossRate(b) - lossRate(a) ||
        a.intervalStart - b.intervalStart,
    )
    .slice(0, top);
}

export const PEAK_COLUMNS = [
  { id: 'label', zh: '时段', en: 'Interval', format: 'text' },
  kpiColumn('offered'),
  kpiColumn('answered'),
  { id: 'lost', zh: '呼损', en: 'Unanswered', format: 'count' },
  { id: 'lossRate', zh: '呼损率', en: 'Loss rate', format: 'rate' },
  kpiColumn('abandoned'),
  { id: 'exited', zh: '超时/退出数', en: 'Exited', format: 'count' },
  kpiColumn('blocked'),
  kpiColumn('maxWait'),
  kpiColumn('agentsOnDuty'),
  { id: 'callsPerAgent', zh: '人均话务量', en: 'Calls per agent', format: 'seconds' },
] as const satisfies readonly { id: keyof PeakInterval; zh: string; en: string; format: string }[];
