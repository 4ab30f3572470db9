import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type {
  CallEvent,
  CallHistory,
  CallSource,
  FirstView,
  CallSourceListener,
  PbxInFlightView,
} from '@hotline/call-events';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { ClusterRole } from '../cluster/cluster-role.service';
import { LiveKpiService } from '../live/live-kpi.service';
import { CallSourceFactory } from './call-source.factory';
import { NO_LINK_STATS, type PbxLinkStats } from './pbx-link-stats';
import { SiteFeed } from './site-feed';

/**
 * Owns the PBX link's lifecycle: starts the configured call source after the app is up,
 * hands its events to the live KPI service, stops it on shutdown. The source holds its first
 * view until the engine is prepared on the PBX's clock (`prepare`: storage imports the ledger
 * and restores, history-startup.ts). A cluster ingest owns the link only while it holds its
 * site's lease, and hands what the link produces to the stream too (ClusterRole).
 */
@Injectable()
export class PbxLinkService
  implements OnApplicationBootstrap, OnApplicationShutdown, CallSourceListener
{
  private source: CallSource | undefined;
  private stopping = false;
  /** The last down reason logged: a retry failing the same way is not logged again. */
  private loggedDownReason: string | undefined;
  private readonly feed: SiteFeed;

  constructor(
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    private readonly factory: CallSourceFactory,
    private readonly live: LiveKpiService,
    private readonly cluster: ClusterRole,
    @InjectPinoLogger(PbxLinkService.name) private readonly logger: PinoLogger,
  ) {
    this.feed = new SiteFeed(live, () => this.ready);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.cluster.isIngest) {
      // Embedded or serve: a link that cannot be created fails the start-up, as it always has.
      await this.startWhenActive();
      return;
    }
    // A standby ingest waits for the lease in the background: it serves /health meanwhile.
    this.live.setLink(
      false,
      false,
      'standby ingest: another instance holds the site lease',
      'CLUSTER_STANDBY',
    );
    this.startWhenActive().catch((error: unknown) => {
      this.logger.fatal({ err: error }, 'active ingest could not start its PBX link: stopping');
      process.kill(process.pid, 'SIGTERM');
    });
  }

  private async startWhenActive(): Promise<void> {
    if (!(await this.cluster.becomeActive()) || this.stopping) return;
    const source = this.cluster.isServe
      ? this.cluster.streamSource()
      : await this.factory.create(this.config.pbx, this.config.history);
    this.source = source;
    if (this.stopping) return;
    this.logger.info({ pbx: this.config.pbx.type }, 'starting PBX link');
    source.start(this);
  }

  /**
   * The source read its first view at `view.at` (PBX clock): live only once storage has
   * imported the ledger up to then and restored the engine — on a first start that may take a
   * while, and the app serves /health meanwhile.
   */
  async prepare(view: FirstView): Promise<CallHistory> {
    this.logger.info(
      { at: view.at },
      'PBX clock known: preparing the engine before the first view',
    );
    const stored = await this.feed.prepare(view);
    // A cluster ingest taking over: what the site's stream already has is delivered too.
    const delivered = await this.cluster.deliveredEvents();
    const history = delivered.length > 0 ? { ...stored, delivered } : stored;
    if (Number.isFinite(history.until))
      this.logger.info(
        { until: history.until, calls: history.calls.length },
        'PBX link resumes after the calls stored',
      );
    return history;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.source?.stop();
    await this.factory.dispose();
  }

  stats(): PbxLinkStats {
    return this.source?.stats() ?? NO_LINK_STATS;
  }

  get ready(): boolean {
    return this.source?.ready ?? false;
  }

  onEvents(events: CallEvent[]): void {
    this.cluster.append(events.map((event) => ({ kind: 'event', event })));
    this.feed.onEvents(events);
  }

  onResync(view: PbxInFlightView): void {
    this.cluster.append([{ kind: 'resync', view }]);
    this.feed.onResync(view);
  }

  onLink(up: boolean, detail: { reason?: string; code?: string; at: number }): void {
    this.cluster.append([{ kind: 'link', up, ...detail }]);
    if (up) {
      this.loggedDownReason = undefined;
      this.logger.info({ at: detail.at }, 'PBX link up');
    } else if (detail.reason !== this.loggedDownReason) {
      this.loggedDownReason = detail.reason;
      this.logger.warn(
        { reason: detail.reason, code: detail.code, at: detail.at },
        'PBX link down (retries failing the same way are not logged again)',
      );
    }
    this.feed.onLink(up, detail);
  }
}
