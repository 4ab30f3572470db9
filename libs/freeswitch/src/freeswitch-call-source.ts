import {
  type CallEvent,
  LinkResync,
  type CallSource,
  type CallSourceListener,
  type CallSourceStats,
  EventTypeCounter,
} from '@hotline/call-events';
import { EslClient } from './client/esl-client';
import type { EslClientOptions } from './client/esl-client-options';
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
}

interface ReceivedEvent {
  readonly event: EslEvent;
  readonly receivedAt: number;
}

/**
 * FreeSWITCH mod_callcenter as a CallSource: EslClient for the link, FreeswitchEventMapper for
 * the meaning. On every (re)connect it reads the members of each queue, the agents and the
 * tiers, hands the listener that view, and only then the events that arrived meanwhile (the
 * subscription is already active, so nothing falls between the view and the stream).
 */
export class FreeswitchCallSource implements CallSource {
  private readonly client: EslClient;
  private readonly mapper: FreeswitchEventMapper;
  private readonly now: () => number;
  private listener: CallSourceListener | undefined;
  private readonly link = new LinkResync<ReceivedEvent>();
  private readonly eventTypes = new EventTypeCounter();

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
    this.link.linkDown();
    // Events of a link whose resync never finished are real history, older than the next view —
    // unless the listener was never prepared (nothing may reach it before its first view).
    if (this.link.prepared) this.flushBuffered();
    else this.link.takeHeld();
    this.listener?.onLink(false, { reason, ...(code ? { code } : {}), at: this.now() });
  }

  private onEvent(event: EslEvent, receivedAt: number): void {
    this.eventTypes.count(event.subclass ?? event.name);
    if (this.link.hold({ event, receivedAt })) return;
    const events = this.mapper.map(event, receivedAt);
    if (events.length > 0) this.listener?.onEvents(events);
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
        await this.link.preparation(() => this.listener?.prepare?.({ at }));
        if (!this.link.isCurrent(generation) || !this.listener) return;
        this.link.markPrepared();
      }
      this.mapper.seedAgents(parseAgentList(agents));
      const view = buildInFlightView(members, agents, at, tiers);
      this.mapper.seedMembers(view);
      this.listener.onResync(view);
      this.link.viewDelivered();
      this.flushBuffered();
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
    return /^\d{13,}$/.test(reply) ? Number(reply) / 1000 : this.now();
  }

  private flushBuffered(): void {
    const pending = this.link.takeHeld();
    if (pending.length === 0) return;
    const events: CallEvent[] = pending.flatMap(({ event, receivedAt }) =>
      this.mapper.map(event, receivedAt),
    );
    if (events.length > 0) this.listener?.onEvents(events);
  }
}
