import {
  type CallEvent,
  type LedgerBatch,
  LedgerFileRead,
  type LedgerRange,
  type LedgerSource,
} from '@hotline/call-events';
import { findQueueLogFiles, queueLogFilesFor, readQueueLogFileLines } from './queue-log-files';
import { parseQueueLogLine, type QueueLogLine } from './queue-log-line';
import { QueueLogReader, type QueueLogReaderOptions } from './queue-log-reader';

const CONTACTS_GAP =
  'contacts: queue_log has no Linkedid, so each caller channel is its own contact (an attended transfer makes a new contact) unless the channel was up at the first view; give history.asteriskCdr (cdr_csv with newcdrcolumns) to group them';

/** What queue_log cannot tell, read from a file or a table alike. */
export const QUEUE_LOG_KNOWN_GAPS: readonly string[] = [
  'refusals: app_queue writes no queue_log line when a full or empty queue refuses a caller (FULL, JOINEMPTY, JOINUNAVAIL); only refusal lines a dialplan wrote with QueueLog() are read — other blocked calls are not in the import',
  'survey ratings: a dialplan UserEvent, not in queue_log',
  CONTACTS_GAP,
  'agent states (log-ins, pauses) are not imported',
];

export interface QueueLogLedgerOptions {
  /** Lines this long before the range are read for state (visit numbering, open visits). Default 4 h. */
  readonly contextMs?: number;
  /** Lines up to this long after the range are read to finish the calls that joined in it. Default 4 h. */
  readonly tailMs?: number;
  /** Events per batch handed on. Default 2,000. */
  readonly batchEvents?: number;
  readonly reader?: QueueLogReaderOptions;
  /** The reader's contacts come from the CDR's Linkedid (readAsteriskCdrContacts): no gap there. */
  readonly contactsFromCdr?: boolean;
}

/** The known gaps of a queue_log ledger read with these options. */
export function queueLogKnownGaps(options: QueueLogLedgerOptions): readonly string[] {
  return options.contactsFromCdr
    ? QUEUE_LOG_KNOWN_GAPS.filter((gap) => gap !== CONTACTS_GAP)
    : QUEUE_LOG_KNOWN_GAPS;
}

export const DEFAULT_LEDGER_CONTEXT_MS = 4 * 60 * 60 * 1000;

/**
 * Turns queue_log lines, in ledger order, into the call events of the calls that joined in a
 * range, with one QueueLogReader (the same one the gap backfill uses: same call ids as the AMI
 * mapper). Lines before the range are read for context only; lines after it until its calls
 * are over (or the tail is reached). Shared by the file and the table source.
 */
export class QueueLogRangeReader {
  private readonly reader: QueueLogReader;
  private readonly contextFrom: number;
  private readonly tailTo: number;
  /** Visits open that joined before the range's end: the range is not done while any is. */
  private readonly openInRange = new Set<string>();
  private readonly contextMs: number;
  private forgotAt = -Infinity;
  unreadable = 0;
  unplaced = 0;

  constructor(
    private readonly range: LedgerRange,
    options: QueueLogLedgerOptions = {},
  ) {
    this.reader = new QueueLogReader(options.reader ?? {});
    this.contextMs = options.contextMs ?? DEFAULT_LEDGER_CONTEXT_MS;
    this.contextFrom = range.from - this.contextMs;
    this.tailTo = range.to + (options.tailMs ?? DEFAULT_LEDGER_CONTEXT_MS);
  }

  /** The earliest line time (ms) worth reading. */
  get readFrom(): number {
    return this.contextFrom;
  }

  /** The latest line time (ms, exclusive) worth reading. */
  get readTo(): number {
    return this.tailTo;
  }

  /** Events of one line; `done` once past the range and every call of it is over. */
  take(
    line: QueueLogLine | undefined,
    raw?: string,
  ): { events: readonly CallEvent[]; done: boolean } {
    if (!line) {
      if (raw !== undefined && raw.trim() !== '') this.unreadable++;
      return { events: [], done: false };
    }
    const at = line.epoch * 1000;
    if (at < this.contextFrom) return { events: [], done: false };
    if (at >= this.tailTo) return { events: [], done: true };
    if (at >= this.range.to && this.openInRange.size === 0) return { events: [], done: true };
    // Numbering older than the context is what a reader started there would not know either.
    if (at - this.forgotAt > this.contextMs) {
      this.reader.forget(at - this.contextMs);
      this.forgotAt = at;
    }
    const result = this.reader.read(line);
    if (result.status === 'unplaced' && at >= this.range.from) this.unplaced++;
    for (const event of result.events) {
      if (event.type === 'caller-joined-queue' && event.at < this.range.to)
        this.openInRange.add(event.callId);
      else if (
        event.type === 'call-ended' ||
        event.type === 'caller-abandoned' ||
        event.type === 'caller-exited'
      )
        this.openInRange.delete(event.callId);
    }
    return { events: result.events, done: false };
  }
}

/**
 * Asterisk's queue_log files as a ledger: the live file and its rotated ones (plain or gzip),
 * those that can hold the range, read line by line (bounded memory).
 */
export class QueueLogFileLedger implements LedgerSource {
  readonly maxDisorderMs = 0;
  readonly knownGaps: readonly string[];

  constructor(
    private readonly path: string,
    private readonly options: QueueLogLedgerOptions = {},
  ) {
    this.knownGaps = queueLogKnownGaps(options);
  }

  get description(): string {
    return `queue_log ${this.path}`;
  }

  async *read(range: LedgerRange): AsyncGenerator<LedgerBatch> {
    const lines = new QueueLogRangeReader(range, this.options);
    const files = queueLogFilesFor(
      await findQueueLogFiles(this.path),
      lines.readFrom,
      lines.readTo,
    );
    const read = new LedgerFileRead(files, this.options.batchEvents, () => ({
      unreadable: lines.unreadable,
      unplaced: lines.unplaced,
    }));
    let finished = false;
    for (const file of files) {
      read.startFile(file);
      for await (const raw of readQueueLogFileLines(file, read.readTo)) {
        read.lines++;
        const { events, done } = lines.take(parseQueueLogLine(raw), raw);
        if (done) {
          finished = true;
          break;
        }
        const batch = read.add(events);
        if (batch) yield batch;
      }
      read.endFile(file);
      if (finished) break;
    }
    yield read.finish();
  }
}
