export interface EslReconnectOptions {
  /** First retry delay. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Ceiling of the exponential backoff. Default 30 s. */
  readonly maxDelayMs?: number;
  /** Growth per failed attempt. Default 2. */
  readonly factor?: number;
  /** Share of the delay that is random (0 = none, 1 = full jitter). Default 0.5. */
  readonly jitter?: number;
}

export interface EslClientOptions {
  readonly host: string;
  readonly port: number;
  readonly password: string;
  /**
   * Plain event names to subscribe to. Default: HEARTBEAT (liveness) and BACKGROUND_JOB (bgapi
   * results) — the monitor's facts all come from the CUSTOM subclasses below.
   */
  readonly eventNames?: readonly string[];
  /** CUSTOM subclasses to subscribe to. Default `callcenter::info` (mod_callcenter). */
  readonly customSubclasses?: readonly string[];
  /** Timeout of an `api`/`bgapi` command. Default 5 s. */
  readonly commandTimeoutMs?: number;
  /** From connect to subscribed; a silent or half-open peer is dropped after it. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /**
   * How long the link may stay silent before we probe it with `api status`. FreeSWITCH sends a
   * HEARTBEAT event every 20 s by default (switch.conf.xml event-heartbeat-interval). Default 30 s.
   */
  readonly heartbeatIntervalMs?: number;
  /** How long the `api status` probe may take before the link is declared dead. Default 5 s. */
  readonly heartbeatTimeoutMs?: number;
  readonly reconnect?: EslReconnectOptions;
  /** Frame size cap passed to the decoder. */
  readonly maxMessageBytes?: number;
  /** Random source for the backoff jitter (tests pass a fixed one). Default Math.random. */
  readonly random?: () => number;
  /** Clock for receive times. Default Date.now. */
  readonly now?: () => number;
}

export const DEFAULT_ESL_EVENT_NAMES: readonly string[] = ['HEARTBEAT', 'BACKGROUND_JOB'];
export const DEFAULT_ESL_CUSTOM_SUBCLASSES: readonly string[] = ['callcenter::info'];

/** Delay before reconnect attempt `attempt` (0-based): capped exponential with jitter. */
export function reconnectDelayMs(
  attempt: number,
  options: EslReconnectOptions = {},
  random: () => number = Math.random,
): number {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const factor = options.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const base = Math.min(max, initial * factor ** attempt);
  return Math.round(base * (1 - jitter + jitter * random()));
}
