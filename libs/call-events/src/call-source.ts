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
  /**
   * Optional, called before start(): the listener already has these finished queue calls (the
   * monitor restored them from storage after a restart). A source that can read what happened
   * while nobody watched (Asterisk's queue_log) treats its first connect as a reconnect after a
   * gap that began at `history.until`, and gives only what the listener does not have.
   */
  resumeAfter?(history: CallHistory): void;
}

/** A finished queue call the listener already has, by its parts a call source can tell. */
export interface StoredCallParts {
  readonly callId: string;
  readonly contactId: string;
  readonly joinedAt: number;
  /** When the visit ended (for a blocked call: when it was refused). */
  readonly endedAt: number;
}

/** What the listener already has when a source starts: finished calls, complete up to `until`. */
export interface CallHistory {
  /** PBX time up to which every finished call is among `calls` (the latest end stored). */
  readonly until: number;
  readonly calls: readonly StoredCallParts[];
}
