import { Counter, type Registry } from 'prom-client';
import { METRIC_PREFIX, sampledCounter, sampledGauge } from './metrics-registry';

export interface ExporterHealthSources {
  linkUp(): boolean;
  reconnects(): number;
  protocolErrors(): number;
  eventsByType(): ReadonlyMap<string, number>;
  /** Wall time minus PBX time of the latest call event, seconds; undefined before any. */
  eventLagSeconds(): number | undefined;
  lastEventAt(): number | undefined;
  anomalies(): ReadonlyArray<{ readonly kind: string; readonly count: number }>;
  websocketClients(): number;
  storageBacklog(): number;
}

/** The exporter's own health: is the link up, are events flowing, is anything backing up. */
export class ExporterHealthCollector {
  constructor(registry: Registry, sources: ExporterHealthSources) {
    sampledGauge(
      registry,
      'pbx_up',
      '1 while the PBX link is connected and resynced, else 0.',
      () => (sources.linkUp() ? 1 : 0),
    );
    sampledCounter(
      registry,
      'pbx_reconnects_total',
      'Reconnections to the PBX after a lost link.',
      () => sources.reconnects(),
    );
    sampledCounter(
      registry,
      'pbx_protocol_errors_total',
      'Malformed or oversized PBX frames skipped.',
      () => sources.protocolErrors(),
    );
    new Counter({
      name: `${METRIC_PREFIX}pbx_events_total`,
      help: 'PBX events received, by event name.',
      labelNames: ['event'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [event, count] of sources.eventsByType()) this.inc({ event }, count);
      },
    });
    sampledGauge(
      registry,
      'pbx_event_lag_seconds',
      'Receive time minus PBX timestamp of the latest call event.',
      () => sources.eventLagSeconds(),
    );
    sampledGauge(
      registry,
      'last_event_timestamp_seconds',
      'PBX time of the latest call event, Unix seconds.',
      () => {
        const at = sources.lastEventAt();
        return at === undefined ? undefined : at / 1000;
      },
    );
    new Counter({
      name: `${METRIC_PREFIX}call_event_anomalies_total`,
      help: 'Call events the engine could not place (unknown call and the like), by kind.',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.reset();
        for (const anomaly of sources.anomalies()) this.inc({ kind: anomaly.kind }, anomaly.count);
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
