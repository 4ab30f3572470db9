import type { StaffingHistoryInterval } from '@hotline/staffing';

export type { StaffingHistoryInterval };

/** Where stored interval history comes from (the storage library, when configured). */
export interface StaffingHistorySource {
  /** Centre intervals with start in [fromMs, toMs), in any order. */
  centreIntervals(fromMs: number, toMs: number): Promise<readonly StaffingHistoryInterval[]>;
}

/** Optional provider: without it the advisor works from the engine's intervals of today. */
export const STAFFING_HISTORY = Symbol('STAFFING_HISTORY');
