import type {
  AggregationRules,
  DatabaseOptions,
  RetentionOptions,
  WriterOptions,
} from '@hotline/storage';
import type { HistoryOptions } from './history-options';

/** Everything the storage module needs, built from the validated config (see docs/reports.md). */
export interface StorageModuleOptions {
  readonly database: DatabaseOptions;
  readonly rules: AggregationRules;
  readonly writer: WriterOptions;
  readonly retention: RetentionOptions;
  /** Local "HH:mm" of the daily purge and month roll-up. */
  readonly purgeAt: string;
  /** The history import from the PBX's ledger on a first start. */
  readonly history: HistoryOptions;
  /** A cluster serve's other sites' stores, read only (OtherSiteStores). */
  readonly otherSites: Readonly<Record<string, DatabaseOptions>>;
}

export const STORAGE_MODULE_OPTIONS = Symbol('STORAGE_MODULE_OPTIONS');
