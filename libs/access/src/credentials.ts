/** The WebSocket subprotocol of this API; a browser may offer `token.<token>` beside it. */
export const PUSH_SUBPROTOCOL = 'hotline.v1';
const TOKEN_SUBPROTOCOL_PREFIX = 'token.';

/** The HttpOnly cookie a page's `?token=` is moved into. */
export const TOKEN_COOKIE = 'hotline_token';

/** Query parameters that carry a credential: read as one, never logged. */
export const TOKEN_PARAMS: ReadonlySet<string> = new Set(['token', 'access_token']);

/**
 * The request headers read here as Node hands them over (lower-case names, a repeated header
 * as an array): node:http's IncomingHttpHeaders fits, without this pure lib importing node:http.
 */
export interface RequestHeaders {
  readonly authorization?: string;
  readonly cookie?: string;
  readonly host?: string;
  readonly origin?: string;
  readonly 'sec-websocket-protocol'?: string;
  readonly [name: string]: string | string[] | undefined;
}

export type CredentialSource = 'header' | 'query' | 'subprotocol' | 'cookie';

export interface Credential {
  readonly token: string;
  readonly source: CredentialSource;
}

/**
 * The token of a request, in this order: `Authorization: Bearer …`, `?token=`, a
 * `token.<token>` WebSocket subprotocol, the `hotline_token` cookie. The first one present
 * decides (an explicit wrong token never falls back to a cookie). The cookie is ignored when
 * the request comes from a page of another origin (cross-site WebSocket hijacking).
 */
export function readCredential(
  url: string | undefined,
  headers: RequestHeaders,
): Credential | undefined {
  const authorization = headers.authorization;
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    const token = authorization.slice(7).trim();
    if (token) return { token, source: 'header' };
  }
  const query = tokenInQuery(url);
  if (query) return { token: query, source: 'query' };
  const protocols = headers['sec-websocket-protocol'];
  if (protocols) {
    for (const protocol of protocols.split(',').map((p) => p.trim())) {
      if (protocol.startsWith(TOKEN_SUBPROTOCOL_PREFIX) && protocol.length > 6)
        return { token: protocol.slice(TOKEN_SUBPROTOCOL_PREFIX.length), source: 'subprotocol' };
    }
  }
  const cookie = cookieValue(headers.cookie, TOKEN_COOKIE);
  if (cookie && sameOrigin(headers)) return { token: cookie, source: 'cookie' };
  return undefined;
}

/** The token alone (see readCredential). */
export function tokenFromRequest(
  url: string | undefined,
  headers: RequestHeaders,
): string | undefined {
  return readCredential(url, headers)?.token;
}

function tokenInQuery(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  const params = new URLSearchParams(url.slice(at + 1).split('#')[0]);
  for (const name of TOKEN_PARAMS) {
    const value = params.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * `url` without its credential parameters (and nothing else changed), so that the handlers'
 * strict query schemas never see them and nothing downstream can echo them.
 */
export function urlWithoutToken(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const kept = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '' && !TOKEN_PARAMS.has(paramName(pair)));
  return kept.length > 0 ? `${url.slice(0, at)}?${kept.join('&')}` : url.slice(0, at);
}

/** A query pair's name as URLSearchParams would read it (`%74oken` is `token`). */
export function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * No Origin (a navigation, curl) or one naming this host. Behind a reverse proxy the proxy
 * must pass the Host (nginx `proxy_set_header Host $host`) or X-Forwarded-Host.
 */
function sameOrigin(headers: RequestHeaders): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  const forwarded = headers['x-forwarded-host'];
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0].trim();
  try {
    const originHost = new URL(origin).host;
    return originHost === (host ?? headers.host);
  } catch {
    return false;
  }
}

/**
 * The Set-Cookie value that keeps a page's token for the rest of the browser session:
 * HttpOnly (no script reads it), SameSite=Lax (not sent by other sites' subrequests and
 * WebSockets; a link from the intranet still works), Secure when the page came over TLS.
 */
export function tokenCookie(token: string, secure: boolean): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])];
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; ${attributes.join('; ')}`;
}

/** The request came over TLS: directly, or through a proxy that says so. */
export function cameOverTls(headers: RequestHeaders, encrypted: boolean): boolean {
  const proto = headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0].trim().toLowerCase();
  return encrypted || first === 'https';
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
