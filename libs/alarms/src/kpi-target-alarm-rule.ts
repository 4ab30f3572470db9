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
  /** Offered calls still waiting, not in the answer rate's denominator (docs/kpi-spec.md); absent: none. */
  readonly inProgress?: number;
  readonly answered: number;
  readonly answerRate: number | null;
  readonly answeredIn10sRate: number | null;
  readonly overFiveMinuteRate: number | null;
  readonly ratings: { readonly count: number; readonly rate: number | null };
}

/**
 * The calls a rate is taken over, as judged against `minSample`: the finished calls (offered
 * less those still waiting) for the answer rate, answered for the 10-second and over-5-minute
 * rates, ratings for satisfaction. The alarms, the
 * boards (push `kpis.samples`, scope rows) and the Prometheus alert rules
 * (prometheus-alert-rules.ts) read it here.
 */
export const RATE_SAMPLE = {
  answerRate: 'finished',
  answeredIn10sRate: 'answered',
  overFiveMinuteRate: 'answered',
  satisfactionRate: 'ratings',
} as const satisfies Record<TargetedKpi, 'finished' | 'answered' | 'ratings'>;

export function rateSample(
  kpi: TargetedKpi,
  figures: Pick<TargetedFigures, 'offered' | 'inProgress' | 'answered'> & {
    readonly ratings?: { readonly count: number };
  },
): number {
  const sample = RATE_SAMPLE[kpi];
  if (sample === 'ratings') return figures.ratings?.count ?? 0;
  if (sample === 'finished') return figures.offered - (figures.inProgress ?? 0);
  return figures[sample];
}

/** Every targeted rate's sample over one period's figures (a board colours each by it). */
export function rateSamples(
  figures: Parameters<typeof rateSample>[1],
): Readonly<Record<TargetedKpi, number>> {
  return {
    answerRate: rateSample('answerRate', figures),
    answeredIn10sRate: rateSample('answeredIn10sRate', figures),
    overFiveMinuteRate: rateSample('overFiveMinuteRate', figures),
    satisfactionRate: rateSample('satisfactionRate', figures),
  };
}

/**
 * Today's centre figures past their target. Rates over a handful of calls swing wildly just
 * after midnight, so a rate only counts once its denominator has `minSample` calls. A rate back
 * on the right side of its target by less than `hysteresis` is reported as holding: it keeps an
 * active alarm (alarm-damping.ts).
 */
export class KpiTargetAlarmRule {
  private readonly bands: Readonly<Record<TargetedKpi, RateBand>>;

  constructor(
    targets: KpiTargetsForAlarms,
    private readonly minSample = MIN_SAMPLE,
    private readonly hysteresis = 0,
  ) {
    this.bands = rateBands(targets);
  }

  conditions(figures: TargetedFigures): AlarmCondition[] {
    const conditions: AlarmCondition[] = [];
    const check = (kpi: TargetedKpi, value: number | null): void => {
      if (value === null || rateSample(kpi, figures) < this.minSample) return;
      const band = this.bands[kpi];
      const status = rateStatus(band, value);
      const past = status === 'warning' || status === 'critical';
      if (!past && !withinHysteresis(band, value, this.hysteresis)) return;
      conditions.push({
        kind: 'kpi-target',
        subject: kpi,
        severity: past ? status : 'warning',
        value,
        threshold: band.target,
        detail: { scope: 'centre', period: 'today' },
        ...(past ? {} : { holding: true }),
      });
    };
    check('answerRate', figures.answerRate);
    check('answeredIn10sRate', figures.answeredIn10sRate);
    check('satisfactionRate', figures.ratings.rate);
    // 超5分钟通话率 must stay *below* its target (kpi-spec.md: "< 36%"): a ceiling band.
    check('overFiveMinuteRate', figures.overFiveMinuteRate);
    return conditions;
  }
}

/** On the right side of the target, but by less than the hysteresis. */
function withinHysteresis(band: RateBand, value: number, hysteresis: number): boolean {
  return band.bound === 'floor'
    ? value < band.target + hysteresis
    : value > band.target - hysteresis;
}
