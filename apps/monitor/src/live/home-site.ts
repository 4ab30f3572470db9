import type { MonitorConfig } from '../config/monitor-config.schema';

/**
 * The site this instance owns: its first PBX's (`pbxes[0].site`), which is the cluster's
 * `site` in cluster mode and `default` for an embedded `pbx:`.
 */
export function homeSite(config: MonitorConfig): string {
  return config.pbx.site;
}
