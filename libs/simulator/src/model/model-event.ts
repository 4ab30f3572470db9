/** Identity of the agent behind a queue member, as Asterisk shows it. */
export interface SimAgent {
  readonly index: number;
  /** MemberName, e.g. agent101 (what queue_log writes as agent). */
  readonly name: string;
  /** Interface / StateInterface, e.g. Local/agent101@agents/n. */
  readonly iface: string;
  readonly queues: readonly string[];
  readonly shift: string;
  loginTime: number;
  lastCall: number;
  lastPause: number;
  callsTaken: number;
  /**
   * The PBX's own wrap-up after each call, whole seconds until it offers the member again
   * (scenario afterCallWork `wrapuptime`); 0: the PBX knows none.
   */
  readonly wrapUpSeconds: number;
  status: AgentStatus;
  pauseReason: string;
}

export type AgentStatus = 'loggedOut' | 'available' | 'ringing' | 'onCall' | 'wrapUp' | 'paused';

/** One contact: the caller's Local channel pair (…;1 is the Linkedid, …;2 is in the queue). */
export interface SimContact {
  readonly linkedid: string;
  /** Uniqueid of the caller channel in the queue (queue_log callid). */
  readonly uniqueid: string;
  /** Local/s@callers-0000000a — without the ;1 / ;2 suffix. */
  readonly channelBase: string;
  readonly callerNumber: string;
  readonly line: string;
  readonly arrivedAt: number;
  /** Absolute instant the caller gives up waiting (spans queues). */
  readonly patienceAt: number;
  readonly talkSeconds: number;
  readonly callerEnds: boolean;
  readonly survey?: number;
  readonly transfer: boolean;
  visits: SimVisit[];
}

/** One queue call: a visit of a contact to a queue. */
export interface SimVisit {
  readonly contact: SimContact;
  readonly queue: string;
  readonly index: number;
  readonly joinedAt: number;
  readonly originalPosition: number;
  /** Set when an agent answers. */
  answeredAt?: number;
  agent?: SimAgent;
  /** Agent channel of the current ring attempt / connected leg. */
  agentChannelBase?: string;
  agentUniqueid?: string;
  /** When that channel was created (app_queue dials the member when the ring starts). */
  agentChannelAt?: number;
  endedAt?: number;
  outcome?: 'answered' | 'abandoned' | 'exited' | 'blocked';
  reason?: string;
  holdTime?: number;
  talkTime?: number;
}

/**
 * What happened in the centre, in the order the PBX would report it. The AMI renderer,
 * the queue_log writer and the truth ledger all consume the same stream.
 */
export type ModelEvent =
  | { readonly type: 'memberAdded'; readonly at: number; readonly agent: SimAgent }
  | { readonly type: 'memberRemoved'; readonly at: number; readonly agent: SimAgent }
  | {
      readonly type: 'memberPaused';
      readonly at: number;
      readonly agent: SimAgent;
      readonly paused: boolean;
      readonly reason: string;
    }
  | { readonly type: 'callerArrived'; readonly at: number; readonly contact: SimContact }
  | {
      readonly type: 'callerJoined';
      readonly at: number;
      readonly visit: SimVisit;
      readonly position: number;
      readonly count: number;
      /** Joined after a blind transfer (the old agent leg is still up). */
      readonly viaTransfer: boolean;
    }
  | {
      readonly type: 'callerRefused';
      readonly at: number;
      readonly visit: SimVisit;
      readonly status: 'FULL' | 'JOINEMPTY';
    }
  | {
      readonly type: 'agentCalled';
      readonly at: number;
      readonly visit: SimVisit;
      readonly agent: SimAgent;
    }
  | {
      readonly type: 'ringNoAnswer';
      readonly at: number;
      readonly visit: SimVisit;
      readonly agent: SimAgent;
      readonly ringMs: number;
    }
  | {
      readonly type: 'ringCanceled';
      readonly at: number;
      readonly visit: SimVisit;
      readonly agent: SimAgent;
      readonly ringMs: number;
    }
  | {
      readonly type: 'agentConnected';
      readonly at: number;
      readonly visit: SimVisit;
      readonly agent: SimAgent;
      readonly holdTime: number;
      readonly ringTime: number;
    }
  | {
      readonly type: 'blindTransfer';
      readonly at: number;
      readonly visit: SimVisit;
      readonly agent: SimAgent;
      readonly toQueue: string;
    }
  | {
      readonly type: 'agentCompleted';
      readonly at: number;
      readonly visit: SimVisit;
      readonly agent: SimAgent;
      readonly holdTime: number;
      readonly talkTime: number;
      readonly reason: 'agent' | 'caller' | 'transfer';
      /** Asterisk sometimes omits the caller (or agent) channel block; see the captures. */
      readonly omitCallerBlock: boolean;
      readonly omitAgentBlock: boolean;
    }
  | {
      readonly type: 'callerLeft';
      readonly at: number;
      readonly visit: SimVisit;
      readonly outcome: 'abandoned' | 'exited';
      /** ABANDON, TIMEOUT, LEAVEEMPTY or KEY. */
      readonly status: 'ABANDON' | 'TIMEOUT' | 'LEAVEEMPTY' | 'KEY';
      readonly position: number;
      readonly holdTime: number;
      /** The caller stays on the line to go to this queue next (overflow). */
      readonly nextQueue?: string;
    }
  | { readonly type: 'callerHungUp'; readonly at: number; readonly contact: SimContact }
  | {
      readonly type: 'survey';
      readonly at: number;
      readonly visit: SimVisit;
      readonly agent: SimAgent;
      readonly score: number;
    };

export type ModelEventType = ModelEvent['type'];
