import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A scriptable AMI server on loopback for tests (after panoramisk's testing.py): it answers
 * Login/Events/Ping/Filter/Logoff/QueueStatus/CoreShowChannels the way Asterisk 22 does,
 * streams recorded transcripts, and injects faults (dropped links, refused connections,
 * silent pings). It parses actions with its own few lines rather than the project's codec,
 * so a codec bug cannot hide behind a matching server bug.
 */

/** Headers of one received action, in wire order (names as sent). */
export interface FakeAmiAction {
  readonly name: string;
  readonly actionId?: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** Which accepted connection (1-based) sent it. */
  readonly connection: number;
  get(header: string): string | undefined;
}

export type FakeAmiHeaders =
  ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>>;

/** Returns the raw reply to write (without ActionID handling), or undefined to stay silent. */
export type FakeAmiHandler = (
  action: FakeAmiAction,
  connection: FakeAmiConnection,
) => string | undefined;

export interface FakeAmiServerOptions {
  username?: string;
  secret?: string;
  /** The greeting line; null sends none (a server that stays silent). */
  banner?: string | null;
  /** Events of the QueueStatus list (QueueParams, QueueMember, QueueEntry), without ActionID. */
  queueStatus?: readonly FakeAmiHeaders[];
  /** CoreShowChannel events, without ActionID. */
  coreShowChannels?: readonly FakeAmiHeaders[];
  /** Answer Filter with a permission error, as Asterisk does without write=system. */
  refuseFilter?: boolean;
}

export class FakeAmiConnection {
  authenticated = false;

  constructor(
    readonly id: number,
    readonly socket: Socket,
  ) {}

  write(raw: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(raw);
  }
}

const CRLF = '\r\n';

function headerEntries(headers: FakeAmiHeaders): ReadonlyArray<readonly [string, string]> {
  return isHeaderList(headers) ? headers : Object.entries(headers);
}

function isHeaderList(
  headers: FakeAmiHeaders,
): headers is ReadonlyArray<readonly [string, string]> {
  return Array.isArray(headers);
}

export function formatAmiMessage(headers: FakeAmiHeaders): string {
  return (
    headerEntries(headers)
      .map(([name, value]) => `${name}: ${value}${CRLF}`)
      .join('') + CRLF
  );
}

/**
 * The part of a recorded `runN.ami.raw` after the banner and the recorder's own Login
 * response: what a freshly logged-in client would read next.
 */
export function transcriptEventPart(raw: Buffer): Buffer {
  const bannerEnd = raw.indexOf(CRLF);
  let start = bannerEnd < 0 ? 0 : bannerEnd + CRLF.length;
  if (raw.subarray(start, start + 9).toString('latin1') === 'Response:') {
    const loginEnd = raw.indexOf(CRLF + CRLF, start);
    start = loginEnd < 0 ? raw.length : loginEnd + 4;
  }
  return raw.subarray(start);
}

export const defaultQueueStatus: readonly FakeAmiHeaders[] = [
  {
    Event: 'QueueParams',
    Queue: '12345',
    Max: '0',
    Strategy: 'rrmemory',
    Calls: '1',
    Holdtime: '12',
    TalkTime: '95',
    Completed: '3',
    Abandoned: '1',
    ServiceLevel: '10',
    ServicelevelPerf: '66.7',
    ServicelevelPerf2: '50.0',
    Weight: '0',
  },
  {
    Event: 'QueueMember',
    Queue: '12345',
    MemberName: 'agent101',
    Interface: 'Local/agent101@agents/n',
    StateInterface: 'Local/agent101@agents/n',
    Membership: 'dynamic',
    Penalty: '0',
    CallsTaken: '3',
    LastCall: '1795916690',
    LastPause: '0',
    LoginTime: '1795916684',
    InCall: '0',
    Status: '1',
    Paused: '0',
    PausedReason: '',
    Wrapuptime: '0',
  },
  {
    Event: 'QueueEntry',
    Queue: '12345',
    Position: '1',
    Channel: 'Local/s@callers-00000010;2',
    Uniqueid: '1795916700.40',
    CallerIDNum: '0696978097',
    CallerIDName: 'Caller 0696978097',
    ConnectedLineNum: '<unknown>',
    ConnectedLineName: '<unknown>',
    Wait: '7',
    Priority: '0',
  },
];

export const defaultCoreShowChannels: readonly FakeAmiHeaders[] = [
  {
    Event: 'CoreShowChannel',
    Channel: 'Local/s@callers-00000010;2',
    ChannelState: '6',
    ChannelStateDesc: 'Up',
    CallerIDNum: '0696978097',
    CallerIDName: 'Caller 0696978097',
    ConnectedLineNum: '<unknown>',
    ConnectedLineName: '<unknown>',
    Language: 'en',
    AccountCode: '',
    Context: 'callers',
    Exten: 's',
    Priority: '7',
    Uniqueid: '1795916700.40',
    Linkedid: '1795916700.39',
    Application: 'Queue',
    ApplicationData: '12345,,,,,,,,,',
    Duration: '00:00:07',
    BridgeId: '',
  },
];

export class FakeAmiServer {
  /** Every action received, in order, across connections. */
  readonly actions: FakeAmiAction[] = [];
  private readonly connections = new Set<FakeAmiConnection>();
  private readonly handlers = new Map<string, FakeAmiHandler>();
  private readonly waiters: Array<{
    predicate: (action: FakeAmiAction) => boolean;
    resolve: (action: FakeAmiAction) => void;
  }> = [];
  private readonly connectionWaiters: Array<(connection: FakeAmiConnection) => void> = [];
  private connectionCount = 0;
  private answerPings = true;
  private refuseTimer: NodeJS.Timeout | undefined;
  private listening: Server;
  readonly host = '127.0.0.1';

  private constructor(
    private readonly options: FakeAmiServerOptions,
    readonly port: number,
    server: Server,
  ) {
    this.listening = server;
  }

  static async start(options: FakeAmiServerOptions = {}): Promise<FakeAmiServer> {
    const holder: { fake?: FakeAmiServer } = {};
    const server = createServer((socket) => holder.fake?.accept(socket));
    const port = await listen(server, 0);
    holder.fake = new FakeAmiServer(options, port, server);
    return holder.fake;
  }

  get username(): string {
    return this.options.username ?? 'monitor';
  }

  get secret(): string {
    return this.options.secret ?? 'secret';
  }

  /** Connections accepted so far (including closed ones). */
  get acceptedConnections(): number {
    return this.connectionCount;
  }

  get openConnections(): FakeAmiConnection[] {
    return [...this.connections].filter((connection) => !connection.socket.destroyed);
  }

  /** Overrides (or adds) the answer to one action, by name, case-insensitive. */
  handle(action: string, handler: FakeAmiHandler): void {
    this.handlers.set(action.toLowerCase(), handler);
  }

  /** Stop (or resume) answering Ping, to trigger the client's heartbeat timeout. */
  setAnswerPings(answer: boolean): void {
    this.answerPings = answer;
  }

  /** Writes raw bytes to every open, logged-in connection. */
  broadcast(raw: string | Buffer): void {
    for (const connection of this.openConnections)
      if (connection.authenticated) connection.write(raw);
  }

  /** Sends an event to every logged-in connection. */
  sendEvent(headers: FakeAmiHeaders): void {
    this.broadcast(formatAmiMessage(headers));
  }

  /**
   * Streams bytes to every logged-in connection in chunks, yielding to the event loop
   * between writes so the client reads them as separate TCP segments would arrive.
   */
  async stream(raw: Buffer, chunkSize = 64 * 1024): Promise<void> {
    for (let offset = 0; offset < raw.length; offset += chunkSize) {
      this.broadcast(raw.subarray(offset, offset + chunkSize));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Destroys every open connection (the client sees the link drop). */
  dropConnections(): void {
    for (const connection of this.connections) connection.socket.destroy();
  }

  /** Stops listening for `ms`, so connection attempts get ECONNREFUSED, then listens again on the same port. */
  refuseConnectionsFor(ms: number): void {
    // close() stops accepting at once; its callback would wait for open connections to end.
    this.listening.close();
    this.refuseTimer = setTimeout(() => {
      this.refuseTimer = undefined;
      const server = createServer((socket) => this.accept(socket));
      this.listening = server;
      listen(server, this.port).catch(() => undefined);
    }, ms);
  }

  /** Resolves with the next received action matching the name (and predicate), or one already received. */
  waitForAction(
    name: string,
    predicate: (action: FakeAmiAction) => boolean = () => true,
    includePast = false,
  ): Promise<FakeAmiAction> {
    const matches = (action: FakeAmiAction): boolean =>
      action.name.toLowerCase() === name.toLowerCase() && predicate(action);
    if (includePast) {
      const seen = this.actions.find(matches);
      if (seen) return Promise.resolve(seen);
    }
    return new Promise((resolve) => this.waiters.push({ predicate: matches, resolve }));
  }

  /** Resolves when the next connection is accepted. */
  waitForConnection(): Promise<FakeAmiConnection> {
    return new Promise((resolve) => this.connectionWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    clearTimeout(this.refuseTimer);
    this.dropConnections();
    await closeServer(this.listening);
  }

  private accept(socket: Socket): void {
    this.connectionCount += 1;
    const connection = new FakeAmiConnection(this.connectionCount, socket);
    this.connections.add(connection);
    socket.on('error', () => undefined);
    socket.on('close', () => this.connections.delete(connection));
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf(CRLF + CRLF)) >= 0) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        this.onAction(parseAction(frame, connection.id), connection);
      }
    });
    const banner =
      this.options.banner === undefined ? 'Asterisk Call Manager/11.0.0' : this.options.banner;
    if (banner !== null) connection.write(`${banner}${CRLF}`);
    for (const resolve of this.connectionWaiters.splice(0)) resolve(connection);
  }

  private onAction(action: FakeAmiAction, connection: FakeAmiConnection): void {
    this.actions.push(action);
    const reply = this.reply(action, connection);
    if (reply !== undefined) connection.write(reply);
    if (action.name.toLowerCase() === 'logoff') connection.socket.end();
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.waiters[i];
      if (waiter.predicate(action)) {
        this.waiters.splice(i, 1);
        waiter.resolve(action);
      }
    }
  }

  private reply(action: FakeAmiAction, connection: FakeAmiConnection): string | undefined {
    const name = action.name.toLowerCase();
    const custom = this.handlers.get(name);
    if (custom) return custom(action, connection);
    const id: Array<[string, string]> =
      action.actionId === undefined ? [] : [['ActionID', action.actionId]];
    if (name === 'login') {
      if (action.get('Username') === this.username && action.get('Secret') === this.secret) {
        connection.authenticated = true;
        return formatAmiMessage([
          ['Response', 'Success'],
          ...id,
          ['Message', 'Authentication accepted'],
        ]);
      }
      // Asterisk 22 manager.c: authenticate() failure → astman_send_error(s, m, "Authentication failed").
      return formatAmiMessage([['Response', 'Error'], ...id, ['Message', 'Authentication failed']]);
    }
    if (!connection.authenticated) {
      return formatAmiMessage([['Response', 'Error'], ...id, ['Message', 'Permission denied']]);
    }
    switch (name) {
      case 'events':
        return formatAmiMessage([
          ['Response', 'Success'],
          ...id,
          ['Events', action.get('EventMask') === 'off' ? 'Off' : 'On'],
        ]);
      case 'ping':
        if (!this.answerPings) return undefined;
        return formatAmiMessage([
          ['Response', 'Success'],
          ...id,
          ['Ping', 'Pong'],
          ['Timestamp', (Date.now() / 1000).toFixed(6)],
        ]);
      case 'filter':
        if (this.options.refuseFilter)
          return formatAmiMessage([['Response', 'Error'], ...id, ['Message', 'Permission denied']]);
        return formatAmiMessage([
          ['Response', 'Success'],
          ...id,
          ['Message', 'Filter Added Successfully'],
        ]);
      case 'logoff':
        return formatAmiMessage([
          ['Response', 'Goodbye'],
          ...id,
          ['Message', 'Thanks for all the fish.'],
        ]);
      case 'queuestatus':
        return formatAmiEventList(
          action.actionId,
          'Queue status will follow',
          this.options.queueStatus ?? defaultQueueStatus,
          'QueueStatusComplete',
        );
      case 'coreshowchannels':
        return formatAmiEventList(
          action.actionId,
          'Channels will follow',
          this.options.coreShowChannels ?? defaultCoreShowChannels,
          'CoreShowChannelsComplete',
        );
      default:
        return formatAmiMessage([
          ['Response', 'Error'],
          ...id,
          ['Message', 'Invalid/unknown command'],
        ]);
    }
  }
}

/** Asterisk 12+ list shape (manager.c astman_send_listack / astman_send_list_complete_start). */
export function formatAmiEventList(
  actionId: string | undefined,
  message: string,
  events: readonly FakeAmiHeaders[],
  completeEvent: string,
): string {
  const id: Array<[string, string]> = actionId === undefined ? [] : [['ActionID', actionId]];
  let out = formatAmiMessage([
    ['Response', 'Success'],
    ...id,
    ['EventList', 'start'],
    ['Message', message],
  ]);
  for (const event of events) {
    out += formatAmiMessage([...headerEntries(event), ...id]);
  }
  out += formatAmiMessage([
    ['Event', completeEvent],
    ...id,
    ['EventList', 'Complete'],
    ['ListItems', String(events.length)],
  ]);
  return out;
}

function parseAction(frame: string, connection: number): FakeAmiAction {
  const headers: Array<readonly [string, string]> = [];
  for (const line of frame.split(CRLF)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const get = (header: string): string | undefined =>
    headers.find(([name]) => name.toLowerCase() === header.toLowerCase())?.[1];
  return { name: get('Action') ?? '', actionId: get('ActionID'), headers, connection, get };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
}
