/** How a queue call ended (exactly one; in progress calls have no record yet). */
export type QueueCallOutcome = 'answered' | 'abandoned' | 'exited' | 'blocked';

/**
 * A finished queue call, as the engine counted it; emitted through `KpiEngine.onCallFinished`.
 * Consumers upsert by `callId`: a call closed with an estimated outcome (`estimated: true`,
 * after a reconnect) is emitted again with a higher `revision` if its real end arrives later.
 */
export interface QueueCallRecord {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line: string | null;
  /** The agent who answered; null when unanswered. */
  readonly agent: string | null;
  readonly joinedAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number;
  /** Whole seconds, as the PBX logged them (wait to answer, or to leaving). */
  readonly waitSeconds: number;
  readonly talkSeconds: number | null;
  readonly outcome: QueueCallOutcome;
  /**
   * answered: the call-end reason (caller-hangup, agent-hangup, transfer, other); exited: the
   * exit reason (timeout, leave-empty, exit-key, withdraw, other); blocked: the refusal reason
   * (full, join-empty, join-unavailable, other); abandoned: null, or 'closed-by-resync'.
   */
  readonly reason: string | null;
  /** The outcome or a time was estimated (closed by a resync, answer inferred). */
  readonly estimated: boolean;
  /** 1 for the first emission, +1 for each correction of the same callId. */
  readonly revision: number;
}

/** What `KpiEngine.restore` accepts: a stored QueueCallRecord (nullable fields tolerated). */
export interface RestorableQueueCall {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line?: string | null;
  readonly agent?: string | null;
  readonly joinedAt: number;
  readonly answeredAt?: number | null;
  readonly endedAt?: number | null;
  readonly waitSeconds: number;
  readonly talkSeconds?: number | null;
  readonly outcome: QueueCallOutcome;
  readonly reason?: string | null;
}

export interface RestorableRating {
  readonly ratingId: string;
  readonly ratedAt: number;
  readonly queue: string;
  readonly agent?: string | null;
  readonly callId?: string | null;
  readonly contactId?: string | null;
  readonly score: number;
}

/**
 * Lets storage rebuild today/week/month counters from stored records before live events
 * resume. The records go through the same counting code as live calls; they are not
 * re-emitted through onCallFinished. Records of calls the engine already knows are skipped.
 */
export interface KpiRestoreSeed {
  readonly calls: readonly RestorableQueueCall[];
  readonly ratings?: readonly RestorableRating[];
  /**
   * Epoch ms from which the restored calls are complete (storage's data_coverage: the start of
   * an import from the PBX's ledger, or the first live attach when nothing was imported).
   * Undefined when storage does not know (nothing stored yet).
   */
  readonly coveredFrom?: number;
}
