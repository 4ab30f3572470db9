import { Counter, Gauge, type Registry } from 'prom-client';
import type { WriterStatus } from '@hotline/storage';
import { METRIC_PREFIX } from './metrics-registry';

/** The call-record writer's health: degraded (spilling) or not, and database faults seen. */
export class StorageCollector {
  constructor(registry: Registry, read: () => WriterStatus | undefined) {
    new Gauge({
      name: `${METRIC_PREFIX}storage_degraded`,
      help: '1 while records go to the spill file (database lost or backlog full), else 0.',
      registers: [registry],
      collect() {
        this.set(read()?.health === 'degraded' ? 1 : 0);
      },
    });
    new Counter({
      name: `${METRIC_PREFIX}storage_database_faults_total`,
      help: 'Times the database was found deleted, replaced or unwritable.',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read()?.databaseFaults ?? 0);
      },
    });
  }
}
