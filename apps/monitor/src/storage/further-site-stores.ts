import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { type AggregationRules, CallStore } from '@hotline/storage';
import type { SiteRegistry } from '../live/site-registry.service';
import { HistoryStartup } from './history-startup';
import { openStorage } from './open-storage';
import { SiteRecorder } from './site-recorder';
import { siteWriter } from './site-writer';
import type { FurtherSiteStorage } from './storage-module-options';

/** One further site's store and what writes and restores it. */
interface FurtherSite {
  readonly site: string;
  readonly dataSource: DataSource;
  readonly history: HistoryStartup;
  readonly recorder: SiteRecorder;
}

/**
 * An embedded monitor's further PBXs (`pbxes[1…]`), each site's calls stored once in its own
 * store (PostgreSQL schema, or SQLite file) exactly as the own site's are: the same writer
 * and spill path per site (SiteRecorder), the same restore on the PBX's clock before its link's
 * first view (HistoryStartup, restore-from-store.ts), the layout a cluster of those sites has,
 * so reports per site read them as a serve reads its other sites' schemas.
 */
export class FurtherSiteStores {
  private readonly logger = new Logger(FurtherSiteStores.name);
  private readonly sites: FurtherSite[] = [];

  constructor(
    private readonly options: readonly FurtherSiteStorage[],
    private readonly rules: AggregationRules,
    private readonly registry: Pick<SiteRegistry, 'site'>,
  ) {}

  /**
   * Opens each site's store (a failure stops the start, naming the key) and readies its
   * engine's restore for its link's first view; then records what its engine finishes.
   */
  async begin(): Promise<void> {
    for (const options of this.options) {
      const live = this.registry.site(options.site);
      if (!live) continue;
      const key =
        options.database.driver === 'sqlite'
          ? 'storage.sqlite.path'
          : `storage.postgres.siteSchemas.${options.site}`;
      const dataSource = await openStorage(options.database, key);
      const store = new CallStore(dataSource, this.rules);
      const writer = siteWriter(store, dataSource, options.database, options.writer, options.site);
      const history = new HistoryStartup(
        options.history,
        dataSource,
        store,
        live,
        this.rules.timeZone,
      );
      const recorder = new SiteRecorder(live, writer);
      this.sites.push({ site: options.site, dataSource, history, recorder });
      await history.begin();
      recorder.start();
      this.logger.log({ msg: "a further PBX's site stores its calls", site: options.site });
    }
  }

  /** The further sites whose stores are open. */
  get open(): readonly string[] {
    return this.sites.map((site) => site.site);
  }

  /** A further site's store, when open. */
  store(site: string): DataSource | undefined {
    return this.sites.find((further) => further.site === site)?.dataSource;
  }

  /** Every further site's store (the retention purge runs on each). */
  get dataSources(): readonly DataSource[] {
    return this.sites.map((site) => site.dataSource);
  }

  /** Records waiting to be written, over every further site. */
  get backlog(): number {
    return this.sites.reduce((sum, site) => sum + site.recorder.backlog, 0);
  }

  /** Stops any import, drains each writer, closes each store (graceful shutdown). */
  async stop(): Promise<void> {
    for (const { history, recorder, dataSource } of this.sites.splice(0)) {
      await history.stop();
      await recorder.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  }
}
