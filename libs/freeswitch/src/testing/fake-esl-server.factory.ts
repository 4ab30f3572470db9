import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface FakeEslSession {
  readonly socket: Socket;
  /** Commands received, without the trailing blank line. */
  readonly commands: string[];
}

/**
 * A tiny Event Socket server on 127.0.0.1, port 0: greets with auth/request, accepts `password`,
 * answers `event plain` and lets each test script the rest through `onCommand`.
 */
export class FakeEslServer {
  readonly sessions: FakeEslSession[] = [];
  onCommand: (session: FakeEslSession, command: string) => void = () => undefined;
  private readonly server: Server;
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  constructor(private readonly password = 'ClueCon') {
    this.server = createServer((socket) => this.accept(socket));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const { socket } of this.sessions) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves once `count` connections have been accepted. */
  connections(count: number): Promise<void> {
    if (this.sessions.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  static reply(socket: Socket, text: string): void {
    socket.write(`Content-Type: command/reply\nReply-Text: ${text}\n\n`);
  }

  static apiResponse(socket: Socket, body: string): void {
    socket.write(
      `Content-Type: api/response\nContent-Length: ${Buffer.byteLength(body)}\n\n${body}`,
    );
  }

  static event(socket: Socket, headers: Record<string, string>, body = ''): void {
    const lines = Object.entries(headers).map(
      ([name, value]) => `${name}: ${encodeURIComponent(value)}`,
    );
    if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    const inner = `${lines.join('\n')}\n\n${body}`;
    socket.write(
      `Content-Length: ${Buffer.byteLength(inner)}\nContent-Type: text/event-plain\n\n${inner}`,
    );
  }

  private accept(socket: Socket): void {
    const session: FakeEslSession = { socket, commands: [] };
    this.sessions.push(session);
    for (const waiter of [...this.waiters]) {
      if (this.sessions.length >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    let buffered = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const command = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        session.commands.push(command);
        this.handle(session, command);
      }
    });
    socket.write('Content-Type: auth/request\n\n');
  }

  private handle(session: FakeEslSession, command: string): void {
    if (command.startsWith('auth ')) {
      if (command === `auth ${this.password}`) {
        FakeEslServer.reply(session.socket, '+OK accepted');
      } else {
        FakeEslServer.reply(session.socket, '-ERR invalid');
        session.socket.end('Content-Type: text/disconnect-notice\nContent-Length: 0\n\n');
      }
      return;
    }
    if (command.startsWith('event plain')) {
      FakeEslServer.reply(session.socket, '+OK event listener enabled plain');
      return;
    }
    this.onCommand(session, command);
  }
}
