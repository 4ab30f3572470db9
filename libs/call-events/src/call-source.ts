import type { CallEvent } from './call-event';
import type { CallSourceStats } from './call-source-stats';
import type { PbxInFlightView } from './pbx-in-flight-view';

/** Receives what a call source produces, in order, on the event loop. */
export interface CallSourceListener {
  /** Call events in PBX order; only delivered after the link's first resync. */
  onEvents(events: CallEvent[]): void;
  /** What is in flight after a (re)connect; events that follow apply on top of it. */
  onResync(view: PbxInFlightView): void;
  /**
   * The link went up or down, or a connection attempt failed (`up` false again, a new
   * `reason`). `code` is the client's stable error code when it has one (e.g.
   * AMI_ERR_AUTH_FAILED, AMI_ERR_NOT_ASTERISK, ESL_ERR_AUTH): health checks report it.
   */
  onLink(up: boolean, detail: { reason?: string; code?: string; at: number }): void;
  /**
   * Optional; awaited once per source, on its first resync, after the PBX's state was read at
   * `view.at` (the PBX's clock) and before the view is handed over: the listener readies itself
   * on the PBX's clock (the monitor imports its ledger up to then and restores its stored calls)
   * and says which finished calls it has. A source that can read what happened while nobody
   * watched (Asterisk's queue_log) treats that first view as a reconnect after a gap that
   * began at `history.until`, and gives only what the listener does not have. Events received
   * before it resolves are held; those of a link lost before it resolved are dropped (the next
   * link's view and the ledger tell that story).
   */
  prepare?(view: FirstView): Promise<CallHistory>;
}

/** What a source tells of its first view before handing it over (CallSourceListener.prepare). */
export interface FirstView {
  /** PBX time the view was read at, epoch ms. */
  readonly at: number;
  /**
   * The contact of every channel up then (Asterisk: Uniqueid → Linkedid), for a ledger that
   * names no contacts (queue_log): its earlier visits of a caller still on the line then join
   * the contact the live link gives the later ones.
   */
  readonly contactOfChannel?: ReadonlyMap<string, string>;
}

/**
 * The port every PBX adapter implements (Asterisk AMI, FreeSWITCH ESL, the simulator), so
 * the monitor does not care which PBX it watches.
 */
export interface CallSource {
  /** Connects in the background and keeps reconnecting; never throws. */
  start(listener: CallSourceListener): void;
  stop(): Promise<void>;
  /** Connected and resynced: the live state reflects the PBX. */
  readonly ready: boolean;
  /** The link's counters (reconnects, protocol errors, events by type) for /metrics. */
  stats(): CallSourceStats;
}

/** A finished queue call the listener already has, by its parts a call source can tell. */
export interface StoredCallParts {
  readonly callId: string;
  readonly contactId: string;
  readonly joinedAt: number;
  /** When the visit ended (for a blocked call: when it was refused). */
  readonly endedAt: number;
}

/** What the listener has before a source's first view: finished calls, complete up to `until`. */
export interface CallHistory {
  /**
   * PBX time up to which every finished call is stored (the latest end stored, or how far an
   * import of the ledger reached); −Infinity when nothing is known.
   */
  readonly until: number;
  readonly calls: readonly StoredCallParts[];
  /**
   * Call events the listener has beyond those calls (a cluster ingest taking over: what its
   * predecessor appended to the site's stream): a source that backfills leaves them out and
   * takes their contacts, as it does for events it delivered itself.
   */
  readonly delivered?: readonly CallEvent[];
}
