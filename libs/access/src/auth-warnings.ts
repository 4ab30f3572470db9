import type { AuthSettings } from './auth-settings';

export interface AuthWarning {
  /** The config key the operator should look at. */
  readonly key: string;
  readonly message: string;
}

const LOOPBACK = /^(127\.|::1$|localhost$|\[::1\]$)/i;

/**
 * Auth settings that are valid but probably not what the operator meant; logged once at
 * start-up. `host` is `server.host`.
 */
export function authWarnings(auth: AuthSettings, host: string): AuthWarning[] {
  const { wallboard, leader, admin, metrics } = auth.tokens;
  const userTokens = Boolean(wallboard || leader || admin);
  const warnings: AuthWarning[] = [];
  if (wallboard && auth.wallboardPublic) {
    warnings.push({
      key: 'auth.wallboardPublic',
      message:
        'auth.tokens.wallboard is set but auth.wallboardPublic is true: the wallboard is public ' +
        'and its token is not needed; set auth.wallboardPublic: false to require it',
    });
  }
  if (!userTokens && !auth.wallboardPublic) {
    warnings.push({
      key: 'auth.tokens',
      message:
        'auth.wallboardPublic is false but no wallboard, leader or admin token is set: with no ' +
        'token everything is open, the wallboard included',
    });
  }
  if (!userTokens && !LOOPBACK.test(host)) {
    warnings.push({
      key: 'auth.tokens',
      message:
        `no wallboard, leader or admin token is set and the server listens on ${host}: the ` +
        'pages, the REST API (reports included) and the WebSocket are open to anyone who can ' +
        'reach it; set HOTLINE_TOKEN_LEADER (and _ADMIN, _WALLBOARD) unless this LAN is closed',
    });
  }
  if (userTokens && !auth.wallboardPublic && !metrics) {
    warnings.push({
      key: 'auth.tokens.metrics',
      message:
        'the wallboard is private but /metrics is open (no auth.tokens.metrics): Prometheus ' +
        'and anyone else can read the same figures there; set HOTLINE_TOKEN_METRICS',
    });
  }
  const byValue = new Map<string, string[]>();
  for (const [role, token] of Object.entries(auth.tokens)) {
    if (token) byValue.set(token, [...(byValue.get(token) ?? []), role]);
  }
  for (const roles of byValue.values()) {
    if (roles.length < 2) continue;
    warnings.push({
      key: `auth.tokens.${roles[0]}`,
      message:
        `auth.tokens.${roles.join(' and auth.tokens.')} are the same token: whoever holds it ` +
        'gets the most privileged of these roles; give each role its own token',
    });
  }
  return warnings;
}
