import {
  type CallEvent,
  type CallHistory,
  type CallSource,
  type CallSourceListener,
  type CallSourceStats,
  EventTypeCounter,
  eventsOfView,
  LinkResync,
} from '@hotline/call-events';
import { AmiClient } from './client/ami-client';
import { AmiDisconnectedError } from './client/ami-client-errors';
import type { AmiClientOptions } from './client/ami-client-options';
import { type AmiLogger, silentAmiLogger } from './client/ami-logger';
import {
  AmiEventMapper,
  type AmiMappingOptions,
  amiEventFilters,
  amiEventTime,
  type LedgerVisit,
} from './mapping';
import type { AmiMessage } from './protocol/ami-message';
import { GapBackfill, type GapBackfillOptions } from './queue-log';

export interface AsteriskCallSourceOptions {
  ami: AmiClientOptions;
  mapping?: Partial<AmiMappingOptions>;
  /** Ask Asterisk to send only the events the mapper uses (AMI Filter). Default true. */
  filterEvents?: boolean;
  now?: () => number;
  /**
   * Asterisk's queue_log file, readable by the monitor: on a reconnect, the calls that moved
   * while the link was down are read from it (GapBackfill). Without it, a call that ended while
   * the monitor was away is closed by the KPI engine with an estimated outcome.
   */
  queueLogPath?: string;
  /** Tuning of the queue_log backfill (margins, follow-up poll). */
  queueLogBackfill?: Omit<GapBackfillOptions, 'queueLog'> & { followUpIntervalMs?: number };
}

const DEFAULT_FOLLOW_UP_INTERVAL_MS = 1_000;

interface ReceivedMessage {
  readonly message: AmiMessage;
  readonly receivedAt: number;
}

/**
 * Asterisk as a CallSource: AmiClient for the link, AmiEventMapper for the meaning. On every
 * (re)connect it reads QueueStatus and CoreShowChannels, hands the listener that view, and
 * only then the events that arrived meanwhile — mapped after the view, in arrival order, so
 * nothing is lost and the view is never overwritten by older state.
 */
export class AsteriskCallSource implements CallSource {
  private readonly amiClient: AmiClient;
  private readonly mapper: AmiEventMapper;
  private readonly now: () => number;
  private listener: CallSourceListener | undefined;
  private readonly link = new LinkResync<ReceivedMessage>();
  private mappingErrors = 0;
  private readonly eventTypes = new EventTypeCounter();
  private readonly backfill: GapBackfill | undefined;
  private readonly followUpIntervalMs: number;
  private followUpTimer: NodeJS.Timeout | undefined;
  private followUpRunning = false;
  /** A link has been resynced before: the next connect is a reconnect, with a gap behind it. */
  private everResynced = false;
  /** The listener was restored from storage: the first view has a gap behind it too. */
  private resumed = false;
  /** The reason the listener was last told the link is down (a retry failing alike is not news). */
  private downReason: string | undefined;
  /** PBX time up to which the listener has the PBX's story (last event or view of the lost link). */
  private lostAt: number | undefined;
  private lastViewAt = -Infinity;

  constructor(
    options: AsteriskCallSourceOptions,
    private readonly logger: AmiLogger = silentAmiLogger,
  ) {
    this.now = options.now ?? Date.now;
    const filterEvents = options.filterEvents ?? true;
    const filters = filterEvents
      ? (options.ami.filters ?? amiEventFilters(options.mapping ?? {}))
      : [];
    this.amiClient = new AmiClient({ ...options.ami, filters }, logger);
    this.amiClient.on('event', (message) => this.eventTypes.count(message.event));
    this.mapper = new AmiEventMapper(options.mapping ?? {});
    const { followUpIntervalMs, ...backfillOptions } = options.queueLogBackfill ?? {};
    this.followUpIntervalMs = followUpIntervalMs ?? DEFAULT_FOLLOW_UP_INTERVAL_MS;
    this.backfill = options.queueLogPath
      ? new GapBackfill({ ...backfillOptions, queueLog: options.queueLogPath })
      : undefined;
  }

  stats(): CallSourceStats {
    return {
      reconnects: this.amiClient.stats.reconnects,
      protocolErrors: this.amiClient.stats.protocolErrors,
      eventsByType: this.eventTypes.counts,
    };
  }

  get ready(): boolean {
    return this.link.resynced && this.amiClient.state === 'connected';
  }

  start(listener: CallSourceListener): void {
    if (this.listener) return;
    this.listener = listener;
    this.amiClient.on('connected', this.onConnected);
    this.amiClient.on('event', this.onEvent);
    this.amiClient.on('disconnected', this.onDisconnected);
    this.amiClient.on('fatal', this.onFatal);
    this.amiClient.on('reconnecting', this.onReconnecting);
    this.amiClient.start();
    this.backfill
      ?.prime()
      .catch((error: unknown) =>
        this.logger.error({ err: error }, 'queue_log could not be read; backfill will retry'),
      );
  }

