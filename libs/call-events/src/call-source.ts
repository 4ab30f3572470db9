import type { CallEvent } from './call-event';
import type { PbxInFlightView } from './pbx-in-flight-view';

/** Receives what a call source produces, in order, on the event loop. */
export interface CallSourceListener {
  /** Call events in PBX order; only delivered after the link's first resync. */
  onEvents(events: CallEvent[]): void;
  /** What is in flight after a (re)connect; events that follow apply on top of it. */
  onResync(view: PbxInFlightView): void;
  onLink(up: boolean, detail: { reason?: string; at: number }): void;
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
}
