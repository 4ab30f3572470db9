import type { LedgerProgress, LedgerRange } from '@hotline/call-events';

export type ImportPhase = 'waiting' | 'reading' | 'done' | 'failed' | 'skipped';

/** Where a history import is: for log lines, /health and /api/v1/storage/status. */
export interface ImportProgress {
  readonly phase: ImportPhase;
  readonly source?: string;
  readonly range?: LedgerRange;
  /** Files (or tables) to read and read. */
  readonly files: { readonly total: number; readonly done: number; readonly current?: string };
  readonly lines: number;
  /** Calls of the range counted; written to the store; already stored (left as they were). */
  readonly calls: {
    readonly counted: number;
    readonly written: number;
    readonly alreadyStored: number;
  };
  /** Ledger read so far, 0–1 (bytes, or rows for a table). */
  readonly fraction: number;
  /** Calls counted per second since the start. */
  readonly callsPerSecond: number;
  readonly linesPerSecond: number;
  /** Seconds left at the rate so far; null before anything was read. */
  readonly etaSeconds: number | null;
  readonly startedAt?: number;
  readonly elapsedSeconds: number;
  /** Why nothing was imported (phase skipped), or what failed. */
  readonly reason?: string;
}

export const IDLE_PROGRESS: ImportProgress = {
  phase: 'waiting',
  files: { total: 0, done: 0 },
  lines: 0,
  calls: { counted: 0, written: 0, alreadyStored: 0 },
  fraction: 0,
  callsPerSecond: 0,
  linesPerSecond: 0,
  etaSeconds: null,
  elapsedSeconds: 0,
};

/** The progress figures from the ledger's position and the calls so far (pure). */
export function importProgress(
  read: LedgerProgress,
  calls: ImportProgress['calls'],
  startedAt: number,
  now: number,
  extra: { readonly source: string; readonly range: LedgerRange },
): ImportProgress {
  const elapsed = Math.max(0.001, (now - startedAt) / 1000);
  const fraction = read.total > 0 ? Math.min(1, read.done / read.total) : 1;
  const eta = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : null;
  return {
    phase: 'reading',
    source: extra.source,
    range: extra.range,
    files: {
      total: read.units,
      done: read.unitsDone,
      ...(read.current !== undefined ? { current: read.current } : {}),
    },
    lines: read.lines,
    calls,
    fraction,
    callsPerSecond: calls.counted / elapsed,
    linesPerSecond: read.lines / elapsed,
    etaSeconds: eta === null ? null : Math.round(eta),
    startedAt,
    elapsedSeconds: Math.round(elapsed),
  };
}
