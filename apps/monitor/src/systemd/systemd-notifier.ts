import { execFile } from 'node:child_process';

/** Logging port (pino-compatible: object first, message second). */
export interface NotifierLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const NOTIFY_TIMEOUT_MS = 5_000;

/**
 * sd_notify(3) for a Node.js process. $NOTIFY_SOCKET is a unix *datagram* socket, which Node
 * cannot open (node:dgram is UDP only, node:net unix sockets are streams), so each message is
 * sent by systemd's own `systemd-notify` binary. With NotifyAccess=all the unit accepts it from
 * that child; since systemd 246 systemd-notify waits (BARRIER=1) until PID 1 has read the message,
 * so it is attributed to the unit even though the child exits at once. No native addon to build.
 */
export class SystemdNotifier {
  private failureLogged = false;

  constructor(
    private readonly logger: NotifierLogger,
    private readonly command = 'systemd-notify',
  ) {}

  /** Sends `assignments` (e.g. READY=1, WATCHDOG=1); resolves true once systemd-notify succeeded. */
  notify(...assignments: string[]): Promise<boolean> {
    return new Promise((resolve) => {
      execFile(this.command, assignments, { timeout: NOTIFY_TIMEOUT_MS }, (error, _out, stderr) => {
        if (!error) {
          if (this.failureLogged) {
            this.failureLogged = false;
            this.logger.info({ assignments }, 'systemd notifications work again');
          }
          resolve(true);
          return;
        }
        if (!this.failureLogged) {
          // Once per streak: a watchdog that cannot ping ends in a SIGABRT from systemd, say why.
          this.failureLogged = true;
          this.logger.error(
            { assignments, err: error.message, stderr: stderr.trim().slice(0, 500) },
            `${this.command} failed: systemd may consider the monitor hung (is the systemd package installed, NotifyAccess=all set?)`,
          );
        }
        resolve(false);
      });
    });
  }
}
