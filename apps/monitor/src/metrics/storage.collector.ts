import type { Registry } from 'prom-client';
import type { WriterStatus } from '@hotline/storage';
import { sampledCounter, sampledGauge } from './metrics-registry';

/** The call-record writer's health: degraded (spilling) or not, and database faults seen. */
export class StorageCollector {
  constructor(registry: Registry, read: () => WriterStatus | undefined) {
    sampledGauge(
      registry,
      'storage_degraded',
      '1 while records go to the spill file (database lost or backlog full), else 0.',
      () => (read()?.health === 'degraded' ? 1 : 0),
    );
    sampledCounter(
      registry,
      'storage_database_faults_total',
      'Times the database was found deleted, replaced or unwritable.',
      () => read()?.databaseFaults ?? 0,
    );
  }
}
