import type { CallEvent } from './call-event';
import type { LedgerBatch, LedgerProgress } from './ledger-source';

/** Events per batch a ledger hands on, unless its options say otherwise. */
export const DEFAULT_LEDGER_BATCH_EVENTS = 2_000;

/** A ledger file to read, by its size when the read began. */
export interface LedgerFileToRead {
  readonly path: string;
  readonly size: number;
}

/**
 * One read of a ledger's files, oldest first: where it is (file, bytes, lines) and the events
 * read, handed on in batches. The ledger says when a file begins and ends, how far into it the
 * read is, and what it read; this keeps the counts and cuts the batches.
 */
export class LedgerFileRead {
  /** Lines (records) read so far. */
  lines = 0;
  /** Lines that were not ledger lines (unless the ledger's own line reader counts them). */
  unreadable = 0;
  private readonly total: number;
  private batch: CallEvent[] = [];
  private doneBefore = 0;
  private doneInFile = 0;
  private unitsDone = 0;
  private current: string | undefined;

  constructor(
    private readonly files: readonly LedgerFileToRead[],
    private readonly batchEvents = DEFAULT_LEDGER_BATCH_EVENTS,
    /** The counts of the ledger's own line reader, where it keeps them. */
    private readonly lineCounts?: () => Pick<LedgerProgress, 'unreadable' | 'unplaced'>,
  ) {
    this.total = files.reduce((sum, f) => sum + f.size, 0);
  }

  startFile(file: LedgerFileToRead): void {
    this.current = file.path;
    this.doneInFile = 0;
  }

  /** Bytes of the current file read so far. */
  readonly readTo = (bytes: number): void => {
    this.doneInFile = bytes;
  };

  /** The events of a line; a full batch when they fill one. */
  add(events: readonly CallEvent[]): LedgerBatch | undefined {
    for (const event of events) this.batch.push(event);
    if (this.batch.length < this.batchEvents) return undefined;
    const full = { events: this.batch, progress: this.progress() };
    this.batch = [];
    return full;
  }

  endFile(file: LedgerFileToRead): void {
    this.doneBefore += file.size;
    this.doneInFile = 0;
    this.unitsDone++;
  }

  /** The last batch, however small, with the read complete (a read may stop before the end). */
  finish(): LedgerBatch {
    this.current = undefined;
    return { events: this.batch, progress: { ...this.progress(), done: this.total } };
  }

  private progress(): LedgerProgress {
    return {
      units: this.files.length,
      unitsDone: this.unitsDone,
      ...(this.current !== undefined ? { current: this.current } : {}),
      done: this.doneBefore + this.doneInFile,
      total: this.total,
      lines: this.lines,
      ...(this.lineCounts ? this.lineCounts() : { unreadable: this.unreadable }),
    };
  }
}
