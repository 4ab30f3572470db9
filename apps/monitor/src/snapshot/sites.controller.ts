import { Controller, Get, Inject } from '@nestjs/common';
import { rateSamples } from '@hotline/alarms';
import { type PeriodFigures, platformSnapshot } from '@hotline/kpi';
import { Access } from '../access/access.decorator';
import { AlarmService } from '../alarms/alarm.service';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { platformNow } from '../live/platform-now';
import { SiteRegistry } from '../live/site-registry.service';

/**
 * GET /api/v1/sites — the platform (the /platform page reads it): every site this instance
 * shows (its own first), each site's centre and link, and their total summed from counts
 * (libs/kpi platformSnapshot); every period's figures carry their rates' samples
 * (libs/alarms rateSamples) and the answer carries the targets and the severity scheme, so a
 * page colours them as the boards do. Computed at most once per kpi.tickMs.
 */
@Controller('api/v1')
@Access('wallboard')
export class SitesController {
  private latest: { at: number; body: ReturnType<SitesController['compute']> } | undefined;

  constructor(
    private readonly sites: SiteRegistry,
    private readonly alarms: AlarmService,
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
  ) {}

  @Get('sites')
  platform() {
    const now = Date.now();
    if (!this.latest || now - this.latest.at >= this.config.kpi.tickMs)
      this.latest = { at: now, body: this.compute() };
    return this.latest.body;
  }

  private compute() {
    const sites = this.sites.all;
    const at = platformNow(sites);
    const snapshots = sites.map((site) => ({ site: site.site, snapshot: site.snapshotAt(at) }));
    const platform = platformSnapshot(snapshots, at);
    return {
      at,
      targets: snapshots[0].snapshot.targets,
      severity: this.alarms.severity,
      sites: platform.sites.map((site, index) => ({
        ...site,
        centre: sampled(site.centre),
        pbx: sites[index].link,
      })),
      total: { ...platform.total, centre: sampled(platform.total.centre) },
    };
  }
}

/** Each period's figures with the samples its rates are judged over. */
function sampled(periods: Readonly<Partial<Record<string, PeriodFigures>>>) {
  return Object.fromEntries(
    Object.entries(periods).map(([period, figures]) => [
      period,
      figures && { ...figures, samples: rateSamples(figures) },
    ]),
  );
}
