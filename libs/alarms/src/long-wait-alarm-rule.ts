import { pbxInstantAfter } from '@hotline/kpi';
import type { AlarmCondition } from './alarm';
import { type WaitBand, waitBand } from './severity-scheme';

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
  private readonly band: WaitBand;

  constructor(thresholdSeconds: number) {
    this.band = waitBand(thresholdSeconds);
  }

  conditions(waiting: readonly WaitingCaller[]): AlarmCondition[] {
    const conditions: AlarmCondition[] = [];
    const { alarmSeconds, criticalSeconds } = this.band;
    for (const caller of waiting) {
      if (caller.waitSeconds < alarmSeconds) continue;
      conditions.push({
        kind: 'long-wait',
        subject: caller.callId,
        severity: caller.waitSeconds >= criticalSeconds ? 'critical' : 'warning',
        value: caller.waitSeconds,
        threshold: alarmSeconds,
        detail: caller.line ? { queue: caller.queue, line: caller.line } : { queue: caller.queue },
        // The wait is counted in whole PBX seconds (kpi counting rules): it reached the
        // threshold at the start of that second, not a fraction of a second later.
        since: pbxInstantAfter(caller.joinedAt, alarmSeconds),
      });
    }
    return conditions;
  }
}
