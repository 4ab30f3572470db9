import type { AlarmCondition } from './alarm';

export interface WaitingCaller {
  readonly callId: string;
  readonly queue: string;
  readonly line: string | null;
  readonly joinedAt: number;
  readonly waitSeconds: number;
}

/**
 * A caller waiting past `push.waitAlarmSeconds`. Critical at twice the threshold, so the
 * leader can tell a caller who just crossed it from one who has been forgotten.
 */
export class LongWaitAlarmRule {
  constructor(private readonly thresholdSeconds: number) {}

  conditions(waiting: readonly WaitingCaller[]): AlarmCondition[] {
    const conditions: AlarmCondition[] = [];
    for (const caller of waiting) {
      if (caller.waitSeconds < this.thresholdSeconds) continue;
      conditions.push({
        kind: 'long-wait',
        subject: caller.callId,
        severity: caller.waitSeconds >= 2 * this.thresholdSeconds ? 'critical' : 'warning',
        value: caller.waitSeconds,
        threshold: this.thresholdSeconds,
        detail: caller.line ? { queue: caller.queue, line: caller.line } : { queue: caller.queue },
        since: caller.joinedAt + this.thresholdSeconds * 1000,
      });
    }
    return conditions;
  }
}
