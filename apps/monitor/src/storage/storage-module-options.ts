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
  /** An embedded monitor's further PBXs (`pbxes[1…]`): each site's store, written (FurtherSiteStores). */
  readonly furtherSites: readonly FurtherSiteStorage[];
}

/** A further site's store, written as the own site's is, with its own writer and spill file. */
export interface FurtherSiteStorage {
  readonly site: string;
  readonly database: DatabaseOptions;
  readonly writer: WriterOptions;
  readonly history: HistoryOptions;
}

export const STORAGE_MODULE_OPTIONS = Symbol('STORAGE_MODULE_OPTIONS');
