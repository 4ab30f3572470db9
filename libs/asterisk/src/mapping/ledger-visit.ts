/**
 * What the PBX's own ledger (queue_log) says of a queue visit: its join and, once answered, the
 * answer — exact to the whole second, as app_queue logged them. Given to
 * AmiEventMapper.buildInFlightView so the callers waiting or talking in a resync view get their
 * exact times and the call ids queue_log numbers them with.
 */
export interface LedgerVisit {
  /** `<Uniqueid>@<queue>[#n]`, numbered as QueueLogReader (and the mapper) number visits. */
  readonly callId: string;
  readonly uniqueid: string;
  readonly queue: string;
  /** ENTERQUEUE time, epoch ms (whole second). */
  readonly joinedAt: number;
  /** ENTERQUEUE's url field (the lab passes ${HOTLINE} as Queue()'s URL argument). */
  readonly line?: string;
  readonly callerNumber?: string;
  readonly answer?: {
    /** CONNECT time, epoch ms (whole second). */
    readonly at: number;
    /** CONNECT holdtime: app_queue's own wait, whole seconds. */
    readonly waitSeconds: number;
    readonly agent: string;
  };
}
