import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { WsPushSocket } from './ws-push-socket';

/** A real `ws` server and client on loopback: what the client gets of WsPushSocket.sendText. */
describe(`${WsPushSocket.name}: head and shared tail arrive as one text message`, () => {
  let http: Server;
  let pushSocket: WsPushSocket;
  let client: WebSocket;
  const received: { text: string; binary: boolean }[] = [];

  beforeAll(async () => {
    http = createServer();
    const server = new WebSocketServer({ server: http });
    const connected = new Promise<void>((resolve) =>
      server.on('connection', (ws: WebSocket, request: IncomingMessage) => {
        pushSocket = new WsPushSocket(ws, request.socket);
        resolve();
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    // binaryType 'nodebuffer' (the default): a message's frames joined in one Buffer.
    client.on('message', (data, binary) =>
      received.push({ text: (data as Buffer).toString('utf8'), binary }),
    );
    await connected;
  });

  afterAll(async () => {
    client.terminate();
    await new Promise((resolve) => http.close(resolve));
  });

  it('joins each head to the same tail Buffer, in order, as text, the tail left as it was', async () => {
    // Over 125 and over 65,535 bytes: the frame lengths' 16- and 64-bit forms.
    const data = { seats: '座席'.repeat(40_000) };
    const tail = Buffer.from(`${JSON.stringify(data)}}`, 'utf8');
    const before = Buffer.from(tail);
    for (const seq of [1, 2, 3])
      pushSocket.sendText(Buffer.from(`{"seq":${seq},"data":`, 'latin1'), tail);
    pushSocket.sendText(Buffer.from('{"seq":4,"data":', 'latin1'), Buffer.from('{}}'));
    while (received.length < 4) await new Promise((resolve) => setTimeout(resolve, 10));

    expect(received.map((m) => m.binary)).toEqual([false, false, false, false]);
    expect(received.map((m) => JSON.parse(m.text) as unknown)).toEqual([
      { seq: 1, data },
      { seq: 2, data },
      { seq: 3, data },
      { seq: 4, data: {} },
    ]);
    expect(tail.equals(before)).toBe(true);
  });
});
