import type { SystemdNotifier } from './systemd-notifier';

/**
 * Sends WATCHDOG=1 every `pingMs` from a timer on the event loop: when the loop is stuck (a
 * synchronous job that never ends, a fault handler spinning) the timer does not fire, the pings
 * stop, and systemd kills and restarts the service after WatchdogSec.
 */
export class SystemdWatchdog {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  /** Pings sent successfully (tests and /health read it). */
  pings = 0;

  constructor(
    private readonly notifier: Pick<SystemdNotifier, 'notify'>,
    readonly pingMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.ping();
    this.timer = setInterval(() => this.ping(), this.pingMs);
    // The watchdog never keeps a stopping process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private ping(): void {
    // A ping still running (systemd slow to read) is not doubled up.
    if (this.inFlight) return;
    this.inFlight = true;
    void this.notifier.notify('WATCHDOG=1').then((ok) => {
      this.inFlight = false;
      if (ok) this.pings += 1;
    });
  }
}
