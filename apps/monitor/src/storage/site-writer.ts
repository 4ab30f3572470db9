import type { DataSource } from 'typeorm';
import {
  CallRecordWriter,
  type CallStore,
  type DatabaseOptions,
  SqliteDatabaseGuard,
  type WriterOptions,
} from '@hotline/storage';
import { loggerPort } from './nest-logger-port';

/** A site's writer to its store; `site` names a further site's in its log lines. */
export function siteWriter(
  store: CallStore,
  dataSource: DataSource,
  database: DatabaseOptions,
  options: WriterOptions,
  site?: string,
): CallRecordWriter {
  return new CallRecordWriter(store, options, {
    logger: loggerPort(site ? `${CallRecordWriter.name}[${site}]` : CallRecordWriter.name),
    // SQLite writes on into a deleted or replaced file without an error: watch it.
    ...(database.driver === 'sqlite' && database.path !== ':memory:'
      ? { guard: new SqliteDatabaseGuard(dataSource, database.path) }
      : {}),
  });
}
