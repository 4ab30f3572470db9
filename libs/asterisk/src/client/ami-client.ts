import { EventEmitter } from 'node:events';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ReconnectBackoff } from '@hotline/call-events';
import { AmiDecoder, AmiProtocolError, encodeAction, readAmiGreeting } from '../protocol';
import type { AmiAction, AmiMessage } from '../protocol/ami-message';
import { ActionIdGenerator } from './action-id-generator';
import {
  AmiActionError,
  AmiAuthError,
  AmiCredentialsError,
  AmiDisconnectedError,
  AmiNotAsteriskError,
  AmiTimeoutError,
} from './ami-client-errors';
import {
  type AmiClientOptions,
  type ResolvedAmiClientOptions,
  resolveAmiClientOptions,
} from './ami-client-options';
import { type AmiLogger, silentAmiLogger } from './ami-logger';
import { type ListResult, PendingActions } from './pending-actions';

export type AmiClientState =
  'idle' | 'connecting' | 'authenticating' | 'connected' | 'reconnecting' | 'stopped' | 'failed';

export interface AmiClientEvents {
  /** Logged in, event mask and filters set: actions may be sent. */
  connected: [info: { banner?: string; at: number }];
  /** A connected session ended (not emitted for failed connection attempts). */
  disconnected: [info: { reason: string; at: number }];
  /** An AMI event that is not part of an action's event list. */
  event: [message: AmiMessage];
  /**
   * The client gave up for good: AmiAuthError (login refused), AmiNotAsteriskError (another
   * service on the port), AmiCredentialsError (CR/LF in them); state is 'failed'.
   */
  fatal: [error: Error];
  /** A frame the decoder rejected; it was skipped and the client keeps running. */
  protocolError: [error: AmiProtocolError];
  stateChange: [state: AmiClientState, previous: AmiClientState];
  /** A reconnect is scheduled after `delayMs`; `attempt` counts from 1 since the last stable link. */
  reconnecting: [info: { attempt: number; delayMs: number; reason: string }];
}

export interface AmiClientStats {
  /** Sessions that got as far as 'connected'. */
  connects: number;
  /** Reconnect attempts scheduled after a lost or failed connection. */
  reconnects: number;
  eventsReceived: number;
  protocolErrors: number;
  /** Date.now() of the last event received. */
  lastEventAt?: number;
}

export interface AmiSendOptions {
  timeoutMs?: number;
}

/** One TCP connection and what the client learned on it. */
interface Session {
  readonly socket: Socket;
  bannerSeen: boolean;
  banner?: string;
  /** Bytes received before the greeting line was complete. */
  greeting: Buffer;
  greetingTimer?: NodeJS.Timeout;
  closeReason?: string;
  connectedAt?: number;
  connectTimer?: NodeJS.Timeout;
  heartbeatTimer?: NodeJS.Timeout;
}

const LOGOFF_TIMEOUT_MS = 2_000;
const CLOSE_GRACE_MS = 1_000;

/**
 * Asterisk Manager Interface client over TCP: banner, Login, event mask, filters, Ping
 * heartbeat, reconnect with jittered exponential backoff, ActionID correlation with
 * per-action timeouts. A refused login is fatal; every other failure is retried.
 */
export class AmiClient extends EventEmitter<AmiClientEvents> {
  readonly stats: AmiClientStats = {
    connects: 0,
    reconnects: 0,
    eventsReceived: 0,
    protocolErrors: 0,
  };

  private readonly options: ResolvedAmiClientOptions;
  private readonly decoder: AmiDecoder;
  private readonly ids = new ActionIdGenerator();
  private readonly pending = new PendingActions();
  private readonly backoff: ReconnectBackoff;
  private readonly loggedProtocolErrors = new Set<string>();
  private currentState: AmiClientState = 'idle';
  private session: Session | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private filtersDisabled = false;
  /** A Login left unanswered was logged at warn since the last good session (log once). */
  private loginTimeoutLogged = false;

  constructor(
    options: AmiClientOptions,
    private readonly logger: AmiLogger = silentAmiLogger,
  ) {
    super();
    this.options = resolveAmiClientOptions(options);
    this.decoder = new AmiDecoder({ maxMessageBytes: this.options.maxMessageBytes });
    this.backoff = new ReconnectBackoff(this.options.reconnect, this.options.random);
  }

  get state(): AmiClientState {
    return this.currentState;
  }

