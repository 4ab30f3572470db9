import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { ReconnectBackoff } from '@hotline/call-events';
import {
  encodeApi,
  encodeAuth,
  encodeBgapi,
  encodeEventSubscription,
} from '../protocol/esl-command';
import { EslDecoder } from '../protocol/esl-decoder';
import { readEslGreeting } from '../protocol/esl-greeting';
import { EslError, EslProtocolError } from '../protocol/esl-error';
import type { EslMessage } from '../protocol/esl-message';
import type { EslClientListener, EslClientState } from './esl-client-listener';
import {
  DEFAULT_ESL_CUSTOM_SUBCLASSES,
  DEFAULT_ESL_EVENT_NAMES,
  ESL_CLIENT_DEFAULTS,
  type EslClientOptions,
} from './esl-client-options';

/** A command awaiting its reply. FreeSWITCH answers commands strictly in order, one reply each. */
interface PendingReply {
  readonly kind: 'auth' | 'subscribe' | 'api' | 'bgapi';
  readonly resolve: (message: EslMessage) => void;
  readonly reject: (error: Error) => void;
  /** Timed out: its late reply is still consumed (to keep the order) and dropped. */
  settled: boolean;
}

interface PendingJob {
  readonly resolve: (body: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Event Socket client (inbound mode) over node:net: authenticates, subscribes to exactly the
 * events the monitor maps, watches the link (FreeSWITCH HEARTBEAT events, else an `api status`
 * probe with a timeout), reconnects with jittered exponential backoff, runs `api`/`bgapi` with
 * timeouts, and rejects every pending command when the link drops. A refused password is fatal:
 * retrying would only fill FreeSWITCH's log (and trip fail2ban-style guards).
 */
export class EslClient {
  private readonly commandTimeoutMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly heartbeatTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly now: () => number;
  private socket: Socket | undefined;
  private replies: PendingReply[] = [];
  private readonly jobs = new Map<string, PendingJob>();
  /** Reconnect attempts scheduled after a lost or failed connection; frames not parsed. */
  readonly stats = { reconnects: 0, protocolErrors: 0 };
  private currentState: EslClientState = 'idle';
  private readonly backoff: ReconnectBackoff;
  private lastReceivedAt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private probing = false;
  /** Why the current socket is closing (its 'error'), for the disconnect reason. */
  private closeError: Error | undefined;

  constructor(
    private readonly options: EslClientOptions,
    private readonly listener: EslClientListener = {},
  ) {
    this.commandTimeoutMs = options.commandTimeoutMs ?? ESL_CLIENT_DEFAULTS.commandTimeoutMs;
    this.heartbeatIntervalMs =
      options.heartbeatIntervalMs ?? ESL_CLIENT_DEFAULTS.heartbeatIntervalMs;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? ESL_CLIENT_DEFAULTS.heartbeatTimeoutMs;
    this.connectTimeoutMs = options.connectTimeoutMs ?? ESL_CLIENT_DEFAULTS.connectTimeoutMs;
    this.backoff = new ReconnectBackoff(options.reconnect, options.random);
    this.now = options.now ?? Date.now;
  }

  get state(): EslClientState {
    return this.currentState;
  }

  get isConnected(): boolean {
    return this.currentState === 'connected';
  }

  start(): void {
    if (this.currentState !== 'idle' && this.currentState !== 'stopped') return;
    this.open();
  }

  /** Closes the link for good; pending commands are rejected. */
  stop(): void {
    this.currentState = 'stopped';
    this.clearTimers();
    this.socket?.destroy();
    this.socket = undefined;
    this.failPending(new EslError('ESL_ERR_DISCONNECTED', 'client stopped'));
  }

  /** Drops the current link (e.g. after a failed resync); the usual backoff reconnects. */
  reconnect(reason: string): void {
    this.socket?.destroy(new EslError('ESL_ERR_DISCONNECTED', reason));
  }

  /** `api <command>`: the body of the api/response. Rejects on timeout, disconnect, or when not connected. */
  async api(command: string, timeoutMs = this.commandTimeoutMs): Promise<string> {
    const reply = await this.send('api', encodeApi(command), timeoutMs);
    return reply.body;
  }

  /** `bgapi <command>`: the body of the BACKGROUND_JOB event carrying the result. */
  bgapi(command: string, timeoutMs = this.commandTimeoutMs): Promise<string> {
    const jobUuid = randomUUID();
    let frame: string;
    try {
      frame = encodeBgapi(command, jobUuid);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.jobs.delete(jobUuid);
        reject(
          new EslError('ESL_ERR_TIMEOUT', `bgapi ${command} got no result within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.jobs.set(jobUuid, { resolve, reject, timer });
      this.send('bgapi', frame, timeoutMs).then(
        (reply) => {
          if (!reply.replyText?.startsWith('+OK'))
            this.settleJob(jobUuid, undefined, commandFailed('bgapi', reply));
        },
        (error: Error) => this.settleJob(jobUuid, undefined, error),
      );
    });
  }

  private send(kind: PendingReply['kind'], frame: string, timeoutMs: number): Promise<EslMessage> {
    const socket = this.socket;
    if (!socket || (this.currentState !== 'connected' && kind !== 'auth' && kind !== 'subscribe')) {
      return Promise.reject(
        new EslError('ESL_ERR_NOT_CONNECTED', `not connected to FreeSWITCH (${this.currentState})`),
      );
    }
    return new Promise<EslMessage>((resolve, reject) => {
      const pending: PendingReply = {
        kind,
        settled: false,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        pending.settled = true;
        reject(
          new EslError(
            'ESL_ERR_TIMEOUT',
            `${frame.split('\n')[0].split(' ')[0]} got no reply within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.replies.push(pending);
      socket.write(frame);
    });
  }

  private open(): void {
    this.currentState = this.backoff.attempts === 0 ? 'connecting' : 'reconnecting';
    const decoder = new EslDecoder({ maxMessageBytes: this.options.maxMessageBytes });
    const socket = connect({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    this.closeError = undefined;
    socket.setNoDelay(true);
    // Nothing is sent before the greeting says this is FreeSWITCH: the password must never
    // reach another service listening on the configured port.
    let greeting: Buffer | undefined = Buffer.alloc(0);
    this.connectTimer = setTimeout(
      () =>
        socket.destroy(
          new EslError(
            'ESL_ERR_TIMEOUT',
            greeting
              ? `no Event Socket greeting (Content-Type: auth/request) within ${this.connectTimeoutMs} ms`
              : `password or event subscription not answered within ${this.connectTimeoutMs} ms`,
          ),
        ),
      this.connectTimeoutMs,
    );
    socket.on('data', (received: Buffer) => {
      this.lastReceivedAt = this.now();
      let chunk = received;
      if (greeting) {
        greeting = Buffer.concat([greeting, received]);
        const first = readEslGreeting(greeting);
        if (first.kind === 'incomplete') return;
        if (first.kind === 'foreign' || first.kind === 'rejected') {
          this.fatal(
            first.kind === 'rejected'
              ? new EslError(
                  'ESL_ERR_REJECTED',
                  `FreeSWITCH at ${this.options.host}:${this.options.port} refused this client's address (text/rude-rejection): allow it in event_socket.conf.xml apply-inbound-acl; not retrying`,
                )
              : new EslError(
                  'ESL_ERR_NOT_FREESWITCH',
                  `the server at ${this.options.host}:${this.options.port} is not a FreeSWITCH Event Socket: it greeted with "${first.excerpt}" instead of "Content-Type: auth/request"; check pbx.freeswitch.host and port (usually 8021); password not sent, not retrying`,
                ),
          );
          return;
        }
        chunk = greeting;
        greeting = undefined;
      }
      let messages: EslMessage[];
      try {
        messages = decoder.push(chunk);
      } catch (error) {
        this.stats.protocolErrors++;
        socket.destroy(error instanceof EslProtocolError ? error : new Error(String(error)));
        return;
      }
      for (const message of messages) {
        if (this.socket !== socket) return;
        this.onMessage(socket, message);
      }
    });
    socket.on('error', (error: Error) => {
      // The 'close' that always follows carries the consequence; this is its reason.
      if (this.socket === socket) this.closeError ??= error;
    });
    socket.on('close', (hadError) => this.onClose(socket, hadError));
  }

  private onMessage(socket: Socket, message: EslMessage): void {
    switch (message.contentType) {
      case 'auth/request':
        this.authenticate(socket);
        return;
      case 'command/reply':
      case 'api/response':
        this.replies.shift()?.resolve(message);
        return;
      case 'text/event-plain':
        if (message.event) this.onEvent(message);
        return;
      case 'text/disconnect-notice':
        // FreeSWITCH is closing this session (shutdown, `nolinger`); 'close' will follow.
        socket.end();
        return;
      case undefined:
      default:
        return;
    }
  }

  private onEvent(message: EslMessage): void {
    const event = message.event;
    if (!event) return;
    const jobUuid = event.name === 'BACKGROUND_JOB' ? event.get('Job-UUID') : undefined;
    if (jobUuid && this.jobs.has(jobUuid)) {
      this.settleJob(jobUuid, event.body);
      return;
    }
    this.listener.onEvent?.(event, this.lastReceivedAt);
  }

  private authenticate(socket: Socket): void {
    const subscription = encodeEventSubscription(
      this.options.eventNames ?? DEFAULT_ESL_EVENT_NAMES,
      this.options.customSubclasses ?? DEFAULT_ESL_CUSTOM_SUBCLASSES,
    );
    this.send('auth', encodeAuth(this.options.password), this.connectTimeoutMs)
      .then((reply) => {
        if (!reply.replyText?.startsWith('+OK')) {
          this.fatal(
            new EslError(
              'ESL_ERR_AUTH',
              `FreeSWITCH refused the Event Socket password (${reply.replyText ?? 'no reply text'}); not retrying — check event_socket.conf.xml`,
            ),
          );
          return undefined;
        }
        return this.send('subscribe', subscription, this.connectTimeoutMs);
      })
      .then((reply) => {
        if (!reply || this.socket !== socket) return;
        if (!reply.replyText?.startsWith('+OK')) {
          this.fatal(commandFailed(`event subscription ${subscription.trim()}`, reply));
          return;
        }
        clearTimeout(this.connectTimer);
        this.currentState = 'connected';
        this.backoff.reset();
        this.startHeartbeat(socket);
        this.listener.onConnected?.();
      })
      .catch((error: Error) => {
        // Timeout or drop during the handshake: 'close' (now or after destroy) schedules the retry.
        if (this.socket === socket) socket.destroy(error);
      });
  }

  private startHeartbeat(socket: Socket): void {
    this.heartbeatTimer = setInterval(
      () => {
        if (this.probing || this.socket !== socket) return;
        if (this.now() - this.lastReceivedAt < this.heartbeatIntervalMs) return;
        this.probing = true;
        this.api('status', this.heartbeatTimeoutMs)
          .catch((error: Error) => {
            if (this.socket === socket)
              socket.destroy(new EslError('ESL_ERR_TIMEOUT', `heartbeat failed: ${error.message}`));
          })
          .finally(() => (this.probing = false));
      },
      Math.max(10, Math.floor(this.heartbeatIntervalMs / 2)),
    );
  }

  private onClose(socket: Socket, _hadError: boolean): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    this.clearTimers();
    const cause = this.closeError;
    this.closeError = undefined;
    const reason = new EslError(
      'ESL_ERR_DISCONNECTED',
      `connection to ${this.options.host}:${this.options.port} closed${cause ? `: ${cause.message}` : ''}`,
    );
    this.failPending(reason);
    if (this.currentState === 'failed' || this.currentState === 'stopped') return;
    this.listener.onDisconnected?.(reason);
    const delay = this.backoff.next();
    this.stats.reconnects++;
    this.currentState = 'reconnecting';
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }

  private fatal(error: EslError): void {
    this.currentState = 'failed';
    this.clearTimers();
    this.socket?.destroy();
    this.socket = undefined;
    this.failPending(error);
    this.listener.onFatal?.(error);
  }

  private failPending(error: Error): void {
    const replies = this.replies;
    this.replies = [];
    for (const pending of replies) if (!pending.settled) pending.reject(error);
    for (const jobUuid of [...this.jobs.keys()]) this.settleJob(jobUuid, undefined, error);
  }

  private settleJob(jobUuid: string, body: string | undefined, error?: Error): void {
    const job = this.jobs.get(jobUuid);
    if (!job) return;
    this.jobs.delete(jobUuid);
    clearTimeout(job.timer);
    if (error) job.reject(error);
    else job.resolve(body ?? '');
  }

  private clearTimers(): void {
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.connectTimer);
    clearInterval(this.heartbeatTimer);
    this.reconnectTimer = undefined;
    this.connectTimer = undefined;
    this.heartbeatTimer = undefined;
    this.probing = false;
  }
}

function commandFailed(what: string, reply: EslMessage): EslError {
  return new EslError('ESL_ERR_COMMAND_FAILED', `${what}: ${reply.replyText ?? reply.body.trim()}`);
}
