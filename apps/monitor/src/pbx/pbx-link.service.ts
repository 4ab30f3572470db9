import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { ClusterRole } from '../cluster/cluster-role.service';
import { LiveKpiService } from '../live/live-kpi.service';
import { SiteRegistry } from '../live/site-registry.service';
import { CallSourceFactory } from './call-source.factory';
import { NO_LINK_STATS, type PbxLinkStats } from './pbx-link-stats';
import { SiteLink } from './site-link';

/**
 * Owns the PBX links' lifecycle: starts the configured call sources after the app is up, each
 * feeding its site's engine (SiteLink), stops them on shutdown. The own site's link is the
 * first PBX (`pbx:` or `pbxes[0]`); an embedded monitor with `pbxes:` links to each further
 * PBX too, each its own site in SiteRegistry. A cluster ingest owns its one link only while it
 * holds its site's lease, and hands what the link produces to the stream too (ClusterRole);
 * a serve's "link" is its own site's stream.
 */
@Injectable()
export class PbxLinkService implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopping = false;
  private readonly home: SiteLink;
  private readonly further: SiteLink[] = [];

  constructor(
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    private readonly factory: CallSourceFactory,
    live: LiveKpiService,
    sites: SiteRegistry,
    private readonly cluster: ClusterRole,
    @InjectPinoLogger(PbxLinkService.name) private readonly logger: PinoLogger,
  ) {
    this.home = new SiteLink(live, logger, cluster.isIngest ? cluster : undefined);
    if (!config.cluster)
      for (const entry of config.pbxes.slice(1)) {
        const site = sites.site(entry.site);
        if (site) this.further.push(new SiteLink(site, logger));
      }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.cluster.isIngest) {
      // Embedded or serve: a link that cannot be created fails the start-up, as it always has.
      await this.startWhenActive();
      await this.startFurther();
      return;
    }
    // A standby ingest waits for the lease in the background: it serves /health meanwhile.
    this.home.live.setLink(
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
    if (this.stopping) return;
    this.home.start(source, this.cluster.isServe ? 'stream' : this.config.pbx.type);
  }

  /** Embedded with `pbxes:`: each further PBX, its own link (history: is the own site's). */
  private async startFurther(): Promise<void> {
    for (const link of this.further) {
      const entry = this.config.pbxes.find((pbx) => pbx.site === link.site);
      if (!entry || this.stopping) return;
      link.start(await this.factory.create(entry), entry.type);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.home, ...this.further].map((link) => link.stop()));
    await this.factory.dispose();
  }

  /** The link's own counters: the own site's, or (embedded with `pbxes:`) a further site's. */
  stats(site?: string): PbxLinkStats {
    if (site === undefined || site === this.home.site) return this.home.stats();
    return this.further.find((link) => link.site === site)?.stats() ?? NO_LINK_STATS;
  }

  /** Whether this instance links to the site's PBX itself (its own, or a further `pbxes:`). */
  links(site: string): boolean {
    return site === this.home.site || this.further.some((link) => link.site === site);
  }
}
