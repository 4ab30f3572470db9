import { Counter, Histogram, type Registry } from 'prom-client';
import type { CallEvent } from '@hotline/call-events';
import type { QueueCallRecord } from '@hotline/kpi';
import { METRIC_PREFIX } from './metrics-registry';

/** Bucket edges include 10 s: `le="10"` is exactly the 10-second answer count. */
export const WAIT_BUCKETS = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];
/** Bucket edges include 300 s: above `le="300"` are the over-5-minute calls. */
export const TALK_BUCKETS = [30, 60, 120, 180, 240, 300, 420, 600, 900, 1800];

/**
 * Wait and talk distributions from each site engine's finished-call records (each observed
 * once, on its first emission), and survey ratings from the applied events, by site.
 */
export class CallDistributionsCollector {
  private readonly wait: Histogram<'site' | 'queue' | 'outcome'>;
  private readonly talk: Histogram<'site' | 'queue'>;
  private readonly ratings: Counter<'site' | 'queue' | 'score'>;

  constructor(registry: Registry) {
    this.wait = new Histogram({
      name: `${METRIC_PREFIX}queue_wait_seconds`,
      help: 'Wait of finished queue calls, from joining the queue to the answer or to leaving it.',
      labelNames: ['site', 'queue', 'outcome'],
      buckets: WAIT_BUCKETS,
      registers: [registry],
    });
    this.talk = new Histogram({
      name: `${METRIC_PREFIX}talk_seconds`,
      help: 'Talk time of answered queue calls that ended.',
      labelNames: ['site', 'queue'],
      buckets: TALK_BUCKETS,
      registers: [registry],
    });
    this.ratings = new Counter({
      name: `${METRIC_PREFIX}survey_ratings_total`,
      help: 'Post-call survey ratings by key pressed (5 best).',
      labelNames: ['site', 'queue', 'score'],
      registers: [registry],
    });
  }

  onCallFinished(site: string, record: QueueCallRecord): void {
    if (record.revision !== 1) return;
    const outcome = record.outcome === 'answered' ? 'answered' : 'unanswered';
    this.wait.observe({ site, queue: record.queue, outcome }, record.waitSeconds);
    if (record.outcome === 'answered' && record.talkSeconds !== null) {
      this.talk.observe({ site, queue: record.queue }, record.talkSeconds);
    }
  }

  onEvents(site: string, events: readonly CallEvent[]): void {
    for (const event of events) {
      if (event.type === 'survey-rated')
        this.ratings.inc({ site, queue: event.queue, score: String(event.score) });
    }
  }
}
