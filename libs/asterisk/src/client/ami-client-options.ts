import { type ReconnectPolicy, reconnectPolicy } from '@hotline/call-events';

export interface AmiClientOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** `Events` action mask sent after login: 'on', 'off' or a class list like 'call,agent'. Default 'on'. */
  events?: string;
  /**
   * Sent after login as `Action: Filter`, `Operation: Add`, `Filter: <f>`. The Filter action
   * needs the `system` write permission in manager.conf; if the PBX refuses, the client logs
   * it once and runs unfiltered.
   */
  filters?: readonly string[];
  /** Ping period; 0 disables the heartbeat. Default 10 s. */
  heartbeatIntervalMs?: number;
  /** A Ping unanswered for this long drops the link (and reconnects). Default 5 s. */
  heartbeatTimeoutMs?: number;
  /** Default per-action timeout. Default 10 s. */
  actionTimeoutMs?: number;
  /** What is left out comes from DEFAULT_RECONNECT_POLICY. */
  reconnect?: Partial<ReconnectPolicy>;
  /** A connection that stayed up this long resets the backoff. Default 30 s. */
  stableConnectionMs?: number;
  /** Largest AMI message accepted by the decoder. Default 1 MiB. */
  maxMessageBytes?: number;
  /** TCP connect timeout (login and setup are bounded by actionTimeoutMs). Default 5 s. */
  connectTimeoutMs?: number;
  /** Injectable for jitter tests. */
  random?: () => number;
}

export type ResolvedAmiClientOptions = Required<Omit<AmiClientOptions, 'filters' | 'reconnect'>> & {
  readonly filters: readonly string[];
  readonly reconnect: ReconnectPolicy;
};

/** The AMI link's timers: the client's defaults and the monitor config's (`pbx.asterisk.*`). */
export const AMI_CLIENT_DEFAULTS = {
  heartbeatIntervalMs: 10_000,
  heartbeatTimeoutMs: 5_000,
  actionTimeoutMs: 10_000,
  connectTimeoutMs: 5_000,
} as const;

export function resolveAmiClientOptions(options: AmiClientOptions): ResolvedAmiClientOptions {
  return {
    host: options.host,
    port: options.port,
    username: options.username,
    secret: options.secret,
    events: options.events ?? 'on',
    filters: options.filters ?? [],
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? AMI_CLIENT_DEFAULTS.heartbeatIntervalMs,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? AMI_CLIENT_DEFAULTS.heartbeatTimeoutMs,
    actionTimeoutMs: options.actionTimeoutMs ?? AMI_CLIENT_DEFAULTS.actionTimeoutMs,
    reconnect: reconnectPolicy(options.reconnect),
    stableConnectionMs: options.stableConnectionMs ?? 30_000,
    maxMessageBytes: options.maxMessageBytes ?? 1_048_576,
    connectTimeoutMs: options.connectTimeoutMs ?? AMI_CLIENT_DEFAULTS.connectTimeoutMs,
    random: options.random ?? Math.random,
  };
}
