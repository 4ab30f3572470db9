import type { CallEvent, StoredCallParts } from '@hotline/call-events';
import type { LedgerVisit } from '../mapping/ledger-visit';
import { DeliveredCallLedger, uniqueidOf } from './delivered-call-ledger';
import type { QueueLogLine } from './queue-log-line';
import { QueueLogReader } from './queue-log-reader';
import { QueueLogTail } from './queue-log-tail';

export interface GapBackfillOptions {
  /** The queue_log file, or a tail already following it. */
  readonly queueLog: string | QueueLogTail;
  /** Lines from this long before the link was lost are read again (clock skew, lag). Default 60 s. */
  readonly marginMs?: number;
  /** Lines this far back are read for state (visit numbering, open visits). Default 4 h. */
  readonly contextMs?: number;
  /**
   * A queue_log line is taken from the file only once the live link is this far past it
   * (PBX time), so a line whose AMI event is still on its way is not delivered twice. Default 2 s.
   */
  readonly settleMs?: number;
}

const DEFAULT_MARGIN_MS = 60_000;
const DEFAULT_CONTEXT_MS = 4 * 60 * 60 * 1000;
const DEFAULT_SETTLE_MS = 2_000;
/** Events after which a visit is over. */
const ENDS: ReadonlySet<CallEvent['type']> = new Set([
  'call-ended',
  'caller-abandoned',
  'caller-exited',
  'caller-refused',
]);
/** Followed while lines before the view are still to be read (not a call id: has no '@'). */
const BEFORE_VIEW = 'lines-before-the-view';

/**
 * Fills the hole a lost AMI link leaves, from the PBX's own ledger: Asterisk does not replay
 * events after a reconnect, so a call that ended while the monitor was away is unknowable from
 * AMI, but app_queue wrote it to queue_log.
 *
 * Used by AsteriskCallSource on a reconnect (not the first connect): after the resync view,
 * `backfill()` reads queue_log from (link lost − margin) up to the view and gives the call
 * events of those lines that the listener has not had; the ledger of what was delivered
 * (`noteDelivered`, fed with every live event) keeps each part of a call from being given twice.
 * Then `followUp()`, polled while `following`, gives the later lines of the calls that were
 * open at the view: a call answered while away is not known to the AMI mapper (its visit
 * was dropped by the resync), so its end comes from queue_log too.
 *
 * queue_log has no Linkedid: a call's contact is the Linkedid the live link or the resync's
 * CoreShowChannels gave for its channel, else its callid (the caller's Uniqueid — the Linkedid
 * of an inbound call). A visit by a new channel seen only in queue_log (attended transfer)
 * loses its contact grouping. Survey ratings (a dialplan UserEvent) are not in queue_log.
 */
export class GapBackfill {
  readonly tail: QueueLogTail;
  private readonly delivered: DeliveredCallLedger;
  private readonly marginMs: number;
  private readonly contextMs: number;
  private readonly settleMs: number;
  private reader: QueueLogReader | undefined;
  private pendingLines: QueueLogLine[] = [];
  private follow = new Set<string>();
  /** PBX time of the view the last backfill was read for: its later lines belong to the live link. */
  private gapEnd = -Infinity;
  /** PBX time up to which every line has been looked at for the calls followed. */
  private examinedUntil = -Infinity;
  private gapVisits: { readonly all: string[]; readonly open: ReadonlySet<string> } = {
    all: [],
    open: new Set(),
  };

  constructor(options: GapBackfillOptions) {
    this.marginMs = options.marginMs ?? DEFAULT_MARGIN_MS;
    this.contextMs = options.contextMs ?? DEFAULT_CONTEXT_MS;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.tail =
      typeof options.queueLog === 'string'
        ? new QueueLogTail({ path: options.queueLog, retainMs: this.contextMs + this.marginMs })
        : options.queueLog;
    this.delivered = new DeliveredCallLedger(this.contextMs + this.marginMs);
  }

  /** PBX time of the newest event delivered (−Infinity before any): where a lost link left off. */
  get lastDeliveredAt(): number {
    return this.delivered.newestAt;
  }

