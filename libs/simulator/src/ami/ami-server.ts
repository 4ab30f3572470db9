import type { Socket } from 'node:net';
import { SessionServer } from '../net/session-server';
import { header } from './ami-action-parser';
import { amiTimestamp, encodeFrame, type AmiFrame } from './ami-frame';
import { AmiSession } from './ami-session';
import {
  coreShowChannelsResponse,
  queueStatusResponse,
  queueSummaryResponse,
} from './list-responses';
import type { PbxStateView } from './pbx-state-view';

export interface AmiServerOptions {
  readonly host?: string;
  /** 0 = any free port. */
  readonly port?: number;
  readonly username?: string;
  readonly secret?: string;
  /** manager.conf timestampevents: add the Timestamp header (simulated time). */
  readonly timestampEvents?: boolean;
  /** manager.conf channelvars=HOTLINE (for CoreShowChannels). */
  readonly channelVars?: boolean;
}

export const AMI_GREETING = 'Asterisk Call Manager/11.0.0';

type Headers = ReadonlyArray<readonly [string, string]>;

/**
 * A TCP server that speaks AMI like Asterisk 22: greeting, Login, Events, Ping, Filter,
 * QueueStatus / QueueSummary / CoreShowChannels event lists, Logoff, and events broadcast
 * to every logged-in client from its connect on. Faults are methods (see faults/).
 */
export class AmiServer extends SessionServer<AmiSession> {
  private duplicateRemaining = 0;
  private eventsHeld = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly options: Required<AmiServerOptions>;

  private constructor(
    options: AmiServerOptions,
    private readonly view: PbxStateView,
  ) {
    super(options.host ?? '127.0.0.1');
    this.options = {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      username: options.username ?? 'monitor',
      secret: options.secret ?? 'monitor',
      timestampEvents: options.timestampEvents ?? true,
      channelVars: options.channelVars ?? true,
    };
  }

  static async listen(options: AmiServerOptions, view: PbxStateView): Promise<AmiServer> {
    const server = new AmiServer(options, view);
    await server.listener.open(server.options.port);
    return server;
  }

  get clientCount(): number {
    return this.sessions.size;
  }

  protected accept(socket: Socket): AmiSession {
    const session = new AmiSession(socket);
    socket.on('data', (chunk) => {
      for (const action of session.parser.feed(chunk)) this.handle(session, action);
    });
    socket.write(`${AMI_GREETING}\r\n`);
    this.emit('connection', session);
    return session;
  }

  private respond(session: AmiSession, headers: Headers): void {
    session.write(encodeFrame(headers));
  }

