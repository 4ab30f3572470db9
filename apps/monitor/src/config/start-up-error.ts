/** Exit status of a configuration error (sysexits.h EX_CONFIG): systemd does not restart on it. */
export const EX_CONFIG = 78;

/**
 * A start-up step failed for a reason that belongs to one config key (a folder that cannot be
 * written, a database that refuses the credentials). `retryable` failures (a database not up
 * yet) exit 1 so systemd tries again; the others exit 78.
 */
export class StartUpError extends Error {
  override readonly name = 'StartUpError';

  constructor(
    readonly key: string,
    readonly reason: string,
    readonly retryable = false,
  ) {
    super(`${key}: ${reason}`);
  }
}
