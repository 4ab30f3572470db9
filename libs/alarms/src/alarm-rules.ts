import type { AlarmBook } from './alarm-book';
import { type AlarmDamping, DEFAULT_ALARM_DAMPING } from './alarm-damping';
import type { AlarmTransition } from './alarm';
import { KpiTargetAlarmRule, type TargetedFigures } from './kpi-target-alarm-rule';
import { LongWaitAlarmRule, type WaitingCaller } from './long-wait-alarm-rule';
import { type LinkState, PbxLinkAlarmRule } from './pbx-link-alarm-rule';
import type { KpiTargetsForAlarms, SeverityScheme } from './severity-scheme';

/** What the figure rules read of one KPI snapshot (structurally part of @hotline/kpi's). */
export interface AlarmFigures {
  /** PBX time of the figures: call and KPI alarms are timed on the PBX clock. */
  readonly at: number;
  readonly live: { readonly waiting: readonly WaitingCaller[] };
  readonly periods: { readonly centre: { readonly today: TargetedFigures } };
}

/**
 * The centre's alarm rules as one pure module: the figure rules (long waits, KPI targets)
 * evaluated on a snapshot, the link rule on a link change. The book keeps what is active.
 */
export class AlarmRules {
  private readonly longWait: LongWaitAlarmRule;
  private readonly kpiTarget: KpiTargetAlarmRule;
  private readonly link = new PbxLinkAlarmRule();
  private readonly kpiHoldMs: number;

  /**
   * `damping` holds the KPI-target alarms still. A long wait clears when its caller is
   * answered or gone, the link's when it is back: both are facts, not a rate hovering.
   */
  constructor(scheme: SeverityScheme, damping: AlarmDamping = DEFAULT_ALARM_DAMPING) {
    this.longWait = new LongWaitAlarmRule(scheme.wait.alarmSeconds);
    this.kpiTarget = new KpiTargetAlarmRule(
      targetsOf(scheme),
      scheme.minSample,
      damping.hysteresis,
    );
    this.kpiHoldMs = damping.holdSeconds * 1000;
  }

  figures(book: AlarmBook, figures: AlarmFigures): AlarmTransition[] {
    return [
      ...book.evaluate('long-wait', this.longWait.conditions(figures.live.waiting), figures.at),
      ...book.evaluate(
        'kpi-target',
        this.kpiTarget.conditions(figures.periods.centre.today),
        figures.at,
        this.kpiHoldMs,
      ),
    ];
  }

  pbxLink(book: AlarmBook, link: LinkState, now: number): AlarmTransition[] {
    return book.evaluate('pbx-link', this.link.conditions(link), now);
  }
}

function targetsOf(scheme: SeverityScheme): KpiTargetsForAlarms {
  const { rates } = scheme;
  return {
    answerRate: rates.answerRate.target,
    answeredIn10sRate: rates.answeredIn10sRate.target,
    overFiveMinuteRate: rates.overFiveMinuteRate.target,
    satisfactionRate: rates.satisfactionRate.target,
  };
}
