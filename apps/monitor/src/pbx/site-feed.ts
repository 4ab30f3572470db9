import type { CallEvent, CallHistory, FirstView, PbxInFlightView } from '@hotline/call-events';
import type { SiteLive } from '../live/site-live';

/**
 * What a site's link (its PBX, or its stream in a serve) hands over, applied to the site's
 * live state: the one place the link's events, views and ups and downs reach an engine.
 */
export class SiteFeed {
  constructor(
    private readonly live: SiteLive,
    /** The link's own readiness (connected and resynced, or caught up with the stream). */
    private readonly sourceReady: () => boolean,
  ) {}

  prepare(view: FirstView): Promise<CallHistory> {
    return this.live.prepare(view);
  }

  onEvents(events: readonly CallEvent[]): void {
    this.live.ingest(events);
  }

  onResync(view: PbxInFlightView): void {
    // A source that does not prepare (a test double) has the engine prepared at its view.
    if (!this.live.preparing) void this.live.prepare({ at: view.at });
    this.live.resync(view);
    this.live.setLink(true, true);
  }

  onLink(up: boolean, detail: { reason?: string; code?: string }): void {
    this.live.setLink(up, up && this.sourceReady(), detail.reason, detail.code);
  }
}
