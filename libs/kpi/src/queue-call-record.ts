/**
 * How a queue call ended (exactly one; in progress calls have no record yet). `unknown`: the
 * call was in flight when the monitor lost sight of the PBX and was gone when it looked again
 * (docs/adr/0004-unknown-outcome.md) — counted in offered, never as answered or abandoned.
 */
export type QueueCallOutcome = 'answered' | 'abandoned' | 'exited' | 'blocked' | 'unknown';

/**
 * A finished queue call, as the engine counted it; emitted through `KpiEngine.onCallFinished`.
 * Consumers upsert by `callId`: a call closed while its end was unknown (outcome `unknown`, or
 * answered with `talkSeconds` null) or with an estimate is emitted again with a higher
 * `revision` when its real end arrives later.
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
  /** When the visit ended; for an end that was not seen, when the engine learned it was over. */
  readonly endedAt: number;
  /**
   * Whole seconds, as the PBX logged them (wait to answer, or to leaving). Outcome `unknown`:
   * the wait known when the call was last seen (a minimum).
   */
  readonly waitSeconds: number;
  /** Whole seconds; null when unanswered, or answered but its end was not seen (talk unknown). */
  readonly talkSeconds: number | null;
  /**
   * Answered with its end unseen (talkSeconds null): the talk known when the call was last
   * seen, a minimum (over 5 minutes when it is over longTalkSeconds). Null otherwise.
   */
  readonly talkAtLeastSeconds: number | null;
  readonly outcome: QueueCallOutcome;
  /**
   * answered: the call-end reason (caller-hangup, agent-hangup, transfer, other), or
   * 'ended-unseen' when its end was not seen; exited: the exit reason (timeout, leave-empty,
   * exit-key, withdraw, other); blocked: the refusal reason (full, join-empty,
   * join-unavailable, other); abandoned: null; unknown: 'gone-at-resync' (a resync view no
   * longer listed it) or 'stale' (no event for staleCallMs).
   */
  readonly reason: string | null;
  /**
   * The wait is an estimate, not the PBX's own figure: an answer inferred from the talk, or a
   * call already talking when the monitor attached whose wait the PBX only gave approximately
   * (Asterisk without queue_log: channel ages — replaced by app_queue's HoldTime when its
   * AgentConnect or AgentComplete arrives, which makes it false). The joinedAt of a call joined
   * before monitoring is the PBX's best indication (queue_log's second, or a channel age).
   */
  readonly estimated: boolean;
  /**
   * The engine did not see this call join: it learned of it from a resync view (a caller
   * waiting or talking when the monitor attached or reconnected).
   */
  readonly joinedBeforeMonitoring: boolean;
  /** 1 for the first emission, +1 for each correction of the same callId. */
  readonly revision: number;
}

/** The fields every stored queue call has; the others may be null or missing (older rows). */
type RestorableRequired = 'callId' | 'contactId' | 'queue' | 'joinedAt' | 'waitSeconds' | 'outcome';

/** What `KpiEngine.restore` accepts: a stored QueueCallRecord (nullable fields tolerated). */
export type RestorableQueueCall = Pick<QueueCallRecord, RestorableRequired> & {
  readonly [K in Exclude<keyof QueueCallRecord, RestorableRequired | 'revision'>]?:
    QueueCallRecord[K] | null;
};

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
   * Epoch ms (PBX clock) from which these calls are every call there was — together with what
   * the PBX link delivers after them (e.g. storage that has recorded since then, or a ledger
   * import). The engine's coverage starts there (the earliest one given wins); without it,
   * coverage starts at the first resync view.
   */
  readonly coveredFrom?: number;
}

/** From when the engine's figures include every call (see KpiEngine.coverage). */
export interface KpiCoverage {
  /** Epoch ms; null before anything was restored with `coveredFrom` or any view was seen. */
  readonly from: number | null;
  /** Today's figures include every call since local midnight (`from` ≤ start of today). */
  readonly complete: boolean;
}
