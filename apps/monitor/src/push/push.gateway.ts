import { Inject } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { OutgoingHttpHeaders } from 'node:http';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { chooseSubprotocol, tokenFromRequest } from '@hotline/access';
import type { RefusalReason } from './connection-admission';
import { PUSH_CLOSE } from './push-protocol';
import { PushHub } from './push-hub.service';
import type { PushSession } from './push-session';
import { WsPushSocket } from './ws-push-socket';

const SESSION = Symbol('pushSession');
type SocketWithSession = WebSocket & { [SESSION]?: PushSession };

type VerifyDone = (
  verified: boolean,
  code?: number,
  message?: string,
  headers?: OutgoingHttpHeaders,
) => void;

/** Options of `ws.WebSocketServer` this gateway sets after Nest created it. */
interface MutableServerOptions {
  maxPayload?: number;
  handleProtocols?: (protocols: Set<string>, request: IncomingMessage) => string | false;
  verifyClient?: (info: { req: IncomingMessage }, done: VerifyDone) => void;
}

/** HTTP status of a refused upgrade: no views → 401, one address over its cap → 429, else 503. */
const REFUSAL_STATUS: Record<RefusalReason, number> = {
  'no-views': 401,
  address: 429,
  total: 503,
  role: 503,
};
/** A refused client (the pages' PushClient) backs off anyway; this tells others when to retry. */
const RETRY_AFTER_SECONDS = 30;

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
    // Caps and the no-views refusal apply before the upgrade: a refused client costs one HTTP
    // response and never gets a session.
    options.verifyClient = ({ req }, done) => {
      const role = this.hub.access.roleOf(tokenFromRequest(req.url, req.headers));
      const admission = this.hub.admit(req.socket.remoteAddress ?? 'unknown', role);
      if (admission.admitted) {
        // The place is held until the TCP socket closes, whether or not the upgrade completes.
        req.socket.once('close', admission.release);
        done(true);
        return;
      }
      const status = REFUSAL_STATUS[admission.reason];
      done(
        false,
        status,
        admission.message,
        status === 401 ? {} : { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      );
    };
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
    const session = this.hub.connect(
      new WsPushSocket(socket, request.socket),
      role,
      request.socket.remoteAddress ?? 'unknown',
    );
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
