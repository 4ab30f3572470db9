export interface ReconnectPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
  /** 0..1: each delay is drawn from [(1 − jitter) × base, base]. */
  readonly jitter: number;
}

/**
 * Exponential backoff with jitter. Jitter spreads the reconnects of many monitors after a PBX
 * restart so they do not all log in in the same instant. The delay is capped after the
 * jitter is applied, so it never exceeds maxDelayMs.
 */
export class ReconnectBackoff {
  private attempt = 0;

  constructor(
    private readonly policy: ReconnectPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts made since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  next(): number {
    const { initialDelayMs, maxDelayMs, multiplier } = this.policy;
    const jitter = Math.min(1, Math.max(0, this.policy.jitter));
    const base = Math.min(maxDelayMs, initialDelayMs * Math.pow(multiplier, this.attempt));
    this.attempt += 1;
    const draw = Math.min(1, Math.max(0, this.random()));
    return Math.round(base * (1 - jitter * draw));
  }

  reset(): void {
    this.attempt = 0;
  }
}
