import type { KpiSnapshot } from '@hotline/kpi';

/**
 * One site as the KPI collectors read it (a SiteLive fits): every series they export carries
 * its name as the `site` label, so two sites' queues of the same name stay two series.
 */
export interface MetricsSite {
  readonly site: string;
  /** The site's unfiltered snapshot (memoised by SiteLive: one per scrape for every family). */
  snapshot(): KpiSnapshot;
  /** Queues the PBX reported, including ones no call has reached yet. */
  readonly pbxQueues: readonly string[];
}
