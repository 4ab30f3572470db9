import type { ReconnectPolicy } from './reconnect-backoff';

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
  /** Ping period; 0 disables the heartbeat. Default 15 s. */
  heartbeatIntervalMs?: number;
  /** A Ping unanswered for this long drops the link (and reconnects). Default 5 s. */
  heartbeatTimeoutMs?: number;
  /** Default per-action timeout. Default 10 s. */
  actionTimeoutMs?: number;
  reconnect?: ReconnectPolicy;
  /** A connection that stayed up this long resets the backoff. Default 30 s. */
  stableConnectionMs?: number;
  /** Largest AMI message accepted by the decoder. Default 1 MiB. */
  maxMessageBytes?: number;
  /** TCP connect timeout (login and setup are bounded by actionTimeoutMs). Default 10 s. */
  connectTimeoutMs?: number;
  /** Injectable for jitter tests. */
  random?: () => number;
}

export type ResolvedAmiClientOptions = Required<Omit<AmiClientOptions, 'filters'>> & {
  readonly filters: readonly string[];
};

export const defaultReconnectPolicy: ReconnectPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0.3,
};

export function resolveAmiClientOptions(options: AmiClientOptions): ResolvedAmiClientOptions {
  return {
    host: options.host,
    port: options.port,
    username: options.username,
    secret: options.secret,
    events: options.events ?? 'on',
    filters: options.filters ?? [],
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 15_000,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 5_000,
    actionTimeoutMs: options.actionTimeoutMs ?? 10_000,
    reconnect: options.reconnect ?? defaultReconnectPolicy,
    stableConnectionMs: options.stableConnectionMs ?? 30_000,
    maxMessageBytes: options.maxMessageBytes ?? 1_048_576,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    random: options.random ?? Math.random,
  };
}
