import type { AgentState } from './call-event';

/**
 * What the PBX says is in flight right now, read on every (re)connect (Asterisk:
 * QueueStatus + CoreShowChannels; FreeSWITCH: callcenter_config list). The KPI engine
 * rebuilds its live state from it and closes calls whose end it missed while away.
 */
export interface PbxInFlightView {
  /** PBX time the view was taken, epoch ms. */
  readonly at: number;
  /** Callers waiting in a queue now. */
  readonly waiting: readonly WaitingCaller[];
  /** Queue calls that were answered and whose conversation is still going on. */
  readonly talkingCallIds: readonly string[];
  /** Every queue member the PBX knows, with its state. */
  readonly agents: readonly AgentPresence[];
  /** Every queue the PBX has configured, when it says (Asterisk QueueParams), even empty ones. */
  readonly queues?: readonly string[];
}

export interface WaitingCaller {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line?: string;
  readonly callerNumber?: string;
  /** When the caller joined the queue (PBX time − Wait), epoch ms. */
  readonly joinedAt: number;
}

export interface AgentPresence {
  readonly agent: string;
  readonly state: AgentState;
  readonly pauseReason?: string;
  readonly queues: readonly string[];
}
