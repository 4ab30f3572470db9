import type { AlarmCondition, TargetedKpi } from './alarm';
import {
  type KpiTargetsForAlarms,
  MIN_SAMPLE,
  type RateBand,
  rateBands,
  rateStatus,
} from './severity-scheme';

export interface TargetedFigures {
  readonly offered: number;
  readonly answered: number;
  readonly answerRate: number | null;
  readonly answeredIn10sRate: number | null;
  readonly overFiveMinuteRate: number | null;
  readonly ratings: { readonly count: number; readonly rate: number | null };
}

/**
 * Today's centre figures past their target. Rates over a handful of calls swing wildly just
 * after midnight, so a rate only counts once its denominator has `minSample` calls.
 */
export class KpiTargetAlarmRule {
  private readonly bands: Readonly<Record<TargetedKpi, RateBand>>;

  constructor(
    targets: KpiTargetsForAlarms,
    private readonly minSample = MIN_SAMPLE,
  ) {
    this.bands = rateBands(targets);
  }

  conditions(figures: TargetedFigures): AlarmCondition[] {
    const conditions: AlarmCondition[] = [];
    const check = (kpi: TargetedKpi, value: number | null, denominator: number): void => {
      if (value === null || denominator < this.minSample) return;
      const status = rateStatus(this.bands[kpi], value);
      if (status !== 'warning' && status !== 'critical') return;
      conditions.push({
        kind: 'kpi-target',
        subject: kpi,
        severity: status,
        value,
        threshold: this.bands[kpi].target,
        detail: { scope: 'centre', period: 'today' },
      });
    };
    check('answerRate', figures.answerRate, figures.offered);
    check('answeredIn10sRate', figures.answeredIn10sRate, figures.answered);
    check('satisfactionRate', figures.ratings.rate, figures.ratings.count);
    // 超5分钟通话率 must stay *below* its target (kpi-spec.md: "< 36%"): a ceiling band.
    check('overFiveMinuteRate', figures.overFiveMinuteRate, figures.answered);
    return conditions;
  }
}
