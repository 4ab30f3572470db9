import type { SiteLive } from './site-live';

/**
 * The one instant every site's snapshot is taken at for the platform total: the latest of the
 * sites' PBX clocks (a site's clock a little behind is only advanced, never moved back). A
 * site whose PBX has not told its time yet does not count, unless none has.
 */
export function platformNow(sites: readonly SiteLive[]): number {
  const synced = sites.filter((site) => site.clock.synced);
  return Math.max(...(synced.length > 0 ? synced : sites).map((site) => site.clock.now()));
}
