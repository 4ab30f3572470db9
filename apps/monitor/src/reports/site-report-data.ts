import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ReportData, type SiteReportSource, storedReportData } from '@hotline/reports';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { homeSite } from '../live/home-site';
import { OtherSiteStores } from '../storage/other-site-stores';

/**
 * The records a report of `?site=` reads: this instance's own store, or (a cluster serve) the
 * store of another site it shows whose schema it was given (storage.postgres.siteSchemas).
 */
@Injectable()
export class SiteReportData {
  private readonly own: ReportData;
  private readonly ownSite: string;
  /** Every site of this instance counts in kpi.timeZone (one engine configuration). */
  private readonly timeZone: string;
  private readonly others = new Map<string, ReportData>();

  constructor(
    dataSource: DataSource,
    private readonly otherSites: OtherSiteStores,
    @Inject(MONITOR_CONFIG) config: MonitorConfig,
  ) {
    this.own = storedReportData(dataSource);
    this.ownSite = homeSite(config);
    this.timeZone = config.kpi.timeZone;
  }

  /** Every site whose records this instance reads (`?site=all`): its own, then the others open. */
  every(): SiteReportSource[] {
    return [this.ownSite, ...this.otherSites.open].map((site) => ({
      site,
      timeZone: this.timeZone,
      data: this.of(site),
    }));
  }

  /** The site's records; a 404 naming what this instance has for a site it has none of. */
  of(site: string | undefined): ReportData {
    if (site === undefined || site === this.ownSite) return this.own;
    let data = this.others.get(site);
    if (!data) {
      const store = this.otherSites.store(site);
      if (!store)
        throw new NotFoundException(
          `no records of site "${site}" here: this instance stores "${this.ownSite}"` +
            `${this.otherSites.open.length > 0 ? ` and reads ${this.otherSites.open.join(', ')}` : ''}` +
            ' (storage.postgres.siteSchemas)',
        );
      data = storedReportData(store);
      this.others.set(site, data);
    }
    return data;
  }
}
