import { Logger } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { CallRecordWriter, StorageItem } from '@hotline/storage';
import type { SiteLive } from '../live/site-live';

const RETRY_HELD_MS = 5_000;

/**
 * One site's records to its store: what its engine finished (queue calls, agent-state spans)
 * and the ratings it applied, handed to the site's writer (which spills to its file while the
 * database is away). The own site's and each further PBX's (`pbxes:`) alike.
 */
export class SiteRecorder {
  private readonly logger = new Logger(SiteRecorder.name);
  /** Records the writer refused (backlog full and spill unwritable): kept here, offered again. */
  private readonly held: StorageItem[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private unsubscribers: (() => void)[] = [];
  private ratings: Subscription | undefined;

  constructor(
    private readonly live: SiteLive,
    readonly writer: CallRecordWriter,
  ) {}

  start(): void {
    this.unsubscribers = [
      this.live.onCallFinished((record) => this.hand({ kind: 'queue-call', record })),
      this.live.onAgentStateInterval((span) => this.hand({ kind: 'agent-state', record: span })),
    ];
    this.ratings = this.live.events$.subscribe((events) => {
      for (const event of events) {
        if (event.type !== 'survey-rated') continue;
        const { ratingId, queue, score, at } = event;
        this.hand({
          kind: 'rating',
          record: {
            ratingId,
            queue,
            score,
            ratedAt: at,
            agent: event.agent ?? null,
            callId: event.callId ?? null,
            contactId: event.contactId ?? null,
          },
        });
      }
    });
    this.writer.start();
    this.retryTimer = setInterval(() => this.retryHeld(), RETRY_HELD_MS);
    this.retryTimer.unref();
  }

  /** Records waiting to be written: the writer's backlog and what it refused. */
  get backlog(): number {
    return this.writer.status().backlog + this.held.length;
  }

  /** A record of this site for its store (the own site's alarm history too). */
  hand(item: StorageItem): void {
    if (this.held.length > 0 || !this.writer.offer(item)) this.held.push(item);
  }

  /** Stops listening, then drains the writer (graceful shutdown). */
  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    this.ratings?.unsubscribe();
    if (this.retryTimer) clearInterval(this.retryTimer);
    await this.writer.stop();
    if (this.held.length > 0)
      this.logger.error({
        site: this.live.site,
        held: this.held.length,
        msg: 'records still held at shutdown (spill file unwritable)',
      });
  }

  private retryHeld(): void {
    while (this.held.length > 0 && this.writer.offer(this.held[0])) this.held.shift();
  }
}
