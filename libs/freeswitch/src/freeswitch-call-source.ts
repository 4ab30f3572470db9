import {
  type CallEvent,
  type CallHistory,
  LinkResync,
  type CallSource,
  type CallSourceListener,
  type CallSourceStats,
  EventTypeCounter,
} from '@hotline/call-events';
import { EslClient } from './client/esl-client';
import type { EslClientOptions } from './client/esl-client-options';
import { CdrGapBackfill, type CdrGapBackfillOptions } from './cdr/cdr-gap-backfill';
import { FREESWITCH_CDR_KNOWN_GAPS, type FreeswitchCdrOptions } from './cdr/freeswitch-cdr-ledger';
import { EslError } from './protocol/esl-error';
import type { EslEvent } from './protocol/esl-event';
import { buildInFlightView, parseAgentList } from './mapping/build-in-flight-view';
import { FreeswitchEventMapper } from './mapping/freeswitch-event-mapper';
import type { FreeswitchMappingOptions } from './mapping/freeswitch-mapping-options';

export interface FreeswitchCallSourceOptions {
  readonly esl: EslClientOptions;
  /** mod_callcenter queues to read on resync (`callcenter_config queue list members <queue>`), e.g. `12345@default`. */
  readonly queues: readonly string[];
  readonly mapping?: FreeswitchMappingOptions;
  readonly now?: () => number;
  /**
   * FreeSWITCH's CDR, readable by the monitor: after a reconnect (or a restart restored from
   * storage) the member visits that ended while no link was attached are read from it
   * (CdrGapBackfill). Without it, such a call is closed by the KPI engine as unknown.
   */
  readonly cdr?: FreeswitchCdrOptions;
  /** Tuning of the CDR backfill (margin, settle, follow-up). */
  readonly cdrBackfill?: Omit<CdrGapBackfillOptions, 'cdr'> & {
    /** Real ms between the follow-up reads of the CDR after a gap. Default 5 s. */
    readonly followUpMs?: number;
    /** The CDR is read again until the clock is this far past the view. Default 10 min. */
    readonly lingerMs?: number;
  };
  /** Where the source says what it backfilled and what failed (default: nowhere). */
  readonly log?: FreeswitchSourceLog;
}

/** A structured logger's two levels the source uses (pino's shape). */
export interface FreeswitchSourceLog {
  info(detail: object, message: string): void;
  error(detail: object, message: string): void;
}

const DEFAULT_FOLLOW_UP_MS = 5_000;
const DEFAULT_LINGER_MS = 10 * 60_000;

const SILENT_LOG: FreeswitchSourceLog = { info: () => undefined, error: () => undefined };

interface ReceivedEvent {
  readonly event: EslEvent;
  readonly receivedAt: number;
}

/**
 * FreeSWITCH mod_callcenter as a CallSource: EslClient for the link, FreeswitchEventMapper for
 * the meaning. On every (re)connect it reads the members of each queue, the agents and the
 * tiers, hands the listener that view, and only then the events that arrived meanwhile (the
 * subscription is already active, so nothing falls between the view and the stream). With a
 * CDR (`cdr`), a reconnect — or the first view after a restart restored from storage, or a
 * cluster standby's takeover — also hands over, between the view and those events, the member
 * visits that ended while no link was attached (CdrGapBackfill).
 */
export class FreeswitchCallSource implements CallSource {
  private readonly client: EslClient;
  private readonly mapper: FreeswitchEventMapper;
  private readonly now: () => number;
  private listener: CallSourceListener | undefined;
  private readonly link = new LinkResync<ReceivedEvent>();
  private readonly eventTypes = new EventTypeCounter();
  private readonly backfill: CdrGapBackfill | undefined;
  private readonly log: FreeswitchSourceLog;
  private readonly followUpMs: number;
  private readonly lingerMs: number;
  /** PBX time up to which the listener has the PBX's story, while a gap is open behind the link. */
  private lostAt: number | undefined;
  private lastViewAt = -Infinity;
  private followUpTimer: NodeJS.Timeout | undefined;
  /** The start of the gap a pending follow-up has not read to its end yet. */
  private followUpFrom: number | undefined;

