import type {
  Alarm,
  AlarmAcknowledgement,
  AlarmCondition,
  AlarmKind,
  AlarmSeverity,
  AlarmTransition,
} from './alarm';

const SEVERITY_RANK: Readonly<Record<AlarmSeverity, number>> = { warning: 0, critical: 1 };

/**
 * Turns the conditions rules see into alarms with a raised and a cleared time. Each kind is
 * evaluated as a whole: a condition that is no longer reported is cleared — at once, or once it
 * has stayed away for the hold the rule asks for (alarm-damping.ts). Within one alarm the
 * severity only rises: a rate swinging about its critical margin escalates once, not each
 * swing. Cleared alarms are kept (newest first, bounded) for the leader's alarm list.
 */
export class AlarmBook {
  private readonly active = new Map<string, Alarm>();
  /** Active alarms whose condition is gone, and since when (their clearing hold). */
  private readonly goneSince = new Map<string, number>();
  private readonly history: Alarm[] = [];

  constructor(private readonly historyLimit = 100) {}

  /**
   * Replaces the conditions of one kind; returns what was raised, escalated and cleared.
   * `holdMs`: how long a condition must stay away before its alarm clears.
   */
  evaluate(
    kind: AlarmKind,
    conditions: readonly AlarmCondition[],
    now: number,
    holdMs = 0,
  ): AlarmTransition[] {
    const transitions: AlarmTransition[] = [];
    const seen = new Set<string>();
    for (const condition of conditions) {
      const key = `${condition.kind}:${condition.subject}`;
      const current = this.active.get(key);
      if (!current) {
        if (condition.holding) continue;
        seen.add(key);
        const raisedAt = Math.min(condition.since ?? now, now);
        const alarm: Alarm = {
          id: `${key}@${raisedAt}`,
          ...this.fields(condition),
          raisedAt,
          clearedAt: null,
          acknowledged: null,
        };
        this.active.set(key, alarm);
        transitions.push({ state: 'raised', at: raisedAt, alarm });
        continue;
      }
      seen.add(key);
      this.goneSince.delete(key);
      if (
        !condition.holding &&
        SEVERITY_RANK[condition.severity] > SEVERITY_RANK[current.severity]
      ) {
        // Escalation (a long wait turning critical) is news, and asks the leaders again; the
        // value ticking up is not.
        const escalated: Alarm = { ...current, ...this.fields(condition), acknowledged: null };
        this.active.set(key, escalated);
        transitions.push({ state: 'escalated', at: now, alarm: escalated });
      }
    }
    for (const [key, alarm] of this.active) {
      if (alarm.kind !== kind || seen.has(key)) continue;
      const gone = this.goneSince.get(key) ?? now;
      if (now - gone < holdMs) {
        this.goneSince.set(key, gone);
        continue;
      }
      this.active.delete(key);
      this.goneSince.delete(key);
      const cleared: Alarm = { ...alarm, clearedAt: now };
      this.history.unshift(cleared);
      transitions.push({ state: 'cleared', at: now, alarm: cleared });
    }
    if (this.history.length > this.historyLimit) this.history.length = this.historyLimit;
    return transitions;
  }

  /**
   * A leader has seen an active alarm. The first acknowledgement stands; an unknown or cleared
   * alarm, or one already acknowledged, changes nothing (undefined).
   */
  acknowledge(id: string, acknowledged: AlarmAcknowledgement): AlarmTransition | undefined {
    for (const [key, alarm] of this.active) {
      if (alarm.id !== id) continue;
      if (alarm.acknowledged) return undefined;
      const seen: Alarm = { ...alarm, acknowledged };
      this.active.set(key, seen);
      return { state: 'acknowledged', at: acknowledged.at, alarm: seen };
    }
    return undefined;
  }

  activeAlarms(): Alarm[] {
    return [...this.active.values()].sort((a, b) => a.raisedAt - b.raisedAt);
  }

  recentlyCleared(): readonly Alarm[] {
    return this.history;
  }

  private fields(
    condition: AlarmCondition,
  ): Omit<Alarm, 'id' | 'raisedAt' | 'clearedAt' | 'acknowledged'> {
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
