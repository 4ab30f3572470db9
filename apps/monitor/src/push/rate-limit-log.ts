/** Logging port (pino-compatible: object first, message second). */
export interface RateLimitLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface RateLimitedClient {
  readonly session: number;
  readonly address?: string;
  readonly role?: string;
}

interface Episode {
  readonly since: number;
  dropped: number;
}

/**
 * One log line per rate-limited client, not one per dropped message: a warning when a client
 * starts being limited, and one line with the count when it stops (its next message is
 * accepted) or disconnects. A client flooding thousands of frames writes two lines.
 */
export class RateLimitLog {
  private readonly episodes = new Map<number, Episode>();

  constructor(private readonly logger: RateLimitLogger) {}

  refused(client: RateLimitedClient, now: number): void {
    const episode = this.episodes.get(client.session);
    if (episode) {
      episode.dropped += 1;
      return;
    }
    this.episodes.set(client.session, { since: now, dropped: 1 });
    this.logger.warn(
      { ...client },
      'client over the message rate limit: dropping its messages (one line when it stops)',
    );
  }

  accepted(client: RateLimitedClient, now: number): void {
    this.end(client, now, 'client back under the message rate limit');
  }

  closed(client: RateLimitedClient, now: number): void {
    this.end(client, now, 'rate-limited client disconnected');
  }

  private end(client: RateLimitedClient, now: number, msg: string): void {
    const episode = this.episodes.get(client.session);
    if (!episode) return;
    this.episodes.delete(client.session);
    this.logger.info({ ...client, dropped: episode.dropped, forMs: now - episode.since }, msg);
  }
}