  constructor(private readonly options: FreeswitchCallSourceOptions) {
    for (const queue of options.queues) {
      if (!/^\S+$/.test(queue))
        throw new EslError(
          'ESL_ERR_INJECTION',
          `queue name ${JSON.stringify(queue)} must be one word`,
        );
    }
    this.now = options.now ?? Date.now;
    this.mapper = new FreeswitchEventMapper(options.mapping);
    this.log = options.log ?? SILENT_LOG;
    const { followUpMs, lingerMs, ...backfillOptions } = options.cdrBackfill ?? {};
    this.followUpMs = followUpMs ?? DEFAULT_FOLLOW_UP_MS;
    this.lingerMs = lingerMs ?? DEFAULT_LINGER_MS;
    this.backfill = options.cdr
      ? new CdrGapBackfill({
          ...backfillOptions,
          cdr: { lineVariable: options.mapping?.lineVariable, ...options.cdr },
        })
      : undefined;
    this.client = new EslClient(options.esl, {
      onConnected: () => this.onConnected(),
      onDisconnected: (reason) => this.onDisconnected(reason.message),
      onFatal: (error) => this.onDisconnected(error.message, error.code),
      onEvent: (event, receivedAt) => this.onEvent(event, receivedAt),
    });
  }

  get ready(): boolean {
    return this.link.resynced && this.client.isConnected;
  }

  /** The underlying client, for health reporting. */
  get eslClient(): EslClient {
    return this.client;
  }

  stats(): CallSourceStats {
    return {
      reconnects: this.client.stats.reconnects,
      protocolErrors: this.client.stats.protocolErrors,
      eventsByType: this.eventTypes.counts,
    };
  }

  start(listener: CallSourceListener): void {
    if (this.listener) return;
    this.listener = listener;
    this.client.start();
  }

  stop(): Promise<void> {
    this.stopFollowUp();
    this.client.stop();
    this.link.stopped();
    this.listener = undefined;
    return Promise.resolve();
  }

  private onConnected(): void {
    const generation = this.link.linkUp();
    this.listener?.onLink(true, { at: this.now() });
    void this.resync(generation);
  }

  private onDisconnected(reason: string, code?: string): void {
    const hadStory = this.link.resynced;
    // A follow-up not yet read leaves its part of the last gap open: the next gap starts there.
    const openGap = this.followUpFrom;
    this.stopFollowUp();
    this.link.linkDown();
    // Events of a link whose resync never finished are real history, older than the next view —
    // unless the listener was never prepared (nothing may reach it before its first view).
    if (this.link.prepared) this.flushBuffered();
    else this.link.takeHeld();
    // The listener has the PBX's story up to the last event delivered (PBX time); a link lost
    // again before its resync finished, or before the follow-up read, keeps the earlier point.
    if (this.backfill && (hadStory || this.lostAt === undefined))
      this.lostAt = Math.min(
        Math.max(this.backfill.lastDeliveredAt, this.lastViewAt),
        openGap ?? Infinity,
      );
    this.listener?.onLink(false, { reason, ...(code ? { code } : {}), at: this.now() });
  }

  private onEvent(event: EslEvent, receivedAt: number): void {
    this.eventTypes.count(event.subclass ?? event.name);
    if (this.link.hold({ event, receivedAt })) return;
    const events = this.mapper.map(event, receivedAt);
    if (events.length > 0) this.deliver(events);
  }

  private deliver(events: CallEvent[]): void {
    this.backfill?.noteDelivered(events);
    this.listener?.onEvents(events);
  }

