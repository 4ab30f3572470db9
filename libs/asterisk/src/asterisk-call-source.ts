import type { CallEvent, CallSource, CallSourceListener } from '@hotline/call-events';
import { AmiClient } from './client/ami-client';
import { AmiDisconnectedError } from './client/ami-client-errors';
import type { AmiClientOptions } from './client/ami-client-options';
import { type AmiLogger, silentAmiLogger } from './client/ami-logger';
import { AmiEventMapper, type AmiMappingOptions, amiEventFilters, amiEventTime } from './mapping';
import type { AmiMessage } from './protocol/ami-message';

export interface AsteriskCallSourceOptions {
  ami: AmiClientOptions;
  mapping?: Partial<AmiMappingOptions>;
  /** Ask Asterisk to send only the events the mapper uses (AMI Filter). Default true. */
  filterEvents?: boolean;
  now?: () => number;
}

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
  private resynced = false;
  /** Bumped on every connect and disconnect, so a late resync of an old link is ignored. */
  private linkGeneration = 0;
  private buffered: ReceivedMessage[] = [];
  private mappingErrors = 0;

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
    this.mapper = new AmiEventMapper(options.mapping ?? {});
  }

  get client(): AmiClient {
    return this.amiClient;
  }

  get ready(): boolean {
    return this.resynced && this.amiClient.state === 'connected';
  }

  start(listener: CallSourceListener): void {
    if (this.listener) return;
    this.listener = listener;
    this.amiClient.on('connected', this.onConnected);
    this.amiClient.on('event', this.onEvent);
    this.amiClient.on('disconnected', this.onDisconnected);
    this.amiClient.on('fatal', this.onFatal);
    this.amiClient.start();
  }

  async stop(): Promise<void> {
    await this.amiClient.stop();
    this.amiClient.off('connected', this.onConnected);
    this.amiClient.off('event', this.onEvent);
    this.amiClient.off('disconnected', this.onDisconnected);
    this.amiClient.off('fatal', this.onFatal);
    this.resynced = false;
    this.buffered = [];
    this.listener = undefined;
  }

  private readonly onConnected = (): void => {
    this.linkGeneration += 1;
    this.resynced = false;
    this.listener?.onLink(true, { at: this.now() });
    void this.resync(this.linkGeneration);
  };

  private readonly onEvent = (message: AmiMessage): void => {
    const receivedAt = this.now();
    if (!this.resynced) {
      this.buffered.push({ message, receivedAt });
      return;
    }
    const events = this.map(message, receivedAt);
    if (events.length > 0) this.listener?.onEvents(events);
  };

  private readonly onDisconnected = (info: { reason: string }): void => {
    this.linkGeneration += 1;
    this.resynced = false;
    // Events of a link whose resync never finished are still real history, older than the
    // next link's view: deliver them now rather than drop them or replay them after that view.
    this.flushBuffered();
    this.listener?.onLink(false, { reason: info.reason, at: this.now() });
  };

  private readonly onFatal = (error: Error): void => {
    this.resynced = false;
    this.listener?.onLink(false, { reason: error.message, at: this.now() });
  };

  private async resync(generation: number): Promise<void> {
    try {
      // The view is taken on the PBX's clock: Asterisk's Ping reply carries its Timestamp, and
      // list events do not (manager.c builds them with astman_append). Waits in QueueEntry are
      // relative to it, and the engine must not see a view stamped by a skewed local clock.
      const pong = await this.amiClient.send({ action: 'Ping' });
      const queues = await this.amiClient.sendList({ action: 'QueueStatus' });
      const channels = await this.amiClient.sendList({ action: 'CoreShowChannels' });
      if (generation !== this.linkGeneration || !this.listener) return;
      const at = amiEventTime(pong, this.now());
      const view = this.mapper.buildInFlightView(queues.events, channels.events, at);
      this.listener.onResync(view);
      this.resynced = true;
      this.logger.info(
        {
          waiting: view.waiting.length,
          talking: view.talkingCallIds.length,
          agents: view.agents.length,
          buffered: this.buffered.length,
        },
        'AMI resync done',
      );
      this.flushBuffered();
    } catch (error) {
      if (generation !== this.linkGeneration) return;
      if (error instanceof AmiDisconnectedError) return; // the client reconnects and we resync then
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error }, 'AMI resync failed; reconnecting to try again');
      this.amiClient.reconnect(`resync failed: ${reason}`);
    }
  }

  private flushBuffered(): void {
    if (this.buffered.length === 0) return;
    const pending = this.buffered;
    this.buffered = [];
    const events: CallEvent[] = [];
    for (const { message, receivedAt } of pending) events.push(...this.map(message, receivedAt));
    if (events.length > 0) this.listener?.onEvents(events);
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
