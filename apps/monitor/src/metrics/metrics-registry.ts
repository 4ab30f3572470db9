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
  sampledGauge(
    registry,
    'process_resident_memory_bytes',
    'Resident memory of the monitor process.',
    () => process.memoryUsage().rss,
  );
  sampledGauge(
    registry,
    'process_heap_used_bytes',
    'V8 heap in use.',
    () => process.memoryUsage().heapUsed,
  );
  sampledCounter(
    registry,
    'process_cpu_seconds_total',
    'User and system CPU time of the monitor process.',
    () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    },
  );
  sampledGauge(
    registry,
    'process_start_time_seconds',
    'Start time of the monitor process, Unix seconds.',
    () => Math.round(Date.now() / 1000 - process.uptime()),
  );
  return registry;
}

/** An unlabelled gauge read on scrape; `undefined` leaves it without a sample. */
export function sampledGauge(
  registry: Registry,
  name: string,
  help: string,
  read: () => number | undefined,
): Gauge {
  return new Gauge({
    name: `${METRIC_PREFIX}${name}`,
    help,
    registers: [registry],
    collect() {
      const value = read();
      if (value === undefined) this.reset();
      else this.set(value);
    },
  });
}

/** An unlabelled counter whose running total is kept elsewhere and read on scrape. */
export function sampledCounter(
  registry: Registry,
  name: string,
  help: string,
  read: () => number,
): Counter {
  return new Counter({
    name: `${METRIC_PREFIX}${name}`,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A gauge with one sample per site (`site` label), read on scrape; `undefined` leaves the site without one. */
export function perSiteGauge<S extends { readonly site: string }>(
  registry: Registry,
  name: string,
  help: string,
  sites: () => readonly S[],
  read: (site: S) => number | undefined,
): Gauge<'site'> {
  return new Gauge({
    name: `${METRIC_PREFIX}${name}`,
    help,
    labelNames: ['site'],
    registers: [registry],
    collect() {
      this.reset();
      for (const site of sites()) {
        const value = read(site);
        if (value !== undefined) this.set({ site: site.site }, value);
      }
    },
  });
}

/** A counter per site (`site` label) whose running total is kept elsewhere and read on scrape. */
export function perSiteCounter<S extends { readonly site: string }>(
  registry: Registry,
  name: string,
  help: string,
  sites: () => readonly S[],
  read: (site: S) => number,
): Counter<'site'> {
  return new Counter({
    name: `${METRIC_PREFIX}${name}`,
    help,
    labelNames: ['site'],
    registers: [registry],
    collect() {
      this.reset();
      for (const site of sites()) this.inc({ site: site.site }, read(site));
    },
  });
}
