import type { AlarmCondition, TargetedKpi } from './alarm';

export interface TargetedFigures {
  readonly offered: number;
  readonly answered: number;
  readonly answerRate: number | null;
  readonly answeredIn10sRate: number | null;
  readonly overFiveMinuteRate: number | null;
  readonly ratings: { readonly count: number; readonly rate: number | null };
}

export interface KpiTargetsForAlarms {
  readonly answerRate: number;
  readonly answeredIn10sRate: number;
  readonly overFiveMinuteRate: number;
  readonly satisfactionRate: number;
}

/**
 * Today's centre figures past their target. Rates over a handful of calls swing wildly just
 * after midnight, so a rate only counts once its denominator has `minSample` calls.
 */
export class KpiTargetAlarmRule {
  constructor(
    private readonly targets: KpiTargetsForAlarms,
    private readonly minSample = 20,
  ) {}

  conditions(figures: TargetedFigures): AlarmCondition[] {
    const conditions: AlarmCondition[] = [];
    const below = (kpi: TargetedKpi, value: number | null, denominator: number): void => {
      const target = this.targets[kpi];
      if (value === null || denominator < this.minSample || value >= target) return;
      conditions.push(this.condition(kpi, value, target, value < target - 0.05));
    };
    below('answerRate', figures.answerRate, figures.offered);
    below('answeredIn10sRate', figures.answeredIn10sRate, figures.answered);
    below('satisfactionRate', figures.ratings.rate, figures.ratings.count);
    // 超5分钟通话率 must stay *below* its target (kpi-spec.md: "< 36%").
    const over = figures.overFiveMinuteRate;
    const overTarget = this.targets.overFiveMinuteRate;
    if (over !== null && figures.answered >= this.minSample && over >= overTarget) {
      conditions.push(
        this.condition('overFiveMinuteRate', over, overTarget, over >= overTarget + 0.05),
      );
    }
    return conditions;
  }

  private condition(
    kpi: TargetedKpi,
    value: number,
    target: number,
    critical: boolean,
  ): AlarmCondition {
    return {
      kind: 'kpi-target',
      subject: kpi,
      severity: critical ? 'critical' : 'warning',
      value,
      threshold: target,
      detail: { scope: 'centre', period: 'today' },
    };
  }
}