  /** Calls the last backfill left open are still followed in queue_log. */
  get following(): boolean {
    return this.follow.size > 0;
  }

  /**
   * While following: the PBX time up to which queue_log has been looked at for the calls
   * followed (undefined when not following). A link lost again before followUp() got past a
   * followed call's end must have its next gap start there, not at the last live event: the
   * live link never delivers that end, and the next backfill would start after it.
   */
  get followedUntil(): number | undefined {
    return this.follow.size > 0 ? this.examinedUntil : undefined;
  }

  /** Reads the file once so its offset and recent lines are known before a link is lost. */
  async prime(): Promise<void> {
    await this.tail.read();
  }

  /** Every event the listener got from the live link (or from the resync view). */
  noteDelivered(events: readonly CallEvent[]): void {
    this.delivered.note(events);
  }

  /** Calls the listener had before the source started (restored from storage after a restart). */
  noteStored(calls: Iterable<StoredCallParts>): void {
    this.delivered.noteStored(calls);
  }

  /** Channel → contact pairs (CoreShowChannels Uniqueid → Linkedid), for lines of those channels. */
  noteContacts(pairs: Iterable<readonly [uniqueid: string, contactId: string]>, at: number): void {
    for (const [uniqueid, contactId] of pairs) this.delivered.noteContact(uniqueid, contactId, at);
  }

  /**
   * The call events of the queue_log lines from (lostAt − margin) to (viewAt − settle) that were
   * not delivered yet, in file order; later lines are left to followUp(), which also takes the
   * calls that begin in the last `settle` before the view (their lines were not read here: the
   * live link may still have been delivering them). Call `take()` on the result once the live
   * events buffered meanwhile have been noted.
   */
  async backfill(lostAt: number, viewAt: number): Promise<CallEvent[]> {
    await this.tail.read();
    const reader = new QueueLogReader({ contactIdOf: (u) => this.delivered.contactOf(u) });
    const from = lostAt - this.marginMs;
    const until = viewAt - this.settleMs;
    const candidates: CallEvent[] = [];
    const later: QueueLogLine[] = [];
    // Parts before `from` of the visits still open there: a listener that never had them (a
    // monitor restarted after a crash) needs the join before the answer and the end; the ledger
    // leaves them out for one that had them live.
    const before: CallEvent[] = [];
    const openAtFrom = new Set<string>();
    const takeOpenBefore = () => {
      candidates.push(...before.filter((e) => openAtFrom.has(visitOf(e) ?? '')));
      before.length = 0;
    };
    let reachedFrom = false;
    for (const line of this.tail.linesBetween(lostAt - this.contextMs)) {
      const at = line.epoch * 1000;
      if (at >= until) {
        later.push(line);
        continue;
      }
      const { events } = reader.read(line);
      if (at >= from) {
        if (!reachedFrom) takeOpenBefore();
        reachedFrom = true;
        candidates.push(...events);
        continue;
      }
      for (const event of events) {
        const callId = visitOf(event);
        if (callId === undefined) continue;
        before.push(event);
        if (ENDS.has(event.type)) openAtFrom.delete(callId);
        else openAtFrom.add(callId);
      }
    }
    if (!reachedFrom) takeOpenBefore();
    this.reader = reader;
    this.pendingLines = later;
    this.follow = new Set(reader.openCallIds());
    this.gapEnd = viewAt;
    this.examinedUntil = until;
    this.gapVisits = {
      all: candidates
        .filter((e) => e.type === 'caller-joined-queue' || e.type === 'caller-refused')
        .map((e) => ('callId' in e ? e.callId : '')),
      open: new Set(reader.openCallIds()),
    };
    // A call that begins in [viewAt − settle, viewAt) and is answered or over by the view is in
    // neither the view nor these candidates: followUp() must read it (see there).
    if (later.some((line) => line.epoch * 1000 < viewAt)) this.follow.add(BEFORE_VIEW);
    return candidates;
  }

