import type { DatabaseOptions } from '@hotline/storage';
import type { MonitorConfig } from '../config/monitor-config.schema';

/** The database of `storage.*` (the service and the import command open the same one). */
export function databaseOptionsFrom(storage: MonitorConfig['storage']): DatabaseOptions {
  return storage.driver === 'postgres' && storage.postgres
    ? {
        driver: 'postgres',
        url: storage.postgres.url,
        schema: storage.postgres.schema,
        poolSize: storage.postgres.poolSize,
      }
    : { driver: 'sqlite', path: storage.sqlite.path };
}
