/**
 * How a PBX client waits between reconnect attempts (`pbx.asterisk.reconnect` and
 * `pbx.freeswitch.reconnect` in the monitor config: the same shape for both links).
 */
export interface ReconnectPolicy {
  /** First retry delay. */
  readonly initialDelayMs: number;
  /** Ceiling of the exponential growth. */
  readonly maxDelayMs: number;
  /** Growth per failed attempt. */
  readonly multiplier: number;
  /** 0..1: each delay is drawn from [(1 − jitter) × base, base]. */
  readonly jitter: number;
}

/** The one default, for the AMI and the ESL client and the monitor config. */
export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0.3,
};

/** A policy with the defaults filled in. */
export function reconnectPolicy(partial: Partial<ReconnectPolicy> = {}): ReconnectPolicy {
  return { ...DEFAULT_RECONNECT_POLICY, ...partial };
}

/**
 * Exponential backoff with jitter. Jitter spreads the reconnects of many monitors after a PBX
 * restart so they do not all log in in the same instant. The delay is capped after the
 * jitter is applied, so it never exceeds maxDelayMs.
 */
export class ReconnectBackoff {
  private readonly policy: ReconnectPolicy;
  private attempt = 0;

  constructor(
    policy: Partial<ReconnectPolicy> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.policy = reconnectPolicy(policy);
  }

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
