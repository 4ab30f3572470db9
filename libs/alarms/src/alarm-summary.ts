import type { Alarm, AlarmKind, AlarmSeverity } from './alarm';

export const ALARM_KINDS: readonly AlarmKind[] = ['long-wait', 'kpi-target', 'pbx-link'];

/** One rule's state, for /health and /metrics: how many alarms, the worst, the oldest. */
export interface AlarmRuleSummary {
  readonly active: number;
  readonly severity: AlarmSeverity | null;
  /** When the oldest active alarm of the rule was raised (epoch ms), or null. */
  readonly since: number | null;
}

export function summarizeAlarms(
  active: readonly Alarm[],
): Readonly<Record<AlarmKind, AlarmRuleSummary>> {
  const summary = {} as Record<AlarmKind, AlarmRuleSummary>;
  for (const kind of ALARM_KINDS) {
    const mine = active.filter((a) => a.kind === kind);
    summary[kind] = {
      active: mine.length,
      severity:
        mine.length === 0
          ? null
          : mine.some((a) => a.severity === 'critical')
            ? 'critical'
            : 'warning',
      since: mine.length === 0 ? null : Math.min(...mine.map((a) => a.raisedAt)),
    };
  }
  return summary;
}
