import {
  type CallEvent,
  DeliveredCalls,
  type PbxInFlightView,
  type StoredCallParts,
  eventsOfView,
} from '@hotline/call-events';
import type { CdrVisit } from './cdr-member-visit';
import { FreeswitchCdrLedger, type FreeswitchCdrOptions } from './freeswitch-cdr-ledger';

export interface CdrGapBackfillOptions {
  /** The CDR to read (mod_cdr_csv / mod_json_cdr with mod_callcenter's cc_* variables). */
  readonly cdr: FreeswitchCdrOptions | FreeswitchCdrLedger;
  /** Visits that ended this long before the link was lost are read again (clock skew). Default 60 s. */
  readonly marginMs?: number;
  /**
   * A visit that ended this close before the view is left to the follow-up read: its live
   * event may still be on its way, and must be noted before the CDR row is taken. Default 2 s.
   */
  readonly settleMs?: number;
  /** The host's clock (file modification times), epoch ms. Default Date.now. */
  readonly hostNow?: () => number;
}

const DEFAULT_MARGIN_MS = 60_000;
const DEFAULT_SETTLE_MS = 2_000;
/** A queue call lasts less than this: its join is remembered as delivered until it is over. */
const MAX_CALL_MS = 12 * 60 * 60 * 1000;
/** Files are skipped only when last written this long before the gap (host and PBX clocks differ a little). */
const FILE_CLOCK_SLACK_MS = 60 * 60 * 1000;

/**
 * Fills the hole a lost ESL link leaves, from FreeSWITCH's own CDR: FreeSWITCH does not replay
 * events after a reconnect, and the `callcenter_config` lists show only who is still in a
 * queue, so a member who left while the monitor was away is unknowable from ESL — but
 * mod_cdr_csv wrote the caller leg, with mod_callcenter's cc_* epochs, when it hung up.
 *
 * Used by FreeswitchCallSource after a reconnect (or the first view after a restart restored
 * from storage, or a cluster standby's takeover): `gapEvents()` gives the call events (join,
 * answer or cancel, end; cdrMemberVisit) of the member visits whose CDR row says they ended
 * between the loss and the view, in PBX time order; `take()` leaves out every part of a call
 * the listener already has — from the live link, the view, storage or the cluster stream
 * (DeliveredCalls) — so an end seen live and in the CDR counts once. A visit still in flight
 * at the view has no CDR row yet: it stays with the view and the live link.
 *
 * What the CDR cannot tell is not given: rings and ring-no-answers, the hang-up side (an
 * answered call ends with reason 'other'), the agent's wrap-up (the monitor's default
 * applies), survey ratings; and a caller moved to another queue leaves only its last visit
 * (FREESWITCH_CDR_KNOWN_GAPS) — an earlier visit that ended unseen stays closed as unknown.
 */
export class CdrGapBackfill {
  readonly ledger: FreeswitchCdrLedger;
  private readonly delivered = new DeliveredCalls(MAX_CALL_MS);
  private readonly marginMs: number;
  private readonly settleMs: number;
  private readonly hostNow: () => number;

  constructor(options: CdrGapBackfillOptions) {
    this.ledger =
      options.cdr instanceof FreeswitchCdrLedger
        ? options.cdr
        : new FreeswitchCdrLedger(options.cdr);
    this.marginMs = options.marginMs ?? DEFAULT_MARGIN_MS;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.hostNow = options.hostNow ?? Date.now;
  }

  /** PBX time of the newest event delivered (−Infinity before any): where a lost link left off. */
  get lastDeliveredAt(): number {
    return this.delivered.newestAt;
  }

  /** How close before a view a visit's end is left to the follow-up read. */
  get settle(): number {
    return this.settleMs;
  }

  /** Every event the listener got from the live link. */
  noteDelivered(events: readonly CallEvent[]): void {
    this.delivered.note(events);
  }

  /** The joins and answers the listener takes from a resync view. */
  noteView(view: PbxInFlightView): void {
    this.delivered.note(eventsOfView(view));
  }

  /** Calls the listener had before the source started (restored from storage). */
  noteStored(calls: Iterable<StoredCallParts>): void {
    this.delivered.noteStored(calls);
  }

  /**
   * The call events of the CDR's member visits that ended in [lostAt − margin, until) (PBX
   * time), in time order; not yet filtered by what was delivered (take()).
   */
  async gapEvents(lostAt: number, until: number): Promise<CallEvent[]> {
    const from = lostAt - this.marginMs;
    const writtenSince = this.hostNow() - Math.max(0, until - from) - FILE_CLOCK_SLACK_MS;
    const visits: CdrVisit[] = [];
    for await (const visit of this.ledger.memberVisits(writtenSince)) visits.push(visit);
    return visitsEndedBetween(visits, from, until);
  }

  /** The candidates the listener does not have yet; they count as delivered from now on. */
  take(candidates: readonly CallEvent[]): CallEvent[] {
    const fresh = candidates.filter((event) => !this.delivered.has(event));
    this.delivered.note(fresh);
    return fresh;
  }
}

/**
 * The events of the visits whose last event (their end) is in [from, until), sorted by time;
 * a visit's own events keep their order (join ≤ answer ≤ end). A CDR file may hold a leg twice
 * (a rotated copy): the first of a call id counts.
 */
export function visitsEndedBetween(
  visits: Iterable<CdrVisit>,
  from: number,
  until: number,
): CallEvent[] {
  const seen = new Set<string>();
  const events: CallEvent[] = [];
  for (const visit of visits) {
    const end = visit.events.at(-1);
    if (!end || end.at < from || end.at >= until) continue;
    const callId = ('callId' in end ? end.callId : undefined) ?? '';
    if (seen.has(callId)) continue;
    seen.add(callId);
    events.push(...visit.events);
  }
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index)
    .map(({ event }) => event);
}
