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
