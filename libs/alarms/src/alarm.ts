/** What a shift leader must see at once. Times are epoch ms (PBX clock for call/KPI alarms). */
export type AlarmKind = 'long-wait' | 'kpi-target' | 'pbx-link';
export type AlarmSeverity = 'warning' | 'critical';

/** KPIs with a target the centre is judged on (kpi-spec.md, monthly scorecard). */
export type TargetedKpi =
  'answerRate' | 'answeredIn10sRate' | 'overFiveMinuteRate' | 'satisfactionRate';

export interface Alarm {
  /** Stable while the condition lasts: kind + subject, plus the time it was raised. */
  readonly id: string;
  readonly kind: AlarmKind;
  readonly severity: AlarmSeverity;
  /** What the alarm is about: a queue call id, a KPI name, or 'pbx'. */
  readonly subject: string;
  /** Measured value when raised (wait seconds, a rate 0–1), or null (link). */
  readonly value: number | null;
  /** The threshold crossed (seconds, a rate 0–1), or null (link). */
  readonly threshold: number | null;
  /** Extra context for the display: queue, line, reason. */
  readonly detail: Readonly<Record<string, string>>;
  readonly raisedAt: number;
  readonly clearedAt: number | null;
  /** A leader has seen it (who, when); an escalation asks again (null). */
  readonly acknowledged: AlarmAcknowledgement | null;
}

export interface AlarmAcknowledgement {
  /** The leader's display name from the page, or the token's role when none was given. */
  readonly by: string;
  /** Epoch ms (server clock). */
  readonly at: number;
}

/** A condition a rule sees as true right now. */
export interface AlarmCondition {
  readonly kind: AlarmKind;
  readonly subject: string;
  readonly severity: AlarmSeverity;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly detail: Readonly<Record<string, string>>;
  /** When the condition started, if the rule knows better than "now" (e.g. joinedAt + threshold). */
  readonly since?: number;
  /**
   * Back on the right side of the threshold but not yet by the hysteresis: keeps an active
   * alarm of its subject active (and its clearing hold from starting), never raises one.
   */
  readonly holding?: boolean;
}

/** What a leader's alarm list shows: the active alarms and the recently cleared ones. */
export interface AlarmLists {
  readonly active: readonly Alarm[];
  readonly recent: readonly Alarm[];
}

export const ALARM_TRANSITION_STATES = ['raised', 'escalated', 'acknowledged', 'cleared'] as const;
export type AlarmTransitionState = (typeof ALARM_TRANSITION_STATES)[number];

export interface AlarmTransition {
  readonly state: AlarmTransitionState;
  /** When it happened (epoch ms, the clock of the alarm's own times). */
  readonly at: number;
  readonly alarm: Alarm;
}
