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

/** Other sites' records read by a cluster serve (storage.postgres.siteSchemas): same server. */
const OTHER_SITE_POOL = 2;

export function otherSiteDatabases(
  storage: MonitorConfig['storage'],
): Readonly<Record<string, DatabaseOptions>> {
  const postgres = storage.driver === 'postgres' ? storage.postgres : undefined;
  if (!postgres) return {};
  return Object.fromEntries(
    Object.entries(postgres.siteSchemas).map(([site, schema]) => [
      site,
      { driver: 'postgres', url: postgres.url, schema, poolSize: OTHER_SITE_POOL },
    ]),
  );
}
