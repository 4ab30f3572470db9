import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { CallSource, CallSourceStats } from '@hotline/call-events';
import { ClusterRole } from '../cluster/cluster-role.service';
import { SiteRegistry } from '../live/site-registry.service';
import { SiteFeed } from './site-feed';

/**
 * A cluster serve's other sites (`cluster.sites`): each site's stream feeds that site's
 * engine, as PbxLinkService feeds this instance's own. Nothing of theirs is written here:
 * their own instances store them (OtherSiteStores reads their records when configured).
 */
@Injectable()
export class SiteStreams implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sources = new Map<string, CallSource>();

  constructor(
    private readonly sites: SiteRegistry,
    private readonly cluster: ClusterRole,
    @InjectPinoLogger(SiteStreams.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.cluster.isServe) return;
    for (const live of this.sites.others()) {
      const source = this.cluster.streamSource(live.site);
      this.sources.set(live.site, source);
      this.logger.info({ site: live.site }, "reading the site's stream");
      source.start(new SiteFeed(live, () => source.ready));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.sources.values()].map((source) => source.stop()));
  }

  /** The stream reader's counters of another site (/metrics); undefined before it starts. */
  stats(site: string): CallSourceStats | undefined {
    return this.sources.get(site)?.stats();
  }
}
