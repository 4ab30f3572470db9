import type { SiteLive } from './site-live';

/**
 * The one instant every site's snapshot is taken at for the platform total: the latest of the
 * sites' PBX clocks (a site's clock a little behind is only advanced, never moved back).
 */
export function platformNow(sites: readonly SiteLive[]): number {
  return Math.max(...sites.map((site) => site.clock.now()));
}
