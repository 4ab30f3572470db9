import { Counter, Gauge, Registry } from 'prom-client';

/** Injection token of the monitor's own prom-client Registry (never the global one). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export const METRIC_PREFIX = 'hotline_';

/**
 * A registry with the process figures an operator needs. prom-client's default Node metrics
 * are left out: three of them (`*_active_handles_total`…) are gauges named like counters and
 * fail `promtool check metrics`.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  new Gauge({
    name: `${METRIC_PREFIX}process_resident_memory_bytes`,
    help: 'Resident memory of the monitor process.',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage().rss);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}process_heap_used_bytes`,
    help: 'V8 heap in use.',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage().heapUsed);
    },
  });
  new Counter({
    name: `${METRIC_PREFIX}process_cpu_seconds_total`,
    help: 'User and system CPU time of the monitor process.',
    registers: [registry],
    collect() {
      const { user, system } = process.cpuUsage();
      this.reset();
      this.inc((user + system) / 1e6);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}process_start_time_seconds`,
    help: 'Start time of the monitor process, Unix seconds.',
    registers: [registry],
    collect() {
      this.set(Math.round(Date.now() / 1000 - process.uptime()));
    },
  });
  return registry;
}
