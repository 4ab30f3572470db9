import { extname } from 'node:path';
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

/**
 * The schemas of storage.postgres.siteSchemas this instance only reads: all but those of the
 * sites it writes itself (an embedded monitor's further PBXs, `writtenHere`), which are opened
 * once, as their writer's store (furtherSiteDatabase).
 */
export function otherSiteDatabases(
  storage: MonitorConfig['storage'],
  writtenHere: readonly string[],
): Readonly<Record<string, DatabaseOptions>> {
  const postgres = storage.driver === 'postgres' ? storage.postgres : undefined;
  if (!postgres) return {};
  return Object.fromEntries(
    Object.entries(postgres.siteSchemas)
      .filter(([site]) => !writtenHere.includes(site))
      .map(([site, schema]) => [
        site,
        { driver: 'postgres', url: postgres.url, schema, poolSize: OTHER_SITE_POOL },
      ]),
  );
}

/**
 * The store of an embedded monitor's further PBX (`pbxes[1…]`), each site's calls apart:
 * PostgreSQL, the site's schema (storage.postgres.siteSchemas, required by the config); SQLite,
 * a file of its own beside the configured one (`data/hotline.sqlite` → `data/hotline.<site>.sqlite`).
 */
export function furtherSiteDatabase(
  storage: MonitorConfig['storage'],
  site: string,
): DatabaseOptions {
  const postgres = storage.driver === 'postgres' ? storage.postgres : undefined;
  if (!postgres) return { driver: 'sqlite', path: siteFile(storage.sqlite.path, site) };
  const schema = postgres.siteSchemas[site];
  if (schema === undefined)
    throw new Error(`storage.postgres.siteSchemas.${site} is not set (the config requires it)`);
  return { driver: 'postgres', url: postgres.url, schema, poolSize: postgres.poolSize };
}

/** A site's own file beside a configured one: `<name>.<site><extension>`; `:memory:` stays. */
export function siteFile(path: string, site: string): string {
  if (path === ':memory:') return path;
  const extension = extname(path);
  return `${path.slice(0, path.length - extension.length)}.${site}${extension}`;
}
