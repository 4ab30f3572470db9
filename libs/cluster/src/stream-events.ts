import type Redis from 'ioredis';
import type { CallEvent } from '@hotline/call-events';
import { streamKey } from './cluster-keys';
import { decodeEntry, StreamRecordError } from './stream-record';

const PAGE = 5_000;

/** Every call event on a site's stream, in order (XRANGE page by page; bad entries skipped). */
export async function readStreamEvents(redis: Redis, site: string): Promise<CallEvent[]> {
  const events: CallEvent[] = [];
  let from = '-';
  for (;;) {
    const page = await redis.xrange(streamKey(site), from, '+', 'COUNT', PAGE);
    for (const [id, fields] of page) {
      try {
        const { record } = decodeEntry(id, fields);
        if (record.kind === 'event') events.push(record.event);
      } catch (error) {
        if (!(error instanceof StreamRecordError)) throw error;
      }
    }
    if (page.length < PAGE) return events;
    from = `(${page[page.length - 1][0]}`;
  }
}
