/**
 * The PBX-neutral call events. Adapters (Asterisk AMI, FreeSWITCH ESL) translate PBX events
 * into these and nothing else; the KPI engine consumes only these.
 *
 * Identity: a *queue call* is one visit of one contact to one queue (`callId`, unique per
 * visit and stable across replays of the same PBX events); a *contact* is the caller's call
 * end to end (`contactId`: Asterisk Linkedid, FreeSWITCH call UUID). Times are epoch
 * milliseconds on the PBX clock. Waits and talk times are whole seconds as the PBX records
 * them in its own ledger (queue_log / CDR), because auditors compare against that ledger.
 */
export type CallEvent =
  | CallerJoinedQueue
  | AgentRinging
  | AgentRingNoAnswer
  | AgentAnswered
  | CallEnded
  | CallerAbandoned
  | CallerExited
  | CallerRefused
  | AgentStateChanged
  | SurveyRated;

export type CallEventType = CallEvent['type'];

export interface CallerJoinedQueue {
  readonly type: 'caller-joined-queue';
  readonly at: number;
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  /** The integrated hotline (热线) the caller dialled; undefined when the PBX did not say. */
  readonly line?: string;
  readonly callerNumber?: string;
  readonly callerName?: string;
  /** 1-based position on joining, as the PBX reports it. */
  readonly position?: number;
}

export interface AgentRinging {
  readonly type: 'agent-ringing';
  readonly at: number;
  readonly callId: string;
  readonly queue: string;
  readonly agent: string;
}

export interface AgentRingNoAnswer {
  readonly type: 'agent-ring-no-answer';
  readonly at: number;
  readonly callId: string;
  readonly queue: string;
  readonly agent: string;
  readonly ringSeconds: number;
}

export interface AgentAnswered {
  readonly type: 'agent-answered';
  readonly at: number;
  readonly callId: string;
  readonly queue: string;
  readonly agent: string;
  /** Seconds from joining the queue to the answer (Asterisk HoldTime). */
  readonly waitSeconds: number;
}

export type CallEndReason = 'caller-hangup' | 'agent-hangup' | 'transfer' | 'other';

export interface CallEnded {
  readonly type: 'call-ended';
  readonly at: number;
  readonly callId: string;
  readonly queue: string;
  readonly agent: string;
  readonly talkSeconds: number;
  readonly reason: CallEndReason;
  /**
   * The wait the PBX reports with the end (Asterisk AgentComplete HoldTime), given when the
   * adapter never saw the answer (a call already talking when it attached): it replaces an
   * estimated wait.
   */
  readonly waitSeconds?: number;
  /**
   * The wrap-up the PBX itself holds this agent in after this call, when the PBX says it:
   * whole seconds from the PBX's second of the end until it offers the agent a call again
   * (Asterisk: the member's own `Wrapuptime`, app_queue get_wrapuptime; FreeSWITCH: the
   * agent's `wrap_up_time` + 1, mod_callcenter compares strictly). Undefined when it does not
   * (a queue's `wrapuptime` is not on AMI): the monitor's `agents.wrapUpSeconds` then applies
   * (libs/kpi after-call-work.ts).
   */
  readonly wrapUpSeconds?: number;
}

export interface CallerAbandoned {
  readonly type: 'caller-abandoned';
  readonly at: number;
  readonly callId: string;
  readonly queue: string;
  readonly waitSeconds: number;
}

export type ExitReason = 'timeout' | 'leave-empty' | 'exit-key' | 'withdraw' | 'other';

export interface CallerExited {
  readonly type: 'caller-exited';
  readonly at: number;
  readonly callId: string;
  readonly queue: string;
  readonly waitSeconds: number;
  readonly reason: ExitReason;
}

export type RefusalReason = 'full' | 'join-empty' | 'join-unavailable' | 'other';

/** The queue refused the caller: a queue call that never joined (blocked, 呼损). */
export interface CallerRefused {
  readonly type: 'caller-refused';
  readonly at: number;
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line?: string;
  readonly reason: RefusalReason;
}

/**
 * `wrap-up` is after-call work (话后): the PBX's own wrap-up after a call, or a pause whose
 * reason the config maps to after-call work. Other pauses (小休, 培训, 会议…) are `paused` with
 * their reason.
 */
export type AgentState = 'logged-out' | 'available' | 'ringing' | 'on-call' | 'wrap-up' | 'paused';

export interface AgentStateChanged {
  readonly type: 'agent-state-changed';
  readonly at: number;
  readonly agent: string;
  readonly state: AgentState;
  /** Pause reason (话后/小休/培训/会议…) as the PBX reports it, when state is 'paused'. */
  readonly pauseReason?: string;
  /** The queues the agent is a member of, when the PBX says. */
  readonly queues?: readonly string[];
  /**
   * When the agent's last call ended by the PBX's own whole-second clock, when it says
   * (Asterisk QueueMemberStatus `LastCall`, app_queue's `lastcall`): its wrap-up counts from it.
   */
  readonly lastCallEndedAt?: number;
}

export interface SurveyRated {
  readonly type: 'survey-rated';
  readonly at: number;
  /** Stable id of the rating itself, so a replayed rating is recognised. */
  readonly ratingId: string;
  readonly queue: string;
  readonly agent?: string;
  readonly contactId?: string;
  readonly callId?: string;
  /** Key pressed, 1–5 on the usual scale (5 best). */
  readonly score: number;
}

/** Events that belong to one queue call. */
export type QueueCallEvent = Extract<CallEvent, { readonly callId: string }>;

export function isQueueCallEvent(event: CallEvent): event is QueueCallEvent {
  return 'callId' in event && typeof event.callId === 'string' && event.type !== 'survey-rated';
}