  private async resync(generation: number): Promise<void> {
    try {
      // The lists describe the PBX as of the first request: events that arrive while they are
      // read are newer than the view and are applied on top of it. The view is dated by the
      // PBX's own clock, the one its events and epochs use.
      const at = await this.pbxNow();
      const members: string[] = [];
      for (const queue of this.options.queues)
        members.push(await this.client.api(`callcenter_config queue list members ${queue}`));
      const agents = await this.client.api('callcenter_config agent list');
      const tiers = await this.client.api('callcenter_config tier list');
      if (!this.link.isCurrent(generation) || !this.listener) return;
      if (!this.link.prepared) {
        // The first view: the listener readies itself on the PBX's clock (imports the CDR up to
        // `at`, restores) while the events that arrive meanwhile are held.
        const history = await this.link.preparation(() => this.listener?.prepare?.({ at }));
        if (!this.link.isCurrent(generation) || !this.listener) return;
        this.resumeAfter(history);
        this.link.markPrepared();
      }
      const gapFrom = Number.isFinite(this.lostAt) ? this.lostAt : undefined;
      const candidates = await this.readGap(gapFrom, at - (this.backfill?.settle ?? 0));
      if (!this.link.isCurrent(generation) || !this.listener) return;
      this.mapper.seedAgents(parseAgentList(agents));
      const view = buildInFlightView(members, agents, at, tiers);
      this.mapper.seedMembers(view);
      // Live events held since the connect are mapped first so the backfill leaves out what
      // they already say; the listener still gets view, then backfill, then live events.
      const live = this.mapHeld();
      let backfilled: CallEvent[] = [];
      if (this.backfill) {
        this.backfill.noteView(view);
        this.backfill.noteDelivered(live);
        backfilled = this.backfill.take(candidates);
      }
      this.lastViewAt = view.at;
      this.listener.onResync(view);
      if (backfilled.length > 0) this.listener.onEvents(backfilled);
      if (live.length > 0) this.listener.onEvents(live);
      this.link.viewDelivered();
      this.lostAt = undefined;
      if (gapFrom !== undefined && this.backfill) {
        this.log.info(
          {
            gapFrom,
            viewAt: at,
            backfilled: backfilled.length,
            unknowable: FREESWITCH_CDR_KNOWN_GAPS,
          },
          'ESL resync after a gap: calls that ended meanwhile read from the CDR',
        );
        this.followUp(generation, gapFrom, at);
      }
    } catch (error) {
      if (!this.link.isCurrent(generation)) return;
      if (error instanceof EslError && error.code === 'ESL_ERR_DISCONNECTED') return; // resync on the next link
      this.client.reconnect(
        `resync failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * FreeSWITCH's clock now, epoch ms: `api strmicroepoch` without an argument prints
   * switch_micro_time_now() (mod_dptools), the clock of Event-Date-Timestamp. A FreeSWITCH
   * without it (module not loaded) leaves the local clock, which NTP keeps close.
   */
  private async pbxNow(): Promise<number> {
    const reply = (await this.client.api('strmicroepoch')).trim();
    return /^\d{13,}$/.test(reply) ? Math.floor(Number(reply) / 1000) : this.now();
  }

  private flushBuffered(): void {
    const events = this.mapHeld();
    if (events.length > 0) this.deliver(events);
  }

  private mapHeld(): CallEvent[] {
    return this.link
      .takeHeld()
      .flatMap(({ event, receivedAt }) => this.mapper.map(event, receivedAt));
  }

  /**
   * The listener's finished calls before the first view (restored from storage, or a cluster
   * stream's events): with a CDR, the first view is read like a reconnect after a gap from
   * `history.until`, and what is stored counts as delivered. Without a CDR nothing.
   */
  private resumeAfter(history: CallHistory | undefined): void {
    if (!history || !this.backfill || !Number.isFinite(history.until)) return;
    this.backfill.noteStored(history.calls);
    if (history.delivered) this.backfill.noteDelivered(history.delivered);
    this.lostAt = history.until;
  }

  /** The CDR's visits of the gap; a CDR that cannot be read costs the backfill, not the link. */
  private async readGap(from: number | undefined, until: number): Promise<CallEvent[]> {
    if (!this.backfill || from === undefined || !Number.isFinite(from)) return [];
    try {
      return await this.backfill.gapEvents(from, until);
    } catch (error) {
      this.log.error(
        { err: error, cdr: this.backfill.ledger.description },
        'the CDR could not be read; calls that ended while the link was down stay unknown',
      );
      return [];
    }
  }

  /**
   * The CDR read again for the gap, `settle` after the view and then every `followUpMs` until
   * the PBX clock is `lingerMs` past it: a visit that ended in the last moment before the view
   * had its live event still on its way, and a caller who stayed on the line after leaving the
   * queue (a survey, a transfer out) has its CDR row written only at its hang-up. What the live
   * link gave meanwhile is left out.
   */
  private followUp(generation: number, gapFrom: number, viewAt: number): void {
    const backfill = this.backfill;
    if (!backfill) return;
    this.followUpFrom = gapFrom;
    const poll = async (): Promise<void> => {
      const candidates = await this.readGap(gapFrom, viewAt);
      if (!this.link.isCurrent(generation) || !this.listener || !this.followUpTimer) return;
      const events = backfill.take(candidates);
      if (events.length > 0) this.listener.onEvents(events);
      if (this.now() >= viewAt + this.lingerMs) {
        this.followUpTimer = undefined;
        this.followUpFrom = undefined;
        return;
      }
      this.followUpTimer = setTimeout(() => void poll(), this.followUpMs);
      this.followUpTimer.unref();
    };
    this.followUpTimer = setTimeout(() => void poll(), backfill.settle);
    this.followUpTimer.unref();
  }

  private stopFollowUp(): void {
    if (this.followUpTimer) clearTimeout(this.followUpTimer);
    this.followUpTimer = undefined;
    this.followUpFrom = undefined;
  }
}
