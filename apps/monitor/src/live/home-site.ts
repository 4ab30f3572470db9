import type { MonitorConfig } from '../config/monitor-config.schema';

/** The site this instance owns: the cluster's `site`, or `default` for an embedded monitor. */
export function homeSite(config: MonitorConfig): string {
  return config.cluster?.site ?? 'default';
}
