import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Registry } from 'prom-client';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import type { SiteLive } from '../live/site-live';
import { SiteRegistry } from '../live/site-registry.service';
import { OperationalStats } from '../live/operational-stats';
import { NO_LINK_STATS } from '../pbx/pbx-link-stats';
import { PbxLinkService } from '../pbx/pbx-link.service';
import { SiteStreams } from '../pbx/site-streams.service';
import { AlarmService } from '../alarms/alarm.service';
import { AlarmsCollector } from './alarms.collector';
import { CallDistributionsCollector } from './call-distributions.collector';
import { ExporterHealthCollector, type SiteLinkHealth } from './exporter-health.collector';
import { KpiCountersCollector } from './kpi-counters.collector';
import { LiveGaugesCollector } from './live-gauges.collector';
import { METRICS_REGISTRY } from './metrics-registry';
import { PushCollector } from './push.collector';
import { StorageCollector } from './storage.collector';

/**
 * Registers every collector on the monitor's registry and feeds the event-driven ones: the
 * figures of every site this instance shows, each with its `site` label (docs/metrics.md).
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  private readonly unsubscribes: (() => void)[] = [];

  constructor(
    @Inject(METRICS_REGISTRY) readonly registry: Registry,
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    private readonly sites: SiteRegistry,
    private readonly pbx: PbxLinkService,
    private readonly streams: SiteStreams,
    private readonly operational: OperationalStats,
    private readonly alarms: AlarmService,
  ) {}

  onModuleInit(): void {
    // Every site this instance shows (the embedded default: one, `default`), each with its
    // `site` label. SiteLive memoises its snapshot: every family of a scrape reads the same one.
    const sites = () => this.sites.all;
    new KpiCountersCollector(this.registry, sites, Object.keys(this.config.lines));
    new LiveGaugesCollector(this.registry, sites, this.config.metrics.perAgent);
    const distributions = new CallDistributionsCollector(this.registry);
    for (const live of this.sites.all) {
      this.unsubscribes.push(
        live.onCallFinished((record) => distributions.onCallFinished(live.site, record)),
      );
      const subscription = live.events$.subscribe((events) =>
        distributions.onEvents(live.site, events),
      );
      this.unsubscribes.push(() => subscription.unsubscribe());
    }
    const health = this.sites.all.map((live) => this.linkHealth(live));
    new ExporterHealthCollector(this.registry, {
      sites: () => health,
      websocketClients: () => this.operational.websocketClients,
      storageBacklog: () => this.operational.storageBacklog,
    });
    new PushCollector(this.registry, () => this.operational.pushStats);
    new StorageCollector(this.registry, () => this.operational.storageStatus);
    new AlarmsCollector(this.registry, this.sites.home.site, () => this.alarms.summary());
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }

  /**
   * A site's link: its PBX link (this instance's own site, or an embedded monitor's further
   * PBX; a serve's own site's stream is its "PBX link" too), or a serve's other site's stream.
   */
  private linkHealth(live: SiteLive): SiteLinkHealth {
    const linked = this.pbx.links(live.site);
    return {
      site: live.site,
      linkUp: () => live.link.up && live.link.ready,
      linkStats: () =>
        (linked ? this.pbx.stats(live.site) : this.streams.stats(live.site)) ?? NO_LINK_STATS,
      eventLagSeconds: () => {
        const lag = live.link.lastEventLagMs;
        return lag === undefined ? undefined : lag / 1000;
      },
      lastEventAt: () => live.link.lastEventAt,
      anomalies: () => live.anomalies(),
    };
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
