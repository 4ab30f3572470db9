import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { PUSH_VIEWS, type PushRole, type PushView } from '../push/push-protocol';

type AuthConfig = MonitorConfig['auth'];

/** The WebSocket subprotocol of this API; a browser may offer `token.<token>` beside it. */
export const PUSH_SUBPROTOCOL = 'hotline.v1';
const TOKEN_SUBPROTOCOL_PREFIX = 'token.';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Who may see what (config `auth`). With no token configured everything is open (a closed
 * LAN). The wallboard needs no token while `wallboardPublic`; the leader's views (agents,
 * alarms) need the leader or admin token.
 */
export class AccessPolicy {
  constructor(private readonly auth: AuthConfig) {}

  get tokensConfigured(): boolean {
    const { wallboard, leader, admin } = this.auth.tokens;
    return Boolean(wallboard || leader || admin);
  }

  /** `invalid`: a token was presented and matches no role (tell the client, do not guess). */
  roleOf(token: string | undefined): PushRole | 'invalid' {
    if (token === undefined || token === '') return 'public';
    if (!this.tokensConfigured) return 'public';
    const { wallboard, leader, admin } = this.auth.tokens;
    if (admin && sameSecret(token, admin)) return 'admin';
    if (leader && sameSecret(token, leader)) return 'leader';
    if (wallboard && sameSecret(token, wallboard)) return 'wallboard';
    return 'invalid';
  }

  allowedViews(role: PushRole): PushView[] {
    return PUSH_VIEWS.filter((view) => this.mayView(role, view));
  }

  mayView(role: PushRole, view: PushView): boolean {
    if (!this.tokensConfigured) return true;
    if (role === 'admin' || role === 'leader') return true;
    if (view !== 'wallboard') return false;
    return role === 'wallboard' || this.auth.wallboardPublic;
  }
}

/** Token from `?token=`, `Authorization: Bearer …`, or a `token.<token>` WebSocket subprotocol. */
export function tokenFromRequest(
  url: string | undefined,
  headers: IncomingHttpHeaders,
): string | undefined {
  const query = new URL(url ?? '/', 'http://localhost').searchParams.get('token');
  if (query) return query;
  const authorization = headers.authorization;
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  const protocols = headers['sec-websocket-protocol'];
  if (protocols) {
    for (const protocol of protocols.split(',').map((p) => p.trim())) {
      if (protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX))
        return protocol.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
    }
  }
  return undefined;
}

/**
 * Picks the subprotocol to answer with: ours if offered, else the first (a browser fails the
 * handshake when it offered protocols and the server picks none). Never echoes the token.
 */
export function chooseSubprotocol(offered: Set<string>): string | false {
  if (offered.has(PUSH_SUBPROTOCOL)) return PUSH_SUBPROTOCOL;
  for (const protocol of offered)
    if (!protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return protocol;
  return false;
}
