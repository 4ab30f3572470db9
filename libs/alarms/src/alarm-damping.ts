/**
 * How a KPI-target alarm holds still (config `alarms`): a rate hovering at its target would
 * otherwise raise and clear with every call. Raised as soon as the rate is past its target;
 * cleared only once it has been back beyond the target by `hysteresis` for `holdSeconds`
 * without a break — so an alarm also lasts at least `holdSeconds`.
 */
export interface AlarmDamping {
  /** A rate 0–1: how far back past its target a rate must be to count as recovered. */
  readonly hysteresis: number;
  /** How long a recovered rate must stay recovered before its alarm clears. */
  readonly holdSeconds: number;
}

/** The defaults (config `alarms`): one percentage point, one minute. */
export const DEFAULT_ALARM_DAMPING: AlarmDamping = { hysteresis: 0.01, holdSeconds: 60 };

/** Bounds the config schema checks at start-up. */
export const ALARM_DAMPING_LIMITS = { maxHysteresis: 0.2, maxHoldSeconds: 3_600 } as const;
