import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type DatabaseOptions, describeOpenFailure, openDatabase } from '@hotline/storage';
import { CoverageRepository, Sql } from '@hotline/storage';
import type { SiteLive } from '../live/site-live';
import type { SiteRegistry } from '../live/site-registry.service';
import { restoreFromStore } from './restore-from-store';

const NOTHING_STORED = { until: -Infinity, calls: [] };

/**
 * A cluster serve's other sites' records (storage.postgres.siteSchemas), read only: each such
 * site's engine is restored from its own instances' store, on its PBX's clock, before its
 * stream is read, and takes the coverage they stored. A store that cannot be opened or read
 * is logged once; that site then runs from its stream alone (its coverage says from when).
 */
export class OtherSiteStores {
  private readonly logger = new Logger(OtherSiteStores.name);
  private readonly stores = new Map<string, DataSource>();

  constructor(
    private readonly databases: Readonly<Record<string, DatabaseOptions>>,
    private readonly sites: Pick<SiteRegistry, 'site'>,
    private readonly timeZone: string,
    /** An embedded monitor's further PBXs' stores, written there (FurtherSiteStores): read alike. */
    private readonly written?: Pick<OtherSiteStores, 'open' | 'store'>,
  ) {}

  /** Opens each configured site's store and readies its engine's restore (before any link). */
  async begin(): Promise<void> {
    for (const [site, options] of Object.entries(this.databases)) {
      const live = this.sites.site(site);
      if (!live) continue;
      try {
        const dataSource = await openDatabase(options);
        this.stores.set(site, dataSource);
        live.setPreparer((view) => this.restore(site, dataSource, live, view.at));
      } catch (error) {
        this.logger.error({
          msg: "another site's store could not be opened: that site runs from its stream alone",
          site,
          err: describeOpenFailure(error).reason,
        });
      }
    }
  }

  /** The other sites whose stores are open. */
  get open(): readonly string[] {
    return [...this.stores.keys(), ...(this.written?.open ?? [])];
  }

  /** The store of a site this instance shows but does not own, when configured and open. */
  store(site: string): DataSource | undefined {
    return this.stores.get(site) ?? this.written?.store(site);
  }

  async stop(): Promise<void> {
    for (const store of this.stores.values()) if (store.isInitialized) await store.destroy();
    this.stores.clear();
  }

  private async restore(site: string, dataSource: DataSource, live: SiteLive, at: number) {
    try {
      const coverage = await new CoverageRepository(Sql.of(dataSource)).read();
      const restored = await restoreFromStore(dataSource, live, at, this.timeZone);
      // The site's own instances know from when their records are complete.
      if (coverage) live.restore({ calls: [], coveredFrom: coverage.coveredFrom });
      this.logger.log({
        msg: "another site's engine restored from its store",
        site,
        calls: restored.calls,
        ratings: restored.ratings,
      });
      return restored.history;
    } catch (error) {
      this.logger.error({
        msg: "another site's engine could not be restored: it runs from its stream alone",
        site,
        err: error instanceof Error ? error.message : String(error),
      });
      return NOTHING_STORED;
    }
  }
}
