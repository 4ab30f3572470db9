import { Counter, type Registry } from 'prom-client';
import { REFUSAL_REASONS } from '../push/connection-admission';
import type { PushStats } from '../push/push-hub.service';
import { METRIC_PREFIX, sampledCounter, sampledGauge } from './metrics-registry';

/** The WebSocket push's own limits at work: refusals by reason, filters in use, rate limiting. */
export class PushCollector {
  constructor(registry: Registry, read: () => PushStats | undefined) {
    new Counter({
      name: `${METRIC_PREFIX}websocket_connections_refused_total`,
      help: 'WebSocket upgrades refused, by reason: total, address, role (caps) or no-views.',
      labelNames: ['reason'],
      registers: [registry],
      collect() {
        this.reset();
        const stats = read();
        for (const reason of REFUSAL_REASONS)
          this.inc({ reason }, stats?.refusedConnections[reason] ?? 0);
      },
    });
    new Counter({
      name: `${METRIC_PREFIX}websocket_subscriptions_refused_total`,
      help: 'Subscriptions refused, by reason: unknown-filter or too-many-filters.',
      labelNames: ['reason'],
      registers: [registry],
      collect() {
        this.reset();
        const refused = read()?.refusedSubscriptions;
        this.inc({ reason: 'unknown-filter' }, refused?.['unknown-filter'] ?? 0);
        this.inc({ reason: 'too-many-filters' }, refused?.['too-many-filters'] ?? 0);
      },
    });
    sampledGauge(
      registry,
      'websocket_distinct_filters',
      'Distinct queue/line filters subscribed (each costs one snapshot per push).',
      () => read()?.distinctFilters ?? 0,
    );
    sampledCounter(
      registry,
      'websocket_rate_limited_messages_total',
      'Client messages dropped by the per-connection rate limit.',
      () => read()?.rateLimitedMessages ?? 0,
    );
  }
}
