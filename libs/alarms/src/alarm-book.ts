import type { Alarm, AlarmCondition, AlarmKind, AlarmTransition } from './alarm';

/**
 * Turns the conditions rules see into alarms with a raised and a cleared time. Each kind is
 * evaluated as a whole: a condition that is no longer reported is cleared. Cleared alarms are
 * kept (newest first, bounded) for the leader's alarm list.
 */
export class AlarmBook {
  private readonly active = new Map<string, Alarm>();
  private readonly history: Alarm[] = [];

  constructor(private readonly historyLimit = 100) {}

  /** Replaces the conditions of one kind; returns what was raised and what was cleared. */
  evaluate(kind: AlarmKind, conditions: readonly AlarmCondition[], now: number): AlarmTransition[] {
    const transitions: AlarmTransition[] = [];
    const seen = new Set<string>();
    for (const condition of conditions) {
      const key = `${condition.kind}:${condition.subject}`;
      seen.add(key);
      const current = this.active.get(key);
      if (!current) {
        const raisedAt = Math.min(condition.since ?? now, now);
        const alarm: Alarm = {
          id: `${key}@${raisedAt}`,
          ...this.fields(condition),
          raisedAt,
          clearedAt: null,
        };
        this.active.set(key, alarm);
        transitions.push({ state: 'raised', alarm });
      } else if (current.severity !== condition.severity) {
        // Escalation (a long wait turning critical) is news; the value ticking up is not.
        const escalated: Alarm = { ...current, ...this.fields(condition) };
        this.active.set(key, escalated);
        transitions.push({ state: 'raised', alarm: escalated });
      }
    }
    for (const [key, alarm] of this.active) {
      if (alarm.kind !== kind || seen.has(key)) continue;
      this.active.delete(key);
      const cleared: Alarm = { ...alarm, clearedAt: now };
      this.history.unshift(cleared);
      transitions.push({ state: 'cleared', alarm: cleared });
    }
    if (this.history.length > this.historyLimit) this.history.length = this.historyLimit;
    return transitions;
  }

  activeAlarms(): Alarm[] {
    return [...this.active.values()].sort((a, b) => a.raisedAt - b.raisedAt);
  }

  recentlyCleared(): readonly Alarm[] {
    return this.history;
  }

  private fields(condition: AlarmCondition): Omit<Alarm, 'id' | 'raisedAt' | 'clearedAt'> {
    return {
      kind: condition.kind,
      severity: condition.severity,
      subject: condition.subject,
      value: condition.value,
      threshold: condition.threshold,
      detail: condition.detail,
    };
  }
}
