/** One 15-minute interval of the centre's history, as the staffing advisor reads it. */
export interface StaffingHistoryInterval {
  readonly startMs: number;
  /** Contacts offered (centre scope). */
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Sum of the talk of answered calls, seconds (those whose talk is known). */
  readonly sumTalkSeconds: number;
  /** Answered calls whose end was not seen: not in sumTalkSeconds. */
  readonly talkUnknown?: number;
  /**
   * Seconds waited by ALL callers who waited (answered, abandoned, exited), for the patience
   * estimate; undefined when the source only knows the answered calls' waits.
   */
  readonly totalWaitSeconds?: number;
  /** Abandons within the short-abandon threshold (lost whatever the staffing), when known. */
  readonly shortAbandoned?: number;
  /** Most agents on duty in the interval, when known. */
  readonly agentsOnDuty?: number;
}

/** Where stored interval history comes from (the storage library, when configured). */
export interface StaffingHistorySource {
  /** Centre intervals with start in [fromMs, toMs), in any order. */
  centreIntervals(fromMs: number, toMs: number): Promise<readonly StaffingHistoryInterval[]>;
}

/** Optional provider: without it the advisor works from the engine's intervals of today. */
export const STAFFING_HISTORY = Symbol('STAFFING_HISTORY');
