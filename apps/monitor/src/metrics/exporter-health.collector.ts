import { Counter, type Registry } from 'prom-client';
import type { CallSourceStats } from '@hotline/call-events';
import { METRIC_PREFIX, perSiteCounter, perSiteGauge, sampledGauge } from './metrics-registry';

/** One site's link as the exporter sees it: the PBX link, or for a serve's other sites its stream. */
export interface SiteLinkHealth {
  readonly site: string;
  linkUp(): boolean;
  /** The link's own counters: this process's PBX client (or stream reader) for the site. */
  linkStats(): CallSourceStats;
  /** Wall time minus PBX time of the latest call event, seconds; undefined before any. */
  eventLagSeconds(): number | undefined;
  lastEventAt(): number | undefined;
  anomalies(): ReadonlyArray<{ readonly kind: string; readonly count: number }>;
}

export interface ExporterHealthSources {
  sites(): readonly SiteLinkHealth[];
  websocketClients(): number;
  storageBacklog(): number;
}

/**
 * The exporter's own health: is each site's link up, are its events flowing (`site` label),
 * is anything backing up in this instance (no `site`: the push and the writer are the
 * instance's).
 */
export class ExporterHealthCollector {
  constructor(registry: Registry, sources: ExporterHealthSources) {
    const sites = () => sources.sites();
    perSiteGauge(
      registry,
      'pbx_up',
      "1 while the site's PBX link is connected and resynced, else 0.",
      sites,
      (site) => (site.linkUp() ? 1 : 0),
    );
    perSiteCounter(
      registry,
      'pbx_reconnects_total',
      "Reconnections of the site's link after a loss (to the PBX, or a serve's to the site's stream).",
      sites,
      (site) => site.linkStats().reconnects,
    );
    perSiteCounter(
      registry,
      'pbx_protocol_errors_total',
      'Malformed or oversized PBX frames (or unreadable stream entries) skipped.',
      sites,
      (site) => site.linkStats().protocolErrors,
    );
    new Counter({
      name: `${METRIC_PREFIX}pbx_events_total`,
      help: 'PBX events received, by site and event name.',
      labelNames: ['site', 'event'],
      registers: [registry],
      collect() {
        this.reset();
        for (const site of sites()) {
          for (const [event, count] of site.linkStats().eventsByType)
            this.inc({ site: site.site, event }, count);
        }
      },
    });
    perSiteGauge(
      registry,
      'pbx_event_lag_seconds',
      'Receive time minus PBX timestamp of the latest call event.',
      sites,
      (site) => site.eventLagSeconds(),
    );
    perSiteGauge(
      registry,
      'last_event_timestamp_seconds',
      'PBX time of the latest call event, Unix seconds.',
      sites,
      (site) => {
        const at = site.lastEventAt();
        return at === undefined ? undefined : at / 1000;
      },
    );
    new Counter({
      name: `${METRIC_PREFIX}call_event_anomalies_total`,
      help: 'Call events the engine could not place (unknown call and the like), by site and kind.',
      labelNames: ['site', 'kind'],
      registers: [registry],
      collect() {
        this.reset();
        for (const site of sites()) {
          for (const anomaly of site.anomalies())
            this.inc({ site: site.site, kind: anomaly.kind }, anomaly.count);
        }
      },
    });
    sampledGauge(registry, 'websocket_clients', 'Connected WebSocket clients.', () =>
      sources.websocketClients(),
    );
    sampledGauge(
      registry,
      'storage_backlog_records',
      'Call records waiting to be written to the database.',
      () => sources.storageBacklog(),
    );
  }
}
