export { parseQueueLogLine, type QueueLogLine } from './queue-log-line';
export {
  QueueLogReader,
  type QueueLogReaderOptions,
  type QueueLogReadResult,
  type QueueLogLineStatus,
} from './queue-log-reader';
export { QueueLogTail, type QueueLogTailOptions } from './queue-log-tail';
export { DeliveredCallLedger, uniqueidOf } from './delivered-call-ledger';
export { GapBackfill, type GapBackfillOptions } from './gap-backfill';
export {
  findQueueLogFiles,
  queueLogFilesFor,
  readQueueLogFileLines,
  type QueueLogFile,
} from './queue-log-files';
export {
  QueueLogFileLedger,
  QueueLogRangeReader,
  QUEUE_LOG_KNOWN_GAPS,
  queueLogKnownGaps,
  DEFAULT_LEDGER_CONTEXT_MS,
  type QueueLogLedgerOptions,
} from './queue-log-ledger';
export { QueueLogTableLedger, type QueueLogTableOptions } from './queue-log-table-ledger';
