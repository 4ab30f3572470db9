import { DEFAULT_KPI_CONFIG } from '@hotline/kpi';

/** Where the data lives: embedded SQLite (default) or PostgreSQL for production. */
export type DatabaseOptions =
  | {
      readonly driver: 'sqlite';
      /** File path, e.g. "./data/hotline.sqlite"; ":memory:" for tests. */
      readonly path: string;
    }
  | {
      readonly driver: 'postgres';
      /** postgres://user:password@host:5432/db */
      readonly url: string;
      /** Schema to use (created if missing); default "public". */
      readonly schema?: string;
      readonly poolSize?: number;
      readonly connectTimeoutMs?: number;
      /** Shown in pg_stat_activity; default "hotline-monitor". */
      readonly applicationName?: string;
    };

/** The KPI thresholds the aggregates are computed with (same keys as the engine's config). */
export interface AggregationRules {
  readonly timeZone: string;
  readonly answerThresholdSeconds: number;
  readonly longTalkSeconds: number;
  readonly shortAbandonSeconds: number;
  /** Ratings with a score ≥ this count as satisfied (5 满意 … 1 很不满意; default 3). */
  readonly satisfiedMinScore: number;
}

export const DEFAULT_AGGREGATION_RULES: AggregationRules = {
  timeZone: DEFAULT_KPI_CONFIG.timeZone,
  answerThresholdSeconds: DEFAULT_KPI_CONFIG.answerThresholdSeconds,
  longTalkSeconds: DEFAULT_KPI_CONFIG.longTalkSeconds,
  shortAbandonSeconds: DEFAULT_KPI_CONFIG.shortAbandonSeconds,
  satisfiedMinScore: DEFAULT_KPI_CONFIG.satisfiedMinScore,
};

export interface WriterOptions {
  /** Records held in memory at most; beyond it new records go to the spill file. */
  readonly maxBacklog: number;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly retryInitialDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** Append-only JSONL file for records the backlog could not take; replayed when the DB is back. */
  readonly spillPath: string;
}

export const DEFAULT_WRITER_OPTIONS: WriterOptions = {
  maxBacklog: 50_000,
  batchSize: 500,
  flushIntervalMs: 1_000,
  retryInitialDelayMs: 500,
  retryMaxDelayMs: 30_000,
  spillPath: './data/spill/storage-backlog.jsonl',
};

export interface RetentionOptions {
  /** Raw rows (queue_call, agent_state_interval, survey_rating) are kept this many months. */
  readonly rawMonths: number;
  /** 15-minute aggregates are kept this long; monthly aggregates forever. */
  readonly intervalAggregateMonths: number;
}

export const DEFAULT_RETENTION: RetentionOptions = { rawMonths: 24, intervalAggregateMonths: 120 };
