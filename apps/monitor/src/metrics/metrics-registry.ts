import { Registry, collectDefaultMetrics } from 'prom-client';

/** Injection token of the monitor's own prom-client Registry (never the global one). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export const METRIC_PREFIX = 'hotline_';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}
