import type { PeriodFigures } from '@hotline/kpi';
import type { KpiFigures } from '@hotline/simulator';

/** The counts the spec defines, from the monitor's figures, in one comparable shape. */
export function monitorCounts(f: PeriodFigures) {
  return {
    offered: f.offered,
    answered: f.answered,
    answeredWithin10s: f.answeredWithin10s,
    overFiveMinutes: f.overFiveMinutes,
    abandoned: f.abandoned,
    shortAbandons: f.shortAbandons,
    exited: f.exited,
    blocked: f.blocked,
    inProgress: f.inProgress,
    longestWaitSeconds: f.longestWaitSeconds,
    ratings: f.ratings.count,
    satisfied: f.ratings.satisfied,
  };
}

/** The same counts from the simulator's ground truth. */
export function truthCounts(f: KpiFigures) {
  return {
    offered: f.offered,
    answered: f.answered,
    answeredWithin10s: f.answeredWithin10s,
    overFiveMinutes: f.over5Min,
    abandoned: f.abandoned,
    shortAbandons: f.shortAbandons,
    exited: f.exited,
    blocked: f.blocked,
    inProgress: 0,
    longestWaitSeconds: f.longestWaitSeconds,
    ratings: f.ratings,
    satisfied: f.satisfied,
  };
}
