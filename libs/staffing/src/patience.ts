import { assertFiniteAtLeast } from './staffing-error';

export interface PatienceObservations {
  /** Callers who hung up while waiting. */
  readonly abandoned: number;
  /**
   * Total seconds waited by ALL callers who waited in the period — answered, abandoned and
   * exited alike. An answered caller's wait is a censored patience observation (their patience
   * was at least that long), so it belongs in the denominator.
   */
  readonly totalWaitSeconds: number;
}

export interface PatienceEstimate {
  /** θ̂ per second; 0 when nobody abandoned (no evidence of impatience). */
  readonly thetaPerSecond: number;
  /** 1/θ̂; Infinity when nobody abandoned, 0 when callers abandoned having waited 0 s in total. */
  readonly meanPatienceSeconds: number;
}

/**
 * Maximum-likelihood estimate of exponential patience from censored waits:
 * θ̂ = (number abandoned) / (total waiting time of all callers).
 * Each abandoned caller contributes θe^{−θw} to the likelihood, each served (censored) caller
 * e^{−θw}; maximising gives the ratio above (Brown et al. 2005, "Statistical analysis of a
 * telephone call center", JASA 100(469), §5; Mandelbaum & Zeltyn 2013 use the same estimator,
 * θ̂ = P(abandon)/E[W] — divide both by the number of callers).
 */
export function estimatePatience(observations: PatienceObservations): PatienceEstimate {
  const { abandoned, totalWaitSeconds } = observations;
  assertFiniteAtLeast('abandoned', abandoned, 0);
  assertFiniteAtLeast('totalWaitSeconds', totalWaitSeconds, 0);
  if (abandoned === 0) return { thetaPerSecond: 0, meanPatienceSeconds: Infinity };
  if (totalWaitSeconds === 0) return { thetaPerSecond: Infinity, meanPatienceSeconds: 0 };
  return {
    thetaPerSecond: abandoned / totalWaitSeconds,
    meanPatienceSeconds: totalWaitSeconds / abandoned,
  };
}

export interface PooledPatience {
  readonly meanPatienceSeconds: number;
  readonly source: 'estimated' | 'default';
  readonly abandoned: number;
}

/**
 * One patience for a stretch of history: the estimate over all of it (one 15-minute interval has
 * too few abandons), or the default when fewer than `minAbandons` callers abandoned or the waits
 * are unknown.
 */
export function pooledPatience(
  totals: PatienceObservations,
  minAbandons: number,
  defaultSeconds: number,
): PooledPatience {
  const estimate = estimatePatience(totals);
  return totals.abandoned >= minAbandons && estimate.meanPatienceSeconds > 0
    ? {
        meanPatienceSeconds: estimate.meanPatienceSeconds,
        source: 'estimated',
        abandoned: totals.abandoned,
      }
    : { meanPatienceSeconds: defaultSeconds, source: 'default', abandoned: totals.abandoned };
}
