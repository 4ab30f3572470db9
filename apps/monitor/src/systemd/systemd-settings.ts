/** What systemd asked of this process, read from its environment (sd_watchdog_enabled(3)). */
export interface SystemdSettings {
  /** $NOTIFY_SOCKET: set for Type=notify units (and NotifyAccess=). */
  readonly notifySocket?: string;
  /** How often to send WATCHDOG=1: half of $WATCHDOG_USEC, as sd_watchdog_enabled(3) advises. */
  readonly watchdogPingMs?: number;
}

/** A ping faster than this only burns CPU (each one runs systemd-notify). */
const MIN_PING_MS = 500;

export function systemdSettings(env: NodeJS.ProcessEnv, pid: number): SystemdSettings {
  const notifySocket = env.NOTIFY_SOCKET ? env.NOTIFY_SOCKET : undefined;
  if (!notifySocket) return {};
  const usec = Number(env.WATCHDOG_USEC);
  // WATCHDOG_PID names the process the watchdog is for; a child that inherited it must not ping.
  const forThisProcess = env.WATCHDOG_PID === undefined || Number(env.WATCHDOG_PID) === pid;
  if (!forThisProcess || !Number.isFinite(usec) || usec <= 0) return { notifySocket };
  return { notifySocket, watchdogPingMs: Math.max(MIN_PING_MS, Math.floor(usec / 2_000)) };
}