  /**
   * Every visit queue_log has from `contextMs` before `viewAt` on, with its join and (once
   * logged) its answer — what the resync view's callers are matched with for their exact times
   * and call ids (AmiEventMapper.buildInFlightView), on the first connect as on a reconnect.
   */
  async ledgerVisits(viewAt: number): Promise<LedgerVisit[]> {
    await this.tail.read();
    const reader = new QueueLogReader({ contactIdOf: (u) => this.delivered.contactOf(u) });
    const visits = new Map<string, LedgerVisit>();
    for (const line of this.tail.linesBetween(viewAt - this.contextMs)) {
      for (const event of reader.read(line).events) {
        if (event.type === 'caller-joined-queue') {
          visits.set(event.callId, {
            callId: event.callId,
            uniqueid: uniqueidOf(event.callId),
            queue: event.queue,
            joinedAt: event.at,
            ...(event.line !== undefined ? { line: event.line } : {}),
            ...(event.callerNumber !== undefined ? { callerNumber: event.callerNumber } : {}),
          });
        } else if (event.type === 'agent-answered') {
          const visit = visits.get(event.callId);
          if (visit) {
            const { waitSeconds, agent } = event;
            visits.set(event.callId, { ...visit, answer: { at: event.at, waitSeconds, agent } });
          }
        }
      }
    }
    return [...visits.values()];
  }

  /**
   * Call ids of the visits the last backfill read in the gap, of the given channels (those still
   * up): those over by the end of what was read, or all. The AMI mapper numbers the channels'
   * next visits after them (AmiEventMapper.noteVisitsSeenElsewhere).
   */
  visitsOfGap(channels: ReadonlySet<string>, which: 'over' | 'all'): string[] {
    return this.gapVisits.all.filter(
      (callId) =>
        channels.has(uniqueidOf(callId)) && (which === 'all' || !this.gapVisits.open.has(callId)),
    );
  }

  /** The candidates the listener does not have yet; they count as delivered from now on. */
  take(candidates: readonly CallEvent[]): CallEvent[] {
    const fresh = candidates.filter((event) => !this.delivered.has(event));
    this.delivered.note(fresh);
    this.pruneFollow();
    return fresh;
  }

  /**
   * New queue_log lines of the calls followed since the last backfill, once the live link is
   * `settleMs` past them, that the live link did not deliver. Stops following a call when its
   * end was delivered (either way).
   */
  async followUp(): Promise<CallEvent[]> {
    const reader = this.reader;
    if (!reader || this.follow.size === 0) return [];
    this.pendingLines.push(...(await this.tail.read()));
    const settledBefore = this.delivered.newestAt - this.settleMs;
    const candidates: CallEvent[] = [];
    let used = 0;
    for (const line of this.pendingLines) {
      const at = line.epoch * 1000;
      if (at >= settledBefore) break;
      used++;
      for (const event of reader.read(line).events) {
        const callId = 'callId' in event ? event.callId : undefined;
        if (callId === undefined) continue;
        // Lines before the view: every call is taken (what the live link gave is left out by
        // the ledger) and followed on; a call the live link had from its join is dropped from
        // the follow as soon as the ledger has its end.
        if (at < this.gapEnd && !this.follow.has(callId)) this.follow.add(callId);
        if (this.follow.has(callId)) candidates.push(event);
      }
    }
    this.pendingLines = this.pendingLines.slice(used);
    if (settledBefore > this.examinedUntil) this.examinedUntil = settledBefore;
    if (this.examinedUntil >= this.gapEnd) this.follow.delete(BEFORE_VIEW);
    return this.take(candidates);
  }

  /** Stops following (the link was lost again, or the source stops). */
  stopFollowing(): void {
    this.follow.clear();
    this.reader = undefined;
    this.pendingLines = [];
    this.gapEnd = -Infinity;
    this.examinedUntil = -Infinity;
    this.gapVisits = { all: [], open: new Set() };
  }

  async close(): Promise<void> {
    this.stopFollowing();
    await this.tail.close();
  }

  private pruneFollow(): void {
    for (const callId of this.follow)
      if (this.delivered.finished(callId)) this.follow.delete(callId);
    if (this.follow.size === 0) this.stopFollowing();
  }
}

/** The queue call an event is a part of (a rating may name none). */
function visitOf(event: CallEvent): string | undefined {
  return 'callId' in event ? event.callId : undefined;
}
