import { round2 } from './advisor-inputs';
import type { PatienceUsed } from './advisor-views';
import { DEFAULT_MEAN_PATIENCE_SECONDS } from './centre-targets';
import { estimatePatience } from './patience';

/** A finished queue call, reduced to what the patience estimate needs. */
export interface WaitObservation {
  readonly endedAt: number;
  readonly waitSeconds: number;
  readonly abandoned: boolean;
}

export interface PatienceWindowEstimate {
  readonly meanPatienceSeconds: number;
  readonly source: 'estimated' | 'default';
  readonly abandoned: number;
  readonly totalWaitSeconds: number;
  /** Calls that waited (wait > 0) in the window. */
  readonly waited: number;
}

/**
 * Caller patience over a sliding window of finished calls: θ̂ = abandoned ÷ total wait of every
 * caller who waited (estimatePatience — answered waits are censored patience observations).
 * One 15-minute interval holds too few abandons, so the window is hours long; below
 * `minAbandons` the configured default is used. Bounded memory: one entry per waiting call in
 * the window (a busy day is a few thousand). Time comes in as arguments (no clock here).
 */
export class PatienceWindow {
  private readonly observations: WaitObservation[] = [];
  private head = 0;
  private abandoned = 0;
  private totalWaitSeconds = 0;

  constructor(
    private readonly windowMs: number,
    private readonly minAbandons: number,
    private readonly defaultPatienceSeconds: number = DEFAULT_MEAN_PATIENCE_SECONDS,
  ) {}

  /** Records a finished call; calls that never waited say nothing about patience. */
  add(observation: WaitObservation): void {
    if (!(observation.waitSeconds > 0)) return;
    this.observations.push(observation);
    this.totalWaitSeconds += observation.waitSeconds;
    if (observation.abandoned) this.abandoned++;
  }

  estimate(nowMs: number): PatienceWindowEstimate {
    this.expire(nowMs);
    const waited = this.observations.length - this.head;
    const base = { abandoned: this.abandoned, totalWaitSeconds: this.totalWaitSeconds, waited };
    const estimate = estimatePatience({
      abandoned: this.abandoned,
      totalWaitSeconds: this.totalWaitSeconds,
    });
    if (this.abandoned < this.minAbandons || !(estimate.meanPatienceSeconds > 0)) {
      return { ...base, meanPatienceSeconds: this.defaultPatienceSeconds, source: 'default' };
    }
    return { ...base, meanPatienceSeconds: estimate.meanPatienceSeconds, source: 'estimated' };
  }

  /** The estimate as the advisor's answers show it. */
  used(nowMs: number): PatienceUsed {
    const estimate = this.estimate(nowMs);
    return {
      meanPatienceSeconds: round2(estimate.meanPatienceSeconds),
      source: estimate.source,
      abandoned: estimate.abandoned,
    };
  }

  private expire(nowMs: number): void {
    const oldest = nowMs - this.windowMs;
    while (this.head < this.observations.length && this.observations[this.head].endedAt < oldest) {
      const gone = this.observations[this.head++];
      this.totalWaitSeconds -= gone.waitSeconds;
      if (gone.abandoned) this.abandoned--;
    }
    // Compact now and then so the array does not grow with the uptime.
    if (this.head > 4096 && this.head * 2 > this.observations.length) {
      this.observations.splice(0, this.head);
      this.head = 0;
    }
  }
}
