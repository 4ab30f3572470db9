import type { KpiSnapshot } from '@hotline/kpi';

/**
 * One engine snapshot shared by every metric family of a scrape: prom-client collects each
 * family separately, and a snapshot of every scope is not free.
 */
export class ScrapeSnapshot {
  private cached: { at: number; snapshot: KpiSnapshot } | undefined;

  constructor(
    private readonly take: () => KpiSnapshot,
    private readonly wallNow: () => number = Date.now,
    private readonly maxAgeMs = 250,
  ) {}

  get(): KpiSnapshot {
    const now = this.wallNow();
    if (!this.cached || now - this.cached.at > this.maxAgeMs) {
      this.cached = { at: now, snapshot: this.take() };
    }
    return this.cached.snapshot;
  }
}
