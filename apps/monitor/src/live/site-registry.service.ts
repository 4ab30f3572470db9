import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { LiveKpiService } from './live-kpi.service';
import { SiteLive } from './site-live';

/**
 * Every site this instance shows, each its own engine (docs/adr/0006-sites.md): its own site
 * (LiveKpiService) and the others: an embedded monitor's further PBXs of `pbxes:`, fed by
 * their links (PbxLinkService), or a cluster serve's other sites of `cluster.sites`, fed from
 * their streams (SiteStreams). The embedded default is a registry of one.
 */
@Injectable()
export class SiteRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly bySite = new Map<string, SiteLive>();

  constructor(
    @Inject(MONITOR_CONFIG) config: MonitorConfig,
    readonly home: LiveKpiService,
    @InjectPinoLogger('Sites') logger: PinoLogger,
  ) {
    this.bySite.set(home.site, home);
    // Only one of the two lists has other sites: a cluster instance has one PBX entry at most.
    const others = [...config.pbxes.map((entry) => entry.site), ...(config.cluster?.sites ?? [])];
    for (const site of others) {
      if (!this.bySite.has(site)) this.bySite.set(site, new SiteLive(site, config, logger));
    }
  }

  onModuleInit(): void {
    for (const site of this.others()) site.start();
  }

  onModuleDestroy(): void {
    for (const site of this.others()) site.stop();
  }

  /** Site names, this instance's own first, then as configured. */
  get names(): readonly string[] {
    return [...this.bySite.keys()];
  }

  get all(): readonly SiteLive[] {
    return [...this.bySite.values()];
  }

  /** The site's live state; undefined for a site this instance does not show. */
  site(name: string): SiteLive | undefined {
    return this.bySite.get(name);
  }

  /** The site a request names (REST `?site=`, a subscription's `site`), or without one this instance's own. */
  shown(name: string | undefined): SiteLive | undefined {
    return name === undefined ? this.home : this.site(name);
  }

  /** Whether the site is this instance's own (its alarms, staffing advice and stored calls). */
  isHome(name: string): boolean {
    return name === this.home.site;
  }

  /** The sites other than this instance's own (their PBX links, or a serve's streams). */
  others(): SiteLive[] {
    return this.all.filter((site) => site !== this.home);
  }
}