  private handle(session: AmiSession, action: Array<[string, string]>): void {
    const name = (header(action, 'Action') ?? '').toLowerCase();
    const actionId = header(action, 'ActionID');
    const id: Array<[string, string]> = actionId === undefined ? [] : [['ActionID', actionId]];
    if (name === 'login') {
      const ok =
        header(action, 'Username') === this.options.username &&
        header(action, 'Secret') === this.options.secret;
      if (!ok) {
        // manager.c: astman_send_error(s, m, "Authentication failed"), then the session ends.
        this.respond(session, [['Response', 'Error'], ...id, ['Message', 'Authentication failed']]);
        session.socket.end();
        return;
      }
      session.authenticated = true;
      session.setEventMask(header(action, 'Events'));
      this.respond(session, [
        ['Response', 'Success'],
        ...id,
        ['Message', 'Authentication accepted'],
      ]);
      if (session.eventMask !== 'none') {
        this.respond(session, [
          ['Event', 'FullyBooted'],
          ['Privilege', 'system,all'],
          ['Uptime', '6'],
          ['LastReload', '6'],
          ['Status', 'Fully Booted'],
        ]);
      }
      this.emit('login', session);
      return;
    }
    if (name === 'logoff') {
      this.respond(session, [
        ['Response', 'Goodbye'],
        ...id,
        ['Message', 'Thanks for all the fish.'],
      ]);
      session.socket.end();
      return;
    }
    if (!session.authenticated) {
      this.respond(session, [['Response', 'Error'], ...id, ['Message', 'Authentication Required']]);
      return;
    }
    switch (name) {
      case 'ping':
        this.respond(session, [
          ['Response', 'Success'],
          ...id,
          ['Ping', 'Pong'],
          ['Timestamp', amiTimestamp(this.view.now())],
        ]);
        return;
      case 'events': {
        session.setEventMask(header(action, 'EventMask'));
        this.respond(session, [
          ['Response', 'Success'],
          ...id,
          ['Events', session.eventMask === 'none' ? 'Off' : 'On'],
        ]);
        return;
      }
      case 'filter': {
        const operation = (header(action, 'Operation') ?? 'Add').toLowerCase();
        const expression = header(action, 'Filter');
        if (operation !== 'add' || !expression || !session.filter.add(expression)) {
          this.respond(session, [['Response', 'Error'], ...id, ['Message', 'Filter Not Added']]);
          return;
        }
        this.respond(session, [
          ['Response', 'Success'],
          ...id,
          ['Message', 'Filter Added Successfully'],
        ]);
        return;
      }
      case 'queuestatus':
        for (const h of queueStatusResponse(this.view, actionId, header(action, 'Queue')))
          this.respond(session, h);
        return;
      case 'queuesummary':
        for (const h of queueSummaryResponse(this.view, actionId, header(action, 'Queue')))
          this.respond(session, h);
        return;
      case 'coreshowchannels':
        for (const h of coreShowChannelsResponse(this.view, actionId, this.options.channelVars))
          this.respond(session, h);
        return;
      default:
        this.respond(session, [
          ['Response', 'Error'],
          ...id,
          ['Message', 'Invalid/unknown command'],
        ]);
    }
  }

  /** Sends an event to every logged-in client whose mask and filters let it through. */
  broadcast(frame: AmiFrame): void {
    if (this.sessions.size === 0) return;
    const headers = this.options.timestampEvents
      ? frame.headers
      : frame.headers.filter(([k]) => k !== 'Timestamp');
    this.broadcastRaw(encodeFrame(headers), headers.find(([k]) => k === 'Privilege')?.[1]);
  }

  /** Sends already-encoded event bytes (replay) to every client that wants them. */
  broadcastRaw(data: Buffer, privilege: string | undefined): void {
    if (this.sessions.size === 0) return;
    const text = data.toString('utf8');
    const copies = this.duplicateRemaining > 0 ? 2 : 1;
    if (this.duplicateRemaining > 0) this.duplicateRemaining--;
    for (const session of this.sessions) {
      if (!session.wantsEvent(privilege, text)) continue;
      for (let i = 0; i < copies; i++) session.writeEvent(data);
    }
  }

  // ------------------------------------------------------------------ faults

  /** The next `count` events are sent twice. */
  duplicateNext(count: number): void {
    this.duplicateRemaining += count;
  }

  /** Events are held back for `ms` (responses still flow), then sent in order. */
  delayEvents(ms: number): void {
    if (this.eventsHeld) return;
    this.eventsHeld = true;
    for (const s of this.sessions) s.holdEvents();
    this.later(ms, () => {
      this.eventsHeld = false;
      for (const s of this.sessions) s.releaseEvents();
    });
  }

  /** Slow consumer: stop reading from and writing to every client for `ms`. */
  stall(ms: number): void {
    const stalled = [...this.sessions];
    for (const s of stalled) s.stall();
    this.later(ms, () => stalled.forEach((s) => s.resume()));
  }

  /** A frame with a header line that has no colon. */
  sendMalformed(): void {
    const data = Buffer.from(
      'Event: SimulatorGlitch\r\nPrivilege: system,all\r\nthis header line has no colon\r\n\r\n',
    );
    for (const s of this.sessions) if (s.authenticated) s.writeEvent(data);
  }

  /** A frame far larger than any real event. */
  sendOversized(bytes = 1024 * 1024): void {
    const data = Buffer.from(
      `Event: SimulatorGlitch\r\nPrivilege: system,all\r\nData: ${'x'.repeat(bytes)}\r\n\r\n`,
    );
    for (const s of this.sessions) if (s.authenticated) s.writeEvent(data);
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  override async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await super.close();
  }
}
