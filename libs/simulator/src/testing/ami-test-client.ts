import { connect, type Socket } from 'node:net';

export type Frame = { headers: [string, string][]; raw: string };

/**
 * A bare AMI client for tests: node:net plus a line parser of its own, so the server is
 * checked against an implementation that shares no code with it.
 */
export class AmiTestClient {
  readonly frames: Frame[] = [];
  greeting = '';
  closed = false;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private actionSeq = 0;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<AmiTestClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const client = new AmiTestClient(socket);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(client);
      });
    });
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    if (!this.greeting) {
      const eol = this.buffer.indexOf('\r\n');
      if (eol < 0) return;
      this.greeting = this.buffer.slice(0, eol);
      this.buffer = this.buffer.slice(eol + 2);
    }
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) break;
      const raw = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 4);
      const headers = raw.split('\r\n').map((line): [string, string] => {
        const colon = line.indexOf(':');
        return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).trimStart()];
      });
      this.frames.push({ headers, raw });
    }
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  /** Resolves with the first frame (from index `from`) matching, or rejects after `ms`. */
  async waitFor(match: (f: Frame) => boolean, ms = 10_000, from = 0): Promise<Frame> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (this.closed) throw new Error('connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves once `condition` holds (checked on every arrival), or rejects after `ms`. */
  async waitUntil(condition: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (this.closed) throw new Error('connection closed');
      if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async waitClosed(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('still open');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  send(action: string, headers: Record<string, string> = {}): string {
    const id = `t-${++this.actionSeq}`;
    let text = `Action: ${action}\r\nActionID: ${id}\r\n`;
    for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
    this.socket.write(`${text}\r\n`);
    return id;
  }

  /** Sends an action and waits for its Response. */
  async request(action: string, headers: Record<string, string> = {}, ms = 10_000): Promise<Frame> {
    const from = this.frames.length;
    const id = this.send(action, headers);
    return this.waitFor(
      (f) => get(f, 'ActionID') === id && get(f, 'Response') !== undefined,
      ms,
      from,
    );
  }

  async login(secret = 'secret', events = 'on'): Promise<Frame> {
    return this.request('Login', { Username: 'monitor', Secret: secret, Events: events });
  }

  close(): void {
    this.socket.destroy();
  }
}

export function get(frame: Frame, name: string): string | undefined {
  return frame.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

export function isEvent(name: string): (f: Frame) => boolean {
  return (f) => get(f, 'Event') === name;
}
