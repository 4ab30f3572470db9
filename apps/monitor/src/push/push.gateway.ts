import { Inject } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { chooseSubprotocol, tokenFromRequest } from '@hotline/access';
import { PUSH_CLOSE } from './push-protocol';
import { PushHub } from './push-hub.service';
import type { PushSession } from './push-session';

const SESSION = Symbol('pushSession');
type SocketWithSession = WebSocket & { [SESSION]?: PushSession };

/** Options of `ws.WebSocketServer` this gateway sets after Nest created it. */
interface MutableServerOptions {
  maxPayload?: number;
  handleProtocols?: (protocols: Set<string>, request: IncomingMessage) => string | false;
}

/**
 * The WebSocket endpoint at /ws on the HTTP server. Thin on purpose: it authenticates the
 * upgrade and hands the socket to the PushHub. Nest's WsAdapter only routes `{event, data}`
 * frames to @SubscribeMessage handlers and drops the rest, so the gateway listens to
 * 'message' itself.
 */
@WebSocketGateway({ path: '/ws' })
export class PushGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly hub: PushHub,
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
  ) {}

  afterInit(server: WebSocketServer): void {
    // The decorator's options are static; the limits come from the validated config, and
    // `ws` reads them from `server.options` on every upgrade (ws lib/websocket-server.js).
    const options = (server as unknown as { options: MutableServerOptions }).options;
    options.maxPayload = this.config.push.maxPayloadBytes;
    options.handleProtocols = (protocols) => chooseSubprotocol(protocols);
  }

  handleConnection(socket: SocketWithSession, request: IncomingMessage): void {
    const role = this.hub.access.roleOf(tokenFromRequest(request.url, request.headers));
    if (role === 'invalid') {
      socket.send(
        JSON.stringify({
          type: 'error',
          v: 1,
          seq: 1,
          at: Date.now(),
          data: { code: 'UNAUTHORIZED', message: 'invalid token' },
        }),
      );
      socket.close(PUSH_CLOSE.unauthorized.code, PUSH_CLOSE.unauthorized.reason);
      return;
    }
    const session = this.hub.connect(socket, role);
    socket[SESSION] = session;
    socket.on('pong', () => this.hub.pong(session));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const text = isBinary ? '\u0000' : rawToString(data);
      this.hub.receive(session, text);
    });
  }

  handleDisconnect(socket: SocketWithSession): void {
    const session = socket[SESSION];
    if (session) this.hub.disconnect(session);
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
