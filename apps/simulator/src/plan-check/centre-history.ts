import type { CentreIntervalHistory } from '@hotline/staffing';
import { contactUnits, DEFAULT_THRESHOLDS, type TruthCall } from '@hotline/simulator';

const SLOT_MS = 15 * 60_000;

/**
 * The centre's 15-minute aggregates of a simulated stretch, as storage would keep them: contacts
 * (by Linkedid, counted in the interval of their first join) offered, answered and abandoned, the
 * talk of the answered, and the seconds waited by every contact (answered, abandoned, exited) —
 * what the planner reads from the last weeks of a real centre.
 */
export function centreIntervals(calls: readonly TruthCall[]): CentreIntervalHistory[] {
  const firstJoin = new Map<string, number>();
  for (const call of calls) {
    firstJoin.set(call.linkedid, Math.min(firstJoin.get(call.linkedid) ?? Infinity, call.joinedAt));
  }
  const bySlot = new Map<number, TruthCall[]>();
  for (const call of calls) {
    // Asia/Shanghai is UTC+8: local 15-minute boundaries are UTC ones.
    const slot = Math.floor(firstJoin.get(call.linkedid)! / SLOT_MS) * SLOT_MS;
    const list = bySlot.get(slot);
    if (list) list.push(call);
    else bySlot.set(slot, [call]);
  }
  return [...bySlot.entries()]
    .sort(([a], [b]) => a - b)
    .map(([startMs, group]) => {
      const units = contactUnits(group);
      return {
        startMs,
        offered: units.length,
        answered: units.filter((u) => u.outcome === 'answered').length,
        abandoned: units.filter((u) => u.outcome === 'abandoned').length,
        sumTalkSeconds: units.reduce(
          (s, u) => s + (u.outcome === 'answered' ? (u.talkSeconds ?? 0) : 0),
          0,
        ),
        totalWaitSeconds: units.reduce((s, u) => s + u.waitSeconds, 0),
        shortAbandoned: units.filter(
          (u) =>
            u.outcome === 'abandoned' && u.waitSeconds < DEFAULT_THRESHOLDS.shortAbandonSeconds,
        ).length,
      };
    });
}
