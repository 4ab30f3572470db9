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
  /**
   * Callers talking to a queue member now, still inside the queue application (Asterisk:
   * bridged inside `Queue()`; FreeSWITCH: member state Answered): answered queue calls whose
   * conversation is going on, whether or not the listener saw them join.
   */
  readonly talking: readonly TalkingCaller[];
  /** Every queue member the PBX knows, with its state. */
  readonly agents: readonly AgentPresence[];
  /** Every queue the PBX has configured, when it says (Asterisk QueueParams), even empty ones. */
  readonly queues?: readonly string[];
}

/**
 * Where the times of a caller in the view come from:
 * - `ledger`: the PBX's own record of this call, the one auditors compare against (Asterisk
 *   queue_log ENTERQUEUE/CONNECT; mod_callcenter's member epochs, which it also writes to the
 *   CDR) — exact to the PBX's whole second;
 * - `estimate`: the best the PBX's live state says (Asterisk channel ages): not exact.
 */
export type ViewTimes = 'ledger' | 'estimate';

export interface WaitingCaller {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line?: string;
  readonly callerNumber?: string;
  /** When the caller joined the queue (PBX time − Wait, or the ledger's entry), epoch ms. */
  readonly joinedAt: number;
}

export interface TalkingCaller {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line?: string;
  readonly callerNumber?: string;
  /** The member the caller is bridged to, when the PBX says. */
  readonly agent?: string;
  /** When the caller joined the queue, epoch ms. */
  readonly joinedAt: number;
  /** When the member answered (the bridge began), epoch ms. */
  readonly answeredAt: number;
  /**
   * Whole seconds from joining to the answer as the ledger has it (queue_log CONNECT holdtime,
   * mod_callcenter bridge − joined epochs); absent when only estimated (then the engine takes
   * the whole PBX seconds between joinedAt and answeredAt).
   */
  readonly waitSeconds?: number;
  readonly times: ViewTimes;
}

export interface AgentPresence {
  readonly agent: string;
  readonly state: AgentState;
  readonly pauseReason?: string;
  readonly queues: readonly string[];
}