  private get endpoint(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** Connects in the background; never throws. Does nothing if already running. */
  start(): void {
    if (
      this.currentState !== 'idle' &&
      this.currentState !== 'stopped' &&
      this.currentState !== 'failed'
    )
      return;
    this.stopping = false;
    this.backoff.reset();
    this.connect();
  }

  /** Logs off if connected, closes the socket, rejects pending actions; no reconnect. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const session = this.session;
    if (session) {
      clearTimeout(session.heartbeatTimer);
      session.closeReason ??= 'client stopped';
      if (this.currentState === 'connected') {
        try {
          await this.sendOn(
            session,
            { action: 'Logoff' },
            false,
            Math.min(this.options.actionTimeoutMs, LOGOFF_TIMEOUT_MS),
          );
        } catch {
          // The PBX may close before answering Goodbye; we are leaving either way.
        }
      }
      await this.close(session, 'client stopped');
    }
    this.pending.rejectAll('client stopped');
    if (this.currentState !== 'failed') this.setState('stopped');
  }

  /** Sends an action and resolves with its Response. */
  send(action: AmiAction, options: AmiSendOptions = {}): Promise<AmiMessage> {
    return this.sendPublic(action, false, options).then((result) => result.response);
  }

  /** Sends a list action (QueueStatus, CoreShowChannels, …) and collects its events up to `EventList: Complete`. */
  sendList(
    action: AmiAction,
    options: AmiSendOptions = {},
  ): Promise<{ response: AmiMessage; events: AmiMessage[] }> {
    return this.sendPublic(action, true, options);
  }

  /** Drops the current link and reconnects after the backoff delay (e.g. when a resync failed). */
  reconnect(reason: string): void {
    if (this.session) this.dropLink(this.session, reason);
  }

  private sendPublic(
    action: AmiAction,
    list: boolean,
    options: AmiSendOptions,
  ): Promise<ListResult> {
    const session = this.session;
    if (this.currentState !== 'connected' || session === undefined || this.stopping) {
      return Promise.reject(
        new AmiDisconnectedError(action.action, `not connected (state ${this.currentState})`),
      );
    }
    return this.sendOn(session, action, list, options.timeoutMs ?? this.options.actionTimeoutMs);
  }

  private sendOn(
    session: Session,
    action: AmiAction,
    list: boolean,
    timeoutMs: number,
  ): Promise<ListResult> {
    const actionId = this.ids.next();
    let bytes: Buffer;
    try {
      bytes = encodeAction(action, actionId);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (session.socket.destroyed || !session.socket.writable) {
      return Promise.reject(new AmiDisconnectedError(action.action, 'socket closed'));
    }
    const answer = this.pending.add(actionId, action.action, list, timeoutMs);
    // A failed write surfaces as the socket's 'error' + 'close', which rejects every pending action.
    session.socket.write(bytes);
    return answer;
  }

  private connect(): void {
    this.setState('connecting');
    // A half message left over from the previous connection must never merge into this one.
    this.decoder.reset();
    let socket: Socket;
    try {
      socket = connect({ host: this.options.host, port: this.options.port });
    } catch (error) {
      // Only invalid options (e.g. a port out of range) throw synchronously: retrying cannot help.
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const session: Session = { socket, bannerSeen: false, greeting: Buffer.alloc(0) };
    this.session = session;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    session.connectTimer = setTimeout(
      () =>
        this.dropLink(
          session,
          `TCP connect not completed within ${this.options.connectTimeoutMs} ms`,
        ),
      this.options.connectTimeoutMs,
    );
    socket.on('connect', () => {
      clearTimeout(session.connectTimer);
      // Nothing is sent before the greeting says this is Asterisk (readAmiGreeting): the
      // credentials must never reach another service listening on the configured port.
      session.greetingTimer = setTimeout(
        () =>
          this.dropLink(
            session,
            `no AMI greeting ("Asterisk Call Manager/…") within ${this.options.connectTimeoutMs} ms`,
          ),
        this.options.connectTimeoutMs,
      );
    });
    socket.on('data', (chunk: Buffer) => this.onData(session, chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      session.closeReason ??= error.code ? `${error.code}: ${error.message}` : error.message;
    });
    socket.on('close', () => this.onClose(session));
  }

  private onData(session: Session, chunk: Buffer): void {
    if (this.session !== session) return;
    if (!session.bannerSeen) {
      session.greeting = Buffer.concat([session.greeting, chunk]);
      const greeting = readAmiGreeting(session.greeting);
      if (greeting.kind === 'incomplete') return;
      clearTimeout(session.greetingTimer);
      if (greeting.kind === 'foreign') {
        this.fail(new AmiNotAsteriskError(this.endpoint, greeting.excerpt));
        return;
      }
      session.bannerSeen = true;
      session.banner = greeting.banner;
      chunk = session.greeting;
      session.greeting = Buffer.alloc(0);
      if (this.currentState === 'connecting') void this.handshake(session);
    }
    for (const result of this.decoder.push(chunk)) {
      if (result.ok) this.onMessage(session, result.message);
      else this.onProtocolError(result.error);
      // A handler may have closed this session mid-chunk (fatal login); the rest is stale.
      if (this.session !== session) return;
    }
  }

  private onMessage(session: Session, message: AmiMessage): void {
    if (isBanner(message)) {
      // `Asterisk Call Manager/11.0.0`: the greeting line (already checked in onData).
      this.logger.debug({ banner: session.banner, endpoint: this.endpoint }, 'AMI banner received');
      return;
    }
    if (this.pending.accept(message)) return;
    if (message.event !== undefined) {
      this.stats.eventsReceived += 1;
      this.stats.lastEventAt = Date.now();
      try {
        this.emit('event', message);
      } catch (error) {
        // A throwing consumer must not stop the events behind this one in the same chunk.
        this.logger.error(
          { err: error, event: message.event },
          'AMI event listener threw; event skipped',
        );
      }
      return;
    }
    this.logger.debug(
      { message: message.toJSON() },
      'AMI response for no pending action (late or foreign); ignored',
    );
  }

  private onProtocolError(error: AmiProtocolError): void {
    this.stats.protocolErrors += 1;
    const context = {
      code: error.code,
      excerpt: error.excerpt,
      endpoint: this.endpoint,
      count: this.stats.protocolErrors,
    };
    if (this.loggedProtocolErrors.has(error.code)) {
      this.logger.debug(context, 'AMI protocol error, frame skipped');
    } else {
      this.loggedProtocolErrors.add(error.code);
      this.logger.warn(
        context,
        `AMI protocol error, frame skipped (further ${error.code} errors are logged at debug level)`,
      );
    }
    try {
      this.emit('protocolError', error);
    } catch (listenerError) {
      this.logger.error({ err: listenerError }, 'AMI protocolError listener threw');
    }
  }

  private async handshake(session: Session): Promise<void> {
    this.setState('authenticating');
    const { username, secret } = this.options;
    try {
      await this.sendOn(
        session,
        // No events until the filters are in place (see below).
        { action: 'Login', headers: { Username: username, Secret: secret, Events: 'off' } },
        false,
        this.options.actionTimeoutMs,
      );
    } catch (error) {
      if (this.session !== session) return;
      if (error instanceof AmiActionError) {
        this.fail(new AmiAuthError(username, this.endpoint, error.response.get('Message')));
      } else if (error instanceof AmiProtocolError) {
        // The encoder refused the Login (CR/LF in a value): retrying cannot change that.
        this.fail(new AmiCredentialsError(error.message));
      } else {
        const reason = `login not answered: ${errorMessage(error)}`;
        if (!this.loginTimeoutLogged) {
          this.loginTimeoutLogged = true;
          this.logger.warn(
            { endpoint: this.endpoint, banner: session.banner, reason },
            'AMI Login not answered: the PBX greeted but never answered the Login (overloaded, or a proxy in between?); retrying, further ones are logged at info',
          );
        }
        this.dropLink(session, reason);
      }
      return;
    }
    try {
      // Filters first, events on last. Asterisk applies each Filter as it is added, so with
      // events already on, the events between the first whitelist filter and the last were
      // dropped by the PBX: a QueueCallerAbandon passed while its caller's Hangup (a later
      // filter) did not, and that caller waited in the figures until a resync closed it.
      if (!(await this.addFilters(session))) return;
      await this.sendOn(
        session,
        { action: 'Events', headers: { EventMask: this.options.events } },
        false,
        this.options.actionTimeoutMs,
      );
    } catch (error) {
      if (this.session === session)
        this.dropLink(session, `session setup failed: ${errorMessage(error)}`);
      return;
    }
    if (this.session !== session || this.stopping) return;
    session.connectedAt = performance.now();
    this.stats.connects += 1;
    this.loginTimeoutLogged = false;
    this.setState('connected');
    this.logger.info(
      { endpoint: this.endpoint, banner: session.banner, connects: this.stats.connects },
      'AMI connected',
    );
    this.scheduleHeartbeat(session);
    this.emit('connected', { banner: session.banner, at: Date.now() });
  }

  /**
   * Adds the event filters. Returns false when the link was dropped. AMI has no way to remove
   * a filter, and whitelist filters drop every event that matches none of them; so if the PBX
   * refuses a filter after accepting others, this session would silently lose events: it is
   * dropped and the next one runs unfiltered.
   */
  private async addFilters(session: Session): Promise<boolean> {
    if (this.filtersDisabled) return true;
    let added = 0;
    for (const filter of this.options.filters) {
      try {
        await this.sendOn(
          session,
          { action: 'Filter', headers: { Operation: 'Add', Filter: filter } },
          false,
          this.options.actionTimeoutMs,
        );
        added += 1;
      } catch (error) {
        if (!(error instanceof AmiActionError)) throw error;
        this.filtersDisabled = true;
        const context = {
          endpoint: this.endpoint,
          filter,
          pbxMessage: error.response.get('Message'),
        };
        if (added === 0) {
          this.logger.warn(
            context,
            'PBX refused the AMI Filter action (manager.conf needs write=system for it); running unfiltered',
          );
          return true;
        }
        this.logger.error(
          { ...context, added },
          'PBX refused an AMI filter after accepting others; reconnecting unfiltered',
        );
        this.dropLink(session, 'partial event filter');
        return false;
      }
    }
    return true;
  }

  private scheduleHeartbeat(session: Session): void {
    const { heartbeatIntervalMs, heartbeatTimeoutMs } = this.options;
    if (heartbeatIntervalMs <= 0) return;
    session.heartbeatTimer = setTimeout(() => {
      this.sendOn(session, { action: 'Ping' }, false, heartbeatTimeoutMs).then(
        () => {
          if (this.session === session && this.currentState === 'connected')
            this.scheduleHeartbeat(session);
        },
        (error: unknown) => {
          if (this.session !== session) return;
          if (error instanceof AmiTimeoutError)
            this.dropLink(session, `heartbeat: no answer to Ping within ${heartbeatTimeoutMs} ms`);
          else if (error instanceof AmiActionError) this.scheduleHeartbeat(session); // any answer proves the link is alive
        },
      );
    }, heartbeatIntervalMs);
  }

  private dropLink(session: Session, reason: string): void {
    session.closeReason ??= reason;
    session.socket.destroy();
  }

  private onClose(session: Session): void {
    clearTimeout(session.connectTimer);
    clearTimeout(session.greetingTimer);
    clearTimeout(session.heartbeatTimer);
    if (this.session !== session) return;
    this.session = undefined;
    this.decoder.reset();
    const reason = session.closeReason ?? 'connection closed by the PBX';
    this.pending.rejectAll(`link lost: ${reason}`);
    const wasConnected = this.currentState === 'connected';
    if (wasConnected) {
      if (
        session.connectedAt !== undefined &&
        performance.now() - session.connectedAt >= this.options.stableConnectionMs
      ) {
        this.backoff.reset();
      }
      this.logger.warn({ endpoint: this.endpoint, reason }, 'AMI link lost');
      this.emit('disconnected', { reason, at: Date.now() });
    }
    if (this.stopping || this.currentState === 'failed') return;
    this.scheduleReconnect(reason);
  }

  private scheduleReconnect(reason: string): void {
    const delayMs = this.backoff.next();
    const attempt = this.backoff.attempts;
    this.stats.reconnects += 1;
    this.setState('reconnecting');
    this.logger.info(
      { endpoint: this.endpoint, reason, attempt, delayMs },
      'AMI reconnect scheduled',
    );
    this.emit('reconnecting', { attempt, delayMs, reason });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopping) this.connect();
    }, delayMs);
  }

  private fail(error: Error): void {
    this.setState('failed');
    this.logger.error(
      { endpoint: this.endpoint, code: (error as { code?: unknown }).code },
      error.message,
    );
    if (this.session) this.dropLink(this.session, error.message);
    this.emit('fatal', error);
  }

  private close(session: Session, reason: string): Promise<void> {
    if (session.socket.destroyed) return Promise.resolve();
    session.closeReason ??= reason;
    return new Promise<void>((resolve) => {
      const force = setTimeout(() => session.socket.destroy(), CLOSE_GRACE_MS);
      session.socket.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      session.socket.end();
    });
  }

  private setState(state: AmiClientState): void {
    const previous = this.currentState;
    if (previous === state) return;
    this.currentState = state;
    this.emit('stateChange', state, previous);
  }
}

/** The decoder hands the greeting line on as a message with a single `Banner` header. */
function isBanner(message: AmiMessage): boolean {
  return message.get('Banner') !== undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
