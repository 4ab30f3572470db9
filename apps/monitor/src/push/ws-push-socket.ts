import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { PushSocket } from './push-session';

/**
 * A `ws` WebSocket as a push session's socket. A message goes out as two frames of one message
 * (RFC 6455 §5.4 fragmentation: the client sees one message): the session's own envelope, then
 * the data every session of a pass shares, as the same Buffer for all. Joining them per session
 * copied the whole message once per client (≈ 16 % of a serve's CPU in the fan-out profile,
 * and the garbage of those copies; docs/scale.md).
 */
export class WsPushSocket implements PushSocket {
  /** `connection`: the TCP socket under `ws` (the upgrade request's `socket`). */
  constructor(
    private readonly ws: WebSocket,
    private readonly connection: Duplex,
  ) {}

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  sendText(head: Buffer, tail: Buffer): void {
    // Corked around both sends: the two frames leave in one write, not one each.
    this.connection.cork();
    try {
      this.ws.send(head, { binary: false, fin: false });
      this.ws.send(tail, { binary: false, fin: true });
    } finally {
      this.connection.uncork();
    }
  }

  ping(): void {
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }
}
