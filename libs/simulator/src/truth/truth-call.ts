/** Outcome of one queue call, as the spec defines it. */
export type TruthOutcome = 'answered' | 'abandoned' | 'exited' | 'blocked';

/**
 * One queue call as the simulated PBX really handled it: one JSON line of truth.jsonl.
 * Wait and talk are whole seconds, exactly the HoldTime / TalkTime put on AMI and in queue_log.
 */
export interface TruthCall {
  /** Asterisk Uniqueid of the caller channel in the queue (queue_log callid). */
  readonly uniqueid: string;
  /** Contact id: the Asterisk Linkedid. */
  readonly linkedid: string;
  readonly queue: string;
  /** HOTLINE value (integrated line). */
  readonly line: string;
  /** Visit number within the contact, 0 first. */
  readonly visit: number;
  readonly callerNumber: string;
  /** MemberName of the agent who answered. */
  readonly agent?: string;
  /** Epoch ms. */
  readonly joinedAt: number;
  readonly answeredAt?: number;
  readonly endedAt: number;
  readonly waitSeconds: number;
  readonly talkSeconds?: number;
  readonly outcome: TruthOutcome;
  /** agent|caller|transfer (answered), ABANDON, TIMEOUT, LEAVEEMPTY, KEY, FULL, JOINEMPTY. */
  readonly reason: string;
  /** Post-call survey score 1–5, when the caller left one. */
  readonly survey?: number;
}
