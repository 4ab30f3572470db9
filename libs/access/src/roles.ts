/**
 * Who a request is, from the token it presents (config `auth.tokens`): `public` presented
 * none. `metrics` is Prometheus' scrape token: it may read /metrics and nothing a public
 * reader may not.
 */
export const ROLES = ['public', 'wallboard', 'metrics', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route (or a push view) needs, declared once per route:
 * - `public`    anyone, always (liveness, page assets); a wrong token is ignored
 * - `wallboard` the wallboard's figures: the wallboard, leader or admin token, or nobody's
 *               while `auth.wallboardPublic`
 * - `leader`    the shift leader's data (agents, waiting callers, reports, staffing)
 * - `admin`     operations (storage internals)
 * - `metrics`   the Prometheus exposition: open until `auth.tokens.metrics` is set, then
 *               that token or the admin's
 */
export const ACCESS_LEVELS = ['public', 'wallboard', 'leader', 'admin', 'metrics'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The views of the WebSocket push (docs/websocket-api.md). */
export const PUSH_VIEWS = ['wallboard', 'agents', 'alarms'] as const;
export type PushView = (typeof PUSH_VIEWS)[number];

/** A push view needs what the page showing it needs. */
export const VIEW_ACCESS: Readonly<Record<PushView, AccessLevel>> = {
  wallboard: 'wallboard',
  agents: 'leader',
  alarms: 'leader',
};

/** How a route declares its access (the decorator's metadata). */
export interface RouteAccess {
  readonly level: AccessLevel;
  /**
   * An HTML page: a refused token answers 401 (a browser's only remedy is another token,
   * given as `?token=`), and a token given in the URL is moved into a cookie.
   */
  readonly page?: boolean;
}
