/** Restricts a snapshot to some queues and/or lines (the centre scope is always whole). */
export interface SnapshotFilter {
  readonly queues?: readonly string[];
  readonly lines?: readonly string[];
}
