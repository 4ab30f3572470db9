import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { LiveKpiService } from '../live/live-kpi.service';
import { OperationalStats } from '../live/operational-stats';
import { PbxLinkService } from '../pbx/pbx-link.service';
import { AlarmService } from '../alarms/alarm.service';
import { AlarmsCollector } from './alarms.collector';
import { CallDistributionsCollector } from './call-distributions.collector';
import { ExporterHealthCollector } from './exporter-health.collector';
import { KpiCountersCollector } from './kpi-counters.collector';
import { LiveGaugesCollector } from './live-gauges.collector';
import { METRICS_REGISTRY } from './metrics-registry';
import { PushCollector } from './push.collector';
import { StorageCollector } from './storage.collector';

/** Registers every collector on the monitor's registry and feeds the event-driven ones. */
@Injectable()
export class MetricsService implements OnModuleInit, OnModuleDestroy {
  private subscription: Subscription | undefined;
  private unsubscribeCalls: (() => void) | undefined;

  constructor(
    @Inject(METRICS_REGISTRY) readonly registry: Registry,
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
    private readonly live: LiveKpiService,
    private readonly pbx: PbxLinkService,
    private readonly operational: OperationalStats,
    private readonly alarms: AlarmService,
  ) {}

  onModuleInit(): void {
    // LiveKpiService memoises the snapshot: every family of a scrape reads the same one.
    const snapshots = () => this.live.snapshot();
    new KpiCountersCollector(
      this.registry,
      snapshots,
      Object.keys(this.config.lines),
      () => this.live.pbxQueues,
    );
    new LiveGaugesCollector(this.registry, snapshots, this.config.metrics.perAgent);
    const distributions = new CallDistributionsCollector(this.registry);
    this.unsubscribeCalls = this.live.onCallFinished((record) =>
      distributions.onCallFinished(record),
    );
    this.subscription = this.live.events$.subscribe((events) => distributions.onEvents(events));
    new ExporterHealthCollector(this.registry, {
      linkUp: () => this.live.link.up && this.live.link.ready,
      reconnects: () => this.pbx.stats().reconnects,
      protocolErrors: () => this.pbx.stats().protocolErrors,
      eventsByType: () => this.pbx.stats().eventsByType,
      eventLagSeconds: () => {
        const lag = this.live.link.lastEventLagMs;
        return lag === undefined ? undefined : lag / 1000;
      },
      lastEventAt: () => this.live.link.lastEventAt,
      anomalies: () => this.live.anomalies(),
      websocketClients: () => this.operational.websocketClients,
      storageBacklog: () => this.operational.storageBacklog,
    });
    new PushCollector(this.registry, () => this.operational.pushStats);
    new StorageCollector(this.registry, () => this.operational.storageStatus);
    new AlarmsCollector(this.registry, () => this.alarms.summary());
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.unsubscribeCalls?.();
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