  async stop(): Promise<void> {
    await this.amiClient.stop();
    this.amiClient.off('connected', this.onConnected);
    this.amiClient.off('event', this.onEvent);
    this.amiClient.off('disconnected', this.onDisconnected);
    this.amiClient.off('fatal', this.onFatal);
    this.amiClient.off('reconnecting', this.onReconnecting);
    this.stopFollowUp();
    await this.backfill?.close();
    this.link.stopped();
    this.listener = undefined;
  }

  private readonly onConnected = (): void => {
    this.downReason = undefined;
    const generation = this.link.linkUp();
    this.listener?.onLink(true, { at: this.now() });
    void this.resync(generation);
  };

  private readonly onEvent = (message: AmiMessage): void => {
    const receivedAt = this.now();
    if (this.link.hold({ message, receivedAt })) return;
    const events = this.map(message, receivedAt);
    if (events.length > 0) this.deliver(events);
  };

  private readonly onDisconnected = (info: { reason: string }): void => {
    const hadStory = this.link.resynced;
    // Calls the last backfill was still following have lines queue_log was not read for yet.
    const followedUntil = this.backfill?.followedUntil;
    this.link.linkDown();
    this.stopFollowUp();
    // Events of a link whose resync never finished are still real history, older than the
    // next link's view: deliver them now rather than drop them or replay them after that view —
    // unless the listener was never prepared (nothing may reach it before its first view).
    if (this.link.prepared) this.flushBuffered();
    else this.link.takeHeld();
    // The listener has the PBX's story up to the last event delivered (PBX time); a link lost
    // again before its resync finished leaves the earlier loss point in place.
    if (hadStory || this.lostAt === undefined) {
      const last = this.backfill?.lastDeliveredAt ?? -Infinity;
      this.lostAt = Math.min(Math.max(last, this.lastViewAt), followedUntil ?? Infinity);
    }
    this.downReason = info.reason;
    this.listener?.onLink(false, { reason: info.reason, at: this.now() });
  };

  private readonly onFatal = (error: Error): void => {
    this.link.holdAgain();
    const code = (error as { code?: unknown }).code;
    this.listener?.onLink(false, {
      reason: error.message,
      ...(typeof code === 'string' ? { code } : {}),
      at: this.now(),
    });
  };

  /** A connection attempt failed (refused, no greeting, Login unanswered): say why, once. */
  private readonly onReconnecting = (info: { reason: string }): void => {
    if (info.reason === this.downReason) return;
    this.downReason = info.reason;
    this.listener?.onLink(false, { reason: info.reason, at: this.now() });
  };

