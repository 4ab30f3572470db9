import type { AlarmTransition, AlarmTransitionState } from './alarm';

/**
 * One line of the alarm history (stored by libs/storage as `alarm_event`): the alarm as it stood
 * then. Times epoch ms; value and threshold a rate 0–1, seconds or null.
 */
export interface AlarmEvent {
  readonly alarmId: string;
  readonly event: AlarmTransitionState;
  /** When it happened (epoch ms): raised, escalated, acknowledged or cleared. */
  readonly at: number;
  readonly kind: string;
  readonly subject: string;
  readonly severity: string;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly detail: Readonly<Record<string, string>>;
  readonly raisedAt: number;
  /** Who acknowledged it (acknowledged events, and later ones of an acknowledged alarm). */
  readonly acknowledgedBy: string | null;
}

/** A transition as a line of the alarm history. */
export function alarmEvent(transition: AlarmTransition): AlarmEvent {
  const { state, at, alarm } = transition;
  return {
    alarmId: alarm.id,
    event: state,
    at,
    kind: alarm.kind,
    subject: alarm.subject,
    severity: alarm.severity,
    value: alarm.value,
    threshold: alarm.threshold,
    detail: alarm.detail,
    raisedAt: alarm.raisedAt,
    acknowledgedBy: alarm.acknowledged?.by ?? null,
  };
}
