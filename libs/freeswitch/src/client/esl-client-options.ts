import type { ReconnectPolicy } from '@hotline/call-events';

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
  /** What is left out comes from DEFAULT_RECONNECT_POLICY. */
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** Frame size cap passed to the decoder. */
  readonly maxMessageBytes?: number;
  /** Random source for the backoff jitter (tests pass a fixed one). Default Math.random. */
  readonly random?: () => number;
  /** Clock for receive times. Default Date.now. */
  readonly now?: () => number;
}

/** The ESL link's timers: the client's defaults and the monitor config's (`pbx.freeswitch.*`). */
export const ESL_CLIENT_DEFAULTS = {
  commandTimeoutMs: 5_000,
  connectTimeoutMs: 10_000,
  heartbeatIntervalMs: 30_000,
  heartbeatTimeoutMs: 5_000,
} as const;

export const DEFAULT_ESL_EVENT_NAMES: readonly string[] = ['HEARTBEAT', 'BACKGROUND_JOB'];
export const DEFAULT_ESL_CUSTOM_SUBCLASSES: readonly string[] = ['callcenter::info'];
