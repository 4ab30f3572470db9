import type { PinoLogger } from 'nestjs-pino';
import type {
  CallEvent,
  CallHistory,
  CallSource,
  CallSourceListener,
  FirstView,
  PbxInFlightView,
} from '@hotline/call-events';
import type { StreamRecord } from '@hotline/cluster';
import type { SiteLive } from '../live/site-live';
import { NO_LINK_STATS, type PbxLinkStats } from './pbx-link-stats';
import { SiteFeed } from './site-feed';

/** What a cluster ingest adds to its own site's link: everything also goes to the site's stream. */
export interface LinkRelay {
  append(records: readonly StreamRecord[]): void;
  /** What the site's stream already has (a takeover delivers it to the engine too). */
  deliveredEvents(): Promise<CallEvent[]>;
}

/**
 * One PBX link feeding its site's engine (through SiteFeed), with its log lines: the own
 * site's (PbxLinkService) and, embedded with `pbxes:`, each further site's alike. The link's
 * first view waits for the engine to be prepared on the PBX's clock (storage restores it).
 */
export class SiteLink implements CallSourceListener {
  private source: CallSource | undefined;
  /** The last down reason logged: a retry failing the same way is not logged again. */
  private loggedDownReason: string | undefined;
  private readonly feed: SiteFeed;

  constructor(
    readonly live: SiteLive,
    private readonly logger: PinoLogger,
    private readonly relay?: LinkRelay,
  ) {
    this.feed = new SiteFeed(live, () => this.ready);
  }

  get site(): string {
    return this.live.site;
  }

  start(source: CallSource, type: string): void {
    this.source = source;
    this.logger.info({ site: this.site, pbx: type }, 'starting PBX link');
    source.start(this);
  }

  async stop(): Promise<void> {
    await this.source?.stop();
  }

  stats(): PbxLinkStats {
    return this.source?.stats() ?? NO_LINK_STATS;
  }

  get ready(): boolean {
    return this.source?.ready ?? false;
  }

  /**
   * The source read its first view at `view.at` (PBX clock): live only once storage has
   * imported the ledger up to then and restored the engine — on a first start that may take a
   * while, and the app serves /health meanwhile.
   */
  async prepare(view: FirstView): Promise<CallHistory> {
    this.logger.info(
      { site: this.site, at: view.at },
      'PBX clock known: preparing the engine before the first view',
    );
    const stored = await this.feed.prepare(view);
    // A cluster ingest taking over: what the site's stream already has is delivered too.
    const delivered = (await this.relay?.deliveredEvents()) ?? [];
    const history = delivered.length > 0 ? { ...stored, delivered } : stored;
    if (Number.isFinite(history.until))
      this.logger.info(
        { site: this.site, until: history.until, calls: history.calls.length },
        'PBX link resumes after the calls stored',
      );
    return history;
  }

  onEvents(events: CallEvent[]): void {
    this.relay?.append(events.map((event) => ({ kind: 'event', event })));
    this.feed.onEvents(events);
  }

  onResync(view: PbxInFlightView): void {
    this.relay?.append([{ kind: 'resync', view }]);
    this.feed.onResync(view);
  }

  onLink(up: boolean, detail: { reason?: string; code?: string; at: number }): void {
    this.relay?.append([{ kind: 'link', up, ...detail }]);
    if (up) {
      this.loggedDownReason = undefined;
      this.logger.info({ site: this.site, at: detail.at }, 'PBX link up');
    } else if (detail.reason !== this.loggedDownReason) {
      this.loggedDownReason = detail.reason;
      this.logger.warn(
        { site: this.site, reason: detail.reason, code: detail.code, at: detail.at },
        'PBX link down (retries failing the same way are not logged again)',
      );
    }
    this.feed.onLink(up, detail);
  }
}