  private async resync(generation: number): Promise<void> {
    try {
      // The view is taken on the PBX's clock: Asterisk's Ping reply carries its Timestamp, and
      // list events do not (manager.c builds them with astman_append). Waits in QueueEntry are
      // relative to it, and the engine must not see a view stamped by a skewed local clock.
      const pong = await this.amiClient.send({ action: 'Ping' });
      const queues = await this.amiClient.sendList({ action: 'QueueStatus' });
      const channels = await this.amiClient.sendList({ action: 'CoreShowChannels' });
      if (!this.link.isCurrent(generation) || !this.listener) return;
      const at = amiEventTime(pong, this.now());
      if (!this.link.prepared) {
        // The first view: the listener readies itself on the PBX's clock (imports its ledger up
        // to `at`, restores) while the events that arrive meanwhile are held.
        const history = await this.link.preparation(() =>
          this.listener?.prepare?.({ at, contactOfChannel: contactsOf(channels.events) }),
        );
        if (!this.link.isCurrent(generation) || !this.listener) return;
        this.resumeAfter(history);
        this.link.markPrepared();
      }
      const gapFrom =
        (this.everResynced || this.resumed) && Number.isFinite(this.lostAt)
          ? this.lostAt
          : undefined;
      let candidates: CallEvent[] = [];
      if (this.backfill && gapFrom !== undefined) {
        candidates = await this.readGap(gapFrom, at, channels.events);
        if (!this.link.isCurrent(generation) || !this.listener) return;
      }
      // Callers waiting or talking now get their exact join and answer (and call ids) from
      // queue_log, on the first connect too: without it a talking caller's are estimates.
      const ledger = await this.readLedger(at);
      if (!this.link.isCurrent(generation) || !this.listener) return;
      // Not yet: this.mapper.noteVisitsSeenElsewhere(backfill.visitsOfGap(...)) — noting before
      // the buffered Joins are mapped renumbered them (#2, an extra call); see the report.
      const view = this.mapper.buildInFlightView(queues.events, channels.events, at, ledger);
      // Live events buffered since the connect are mapped first so the backfill can leave out
      // what they already say; the listener still gets view, then backfill, then live events.
      const live = this.mapBuffered();
      let backfilled: CallEvent[] = [];
      if (this.backfill) {
        this.backfill.noteDelivered(eventsOfView(view));
        this.backfill.noteDelivered(live);
        backfilled = this.backfill.take(candidates);
      }
      this.lastViewAt = view.at;
      this.listener.onResync(view);
      if (backfilled.length > 0) this.listener.onEvents(backfilled);
      if (live.length > 0) this.listener.onEvents(live);
      this.link.viewDelivered();
      this.everResynced = true;
      this.lostAt = undefined;
      this.logger.info(
        {
          waiting: view.waiting.length,
          talking: view.talking.length,
          talkingFromLedger: view.talking.filter((t) => t.times === 'ledger').length,
          agents: view.agents.length,
          buffered: live.length,
          ...(gapFrom !== undefined ? { gapFrom, backfilled: backfilled.length } : {}),
        },
        'AMI resync done',
      );
      if (this.backfill?.following) this.startFollowUp();
    } catch (error) {
      if (!this.link.isCurrent(generation)) return;
      if (error instanceof AmiDisconnectedError) return; // the client reconnects and we resync then
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error }, 'AMI resync failed; reconnecting to try again');
      this.amiClient.reconnect(`resync failed: ${reason}`);
    }
  }

  /**
   * The listener's finished calls before the first view (restored from storage, imported from
   * the ledger). With queue_log, the first view is read like a reconnect after a gap from
   * `history.until`, so calls that moved while no monitor ran (or whose record was not written
   * yet when the last one died) are given once; the stored ones count as delivered. Without
   * queue_log nothing: what happened meanwhile cannot be known.
   */
  private resumeAfter(history: CallHistory | undefined): void {
    if (!history || !this.backfill || !Number.isFinite(history.until)) return;
    this.backfill.noteStored(history.calls);
    if (history.delivered) this.backfill.noteDelivered(history.delivered);
    this.lostAt = history.until;
    this.resumed = true;
  }

  private flushBuffered(): void {
    const events = this.mapBuffered();
    if (events.length > 0) this.deliver(events);
  }

  private mapBuffered(): CallEvent[] {
    const events: CallEvent[] = [];
    for (const { message, receivedAt } of this.link.takeHeld())
      events.push(...this.map(message, receivedAt));
    return events;
  }

  private deliver(events: CallEvent[]): void {
    this.backfill?.noteDelivered(events);
    this.listener?.onEvents(events);
  }

  /** queue_log's visits around the view; a file that cannot be read leaves the estimates. */
  private async readLedger(viewAt: number): Promise<LedgerVisit[]> {
    if (!this.backfill) return [];
    try {
      return await this.backfill.ledgerVisits(viewAt);
    } catch (error) {
      this.logger.error(
        { err: error, path: this.backfill.tail.path },
        'queue_log could not be read; callers talking at the resync get estimated times',
      );
      return [];
    }
  }

  /** queue_log lines of the gap; a file that cannot be read costs the backfill, not the link. */
  private async readGap(
    lostAt: number,
    viewAt: number,
    channels: readonly AmiMessage[],
  ): Promise<CallEvent[]> {
    const backfill = this.backfill;
    if (!backfill) return [];
    const pairs: [string, string][] = [];
    for (const channel of channels) {
      const uniqueid = channel.get('Uniqueid');
      const linkedid = channel.get('Linkedid');
      if (uniqueid && linkedid) pairs.push([uniqueid, linkedid]);
    }
    backfill.noteContacts(pairs, viewAt);
    try {
      return await backfill.backfill(lostAt, viewAt);
    } catch (error) {
      this.logger.error(
        { err: error, path: backfill.tail.path },
        'queue_log could not be read; calls that ended while the link was down will be estimated',
      );
      return [];
    }
  }

  private startFollowUp(): void {
    if (this.followUpTimer || !this.backfill) return;
    this.followUpTimer = setInterval(() => void this.followUp(), this.followUpIntervalMs);
    this.followUpTimer.unref();
  }

  private stopFollowUp(): void {
    if (this.followUpTimer) clearInterval(this.followUpTimer);
    this.followUpTimer = undefined;
    this.backfill?.stopFollowing();
  }

  private async followUp(): Promise<void> {
    const backfill = this.backfill;
    if (!backfill || this.followUpRunning || !this.link.resynced) return;
    this.followUpRunning = true;
    const generation = this.link.current;
    try {
      const events = await backfill.followUp();
      if (this.link.isCurrent(generation) && events.length > 0) this.listener?.onEvents(events);
    } catch (error) {
      this.logger.error({ err: error }, 'queue_log follow-up failed; retrying');
    } finally {
      this.followUpRunning = false;
    }
    if (!backfill.following && this.followUpTimer) {
      clearInterval(this.followUpTimer);
      this.followUpTimer = undefined;
    }
  }

  private map(message: AmiMessage, receivedAt: number): CallEvent[] {
    try {
      return this.mapper.map(message, receivedAt);
    } catch (error) {
      // One event the mapper cannot read must not stop the ones after it.
      this.mappingErrors += 1;
      this.logger.error(
        { err: error, event: message.event, mappingErrors: this.mappingErrors },
        'AMI event could not be mapped; skipped',
      );
      return [];
    }
  }
}

/** Uniqueid → Linkedid of the channels CoreShowChannels listed. */
function contactsOf(channels: readonly AmiMessage[]): Map<string, string> {
  const contacts = new Map<string, string>();
  for (const channel of channels) {
    const uniqueid = channel.get('Uniqueid');
    const linkedid = channel.get('Linkedid');
    if (uniqueid && linkedid) contacts.set(uniqueid, linkedid);
  }
  return contacts;
}
