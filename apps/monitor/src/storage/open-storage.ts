import type { DataSource } from 'typeorm';
import { type DatabaseOptions, describeOpenFailure, openDatabase } from '@hotline/storage';
import { StartUpError } from '../config/start-up-error';

/** Opens a site's database; a failure names the config key (exit 78, or 1 when a retry can help). */
export async function openStorage(database: DatabaseOptions, key: string): Promise<DataSource> {
  try {
    return await openDatabase(database);
  } catch (error) {
    const { reason, retryable } = describeOpenFailure(error);
    const where = database.driver === 'sqlite' ? ` ${database.path}` : '';
    throw new StartUpError(key, `cannot open the database${where}: ${reason}`, retryable);
  }
}
