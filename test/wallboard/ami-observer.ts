import { connect, type Socket } from 'node:net';

/**
 * A second AMI login on the simulator that only notes when each event left it (the wallboard
 * test measures from that moment to the number changing on the page).
 */
export class AmiObserver {
  readonly events: { name: string; at: number }[] = [];
  private buffer = '';

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const at = Date.now();
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\r\n\r\n')) >= 0) {
        const frame = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 4);
        const name = /^Event: (.+)$/m.exec(frame)?.[1];
        if (name) this.events.push({ name: name.trim(), at });
      }
    });
  }

  static async login(port: number, username: string, secret: string): Promise<AmiObserver> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    socket.on('error', () => undefined);
    socket.write(
      `Action: Login\r\nUsername: ${username}\r\nSecret: ${secret}\r\nEvents: on\r\n\r\n`,
    );
    return new AmiObserver(socket);
  }

  close(): void {
    this.socket.destroy();
  }
}
