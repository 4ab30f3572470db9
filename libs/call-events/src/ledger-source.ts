import type { CallEvent } from './call-event';

/**
 * A PBX's own ledger read after the fact (Asterisk queue_log file or table, FreeSWITCH CDR),
 * turned into the same call events — same call ids — the live adapter gives, so finished
 * calls can be counted by the KPI engine and stored as if they had been seen live.
 */
export interface LedgerSource {
  /** What is read, for logs and the import summary (e.g. "queue_log /var/log/asterisk/queue_log"). */
  readonly description: string;
  /**
   * How far out of time order the events can come, ms: 0 for a log written as things happen
   * (queue_log), hours for a CDR (a row is written when its call hangs up).
   */
  readonly maxDisorderMs: number;
  /** What this ledger cannot tell, whatever the range (e.g. refusals, survey ratings). */
  readonly knownGaps: readonly string[];
  /**
   * The call events of the calls that joined in [range.from, range.to), with what the ledger
   * holds around them so each call is complete, in ledger order, in batches, with progress.
   */
  read(range: LedgerRange): AsyncIterable<LedgerBatch>;
}

export interface LedgerRange {
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly to: number;
}

export interface LedgerBatch {
  readonly events: readonly CallEvent[];
  readonly progress: LedgerProgress;
}

/** Where a ledger read is. */
export interface LedgerProgress {
  /** Files (or tables) to read, and how many are done. */
  readonly units: number;
  readonly unitsDone: number;
  /** The file (or table) being read. */
  readonly current?: string;
  /** Bytes (rows for a table) read and to read in all, for the rate and the ETA. */
  readonly done: number;
  readonly total: number;
  /** Lines (rows) read so far. */
  readonly lines: number;
  /** Lines that could not be read (not a ledger line). */
  readonly unreadable: number;
  /** Lines about a call whose start was not read (it began before what was read). */
  readonly unplaced?: number;
}
