import type { DataSource } from 'typeorm';
import type { CallHistory } from '@hotline/call-events';
import { loadRecoverySeed } from '@hotline/storage';
import type { SiteLive } from '../live/site-live';

/** What a restore read, for the log. */
export interface RestoredFromStore {
  readonly history: CallHistory;
  readonly calls: number;
  readonly ratings: number;
}

/**
 * Restores a site's engine from its store on the PBX's clock (today, this week and this month
 * of `at`), before the view or any live event is applied; says which finished calls it holds
 * (the link's backfill, or a stream's replay, leaves them as they are).
 */
export async function restoreFromStore(
  dataSource: DataSource,
  live: SiteLive,
  at: number,
  timeZone: string,
): Promise<RestoredFromStore> {
  const seed = await loadRecoverySeed(dataSource, at, timeZone);
  // The seed goes through the engine's own counting; its coverage is set at the view.
  live.restore(seed);
  const calls = seed.calls.map((call) => ({
    callId: call.callId,
    contactId: call.contactId,
    joinedAt: call.joinedAt,
    endedAt: call.endedAt ?? call.answeredAt ?? call.joinedAt,
  }));
  // An import reaches the view's own instant: prepare() then hands the link no gap at all.
  const until = calls.reduce((latest, call) => Math.max(latest, call.endedAt), -Infinity);
  return { history: { until, calls }, calls: seed.calls.length, ratings: seed.ratings.length };
}
