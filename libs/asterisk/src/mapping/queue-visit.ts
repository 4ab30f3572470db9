/**
 * One caller channel's visit to one queue while the mapper still needs to remember it.
 *
 * `status` follows app_queue's order of events (Asterisk 22, shared captures):
 * - waiting: after QueueCallerJoin;
 * - left: QueueCallerLeave with no QueueCallerAbandon — an answer is on its way (app_queue
 *   sends Leave *before* AgentConnect when a member answers);
 * - abandon-pending: QueueCallerAbandon seen; hang-up or timeout/leave-empty is not known yet
 *   (app_queue sends it for all of them — record_abandoned() in app_queue.c);
 * - talking: AgentConnect seen, AgentComplete not yet.
 */
export type QueueVisitStatus = 'waiting' | 'left' | 'abandon-pending' | 'talking';

export interface QueueVisit {
  readonly callId: string;
  readonly uniqueid: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line?: string;
  /** PBX time of the join; a visit opened from a resync view takes its QueueCallerJoin's once seen. */
  joinedAt: number;
  /** Dialplan context at join; a Leave in another context is a key exit (the queue's `context=`). */
  readonly joinContext?: string;
  status: QueueVisitStatus;
  /**
   * Opened from a resync view (a QueueEntry, or a caller bridged inside Queue()), its
   * QueueCallerJoin not seen. That Join may still be among the events buffered while the view
   * was read (it reached the monitor after the connect but app_queue had the caller in its
   * lists already): it is this visit's, not a new one.
   */
  joinUnseen?: boolean;
  /**
   * Opened as talking from a resync view: its answer (AgentConnect, with app_queue's exact
   * HoldTime) may still be among the events buffered while the lists were read.
   */
  answerUnseen?: boolean;
  abandonedAt?: number;
  abandonWaitSeconds?: number;
  memberInterface?: string;
  agent?: string;
  /** The member's channel (AgentConnect DestUniqueid), to match an AgentComplete without the caller block. */
  destUniqueid?: string;
}
