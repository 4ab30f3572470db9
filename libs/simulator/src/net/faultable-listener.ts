import { createServer, type Server, type Socket } from 'node:net';

/**
 * The TCP side of a simulated PBX: listens on a port, keeps its client sessions, and fails on
 * demand as a crashed network or a restarted PBX would — every client dropped, connects
 * refused for a while. The AMI and the ESL servers differ only in what they speak.
 */
export class FaultableListener<S extends { readonly socket: Socket }> {
  readonly sessions = new Set<S>();
  private server: Server | undefined;
  private boundPort = 0;
  private refuseTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly host: string,
    /** Greets the new client and wires its data; returns its session. */
    private readonly accept: (socket: Socket) => S,
    private readonly onError: (error: unknown) => void,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  open(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => {
        socket.setNoDelay(true);
        socket.on('error', () => undefined);
        const session = this.accept(socket);
        this.sessions.add(session);
        socket.on('close', () => this.sessions.delete(session));
      });
      server.once('error', reject);
      server.listen(port, this.host, () => {
        server.off('error', reject);
        server.on('error', (error) => this.onError(error));
        const address = server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : port;
        this.server = server;
        resolve();
      });
    });
  }

  /** Drops every client connection. */
  dropAll(): void {
    for (const session of this.sessions) session.socket.destroy();
    this.sessions.clear();
  }

  /** Stops accepting connections for `ms` (connect gets ECONNREFUSED); clients stay. */
  refuseFor(ms: number): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (this.refuseTimer) clearTimeout(this.refuseTimer);
    // close() stops listening at once; its callback would wait for every client to leave.
    server?.close();
    return new Promise((resolve) => {
      this.refuseTimer = setTimeout(() => {
        this.refuseTimer = undefined;
        if (this.closed) return resolve();
        this.open(this.boundPort).then(resolve, (error: unknown) => {
          this.onError(error);
          resolve();
        });
      }, ms);
    });
  }

  /** A PBX restart: every client dropped and the port closed for `ms`. */
  restart(ms: number): Promise<void> {
    const reopened = this.refuseFor(ms);
    this.dropAll();
    return reopened;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.refuseTimer) clearTimeout(this.refuseTimer);
    this.dropAll();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
