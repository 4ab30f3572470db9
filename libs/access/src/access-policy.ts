import { timingSafeEqual } from 'node:crypto';
import type { AuthSettings } from './auth-settings';
import type { CallerVisibility } from './mask-caller-number';
import {
  PUSH_VIEWS,
  VIEW_ACCESS,
  type AccessLevel,
  type PushView,
  type Role,
  type RouteAccess,
} from './roles';

/** The outcome of one request against one route. */
export type AccessDecision =
  | { readonly allowed: true; readonly role: Role }
  | {
      readonly allowed: false;
      /** 401: no token, or one that matches no role (or a page's); 403: a valid token too low. */
      readonly status: 401 | 403;
      readonly reason: string;
    };

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Most privileged first: a token configured for two roles (warned at start) gets the higher. */
const TOKEN_ROLES = ['admin', 'leader', 'wallboard', 'metrics'] as const;

const NEEDS: Readonly<Record<Exclude<AccessLevel, 'public'>, string>> = {
  wallboard: 'the wallboard, leader or admin token',
  leader: 'the leader or admin token',
  admin: 'the admin token',
  metrics: 'the metrics or admin token',
};

/**
 * Who may see what (config `auth`): the one place the rule lives. Routes, the WebSocket
 * views and caller-number masking all ask it.
 *
 * With no wallboard, leader or admin token configured, every page and API is open (a closed
 * LAN); the metrics token only ever guards /metrics.
 */
export class AccessPolicy {
  constructor(private readonly auth: AuthSettings) {}

  /** Any wallboard, leader or admin token: the pages and APIs are no longer open to all. */
  get tokensConfigured(): boolean {
    const { wallboard, leader, admin } = this.auth.tokens;
    return Boolean(wallboard || leader || admin);
  }

  private get anyTokenConfigured(): boolean {
    return this.tokensConfigured || Boolean(this.auth.tokens.metrics);
  }

  /** `invalid`: a token was presented and matches no role (tell the client, do not guess). */
  roleOf(token: string | undefined): Role | 'invalid' {
    if (token === undefined || token === '') return 'public';
    if (!this.anyTokenConfigured) return 'public';
    for (const role of TOKEN_ROLES) {
      const expected = this.auth.tokens[role];
      if (expected && sameSecret(token, expected)) return role;
    }
    return 'invalid';
  }

  mayAccess(role: Role, level: AccessLevel): boolean {
    switch (level) {
      case 'public':
        return true;
      case 'metrics':
        return !this.auth.tokens.metrics || role === 'metrics' || role === 'admin';
      case 'wallboard':
        return (
          !this.tokensConfigured ||
          this.auth.wallboardPublic ||
          role === 'wallboard' ||
          role === 'leader' ||
          role === 'admin'
        );
      case 'leader':
        return !this.tokensConfigured || role === 'leader' || role === 'admin';
      case 'admin':
        return !this.tokensConfigured || role === 'admin';
    }
  }

  /**
   * A request to a route that declared `route` (undefined: it declared nothing, and is
   * refused to everyone — fail closed).
   */
  decide(route: RouteAccess | undefined, token: string | undefined): AccessDecision {
    if (!route) {
      return { allowed: false, status: 403, reason: 'this route declares no access policy' };
    }
    // Public routes do not read credentials: a stale token must not break a health probe.
    if (route.level === 'public') {
      const role = this.roleOf(token);
      return { allowed: true, role: role === 'invalid' ? 'public' : role };
    }
    const role = this.roleOf(token);
    if (role === 'invalid') {
      return { allowed: false, status: 401, reason: 'the token matches no role' };
    }
    if (this.mayAccess(role, route.level)) return { allowed: true, role };
    const needs = `this needs ${NEEDS[route.level]}`;
    if (role === 'public') {
      return {
        allowed: false,
        status: 401,
        reason: `${needs} (${route.page ? '?token=…' : 'Authorization: Bearer …'})`,
      };
    }
    return {
      allowed: false,
      status: route.page ? 401 : 403,
      reason: `${needs}; the ${role} token is not enough`,
    };
  }

  /** Acknowledging an alarm is the shift leader's act: whoever may see the alarms view. */
  mayAcknowledgeAlarms(role: Role): boolean {
    return this.mayView(role, 'alarms');
  }

  allowedViews(role: Role): PushView[] {
    return PUSH_VIEWS.filter((view) => this.mayView(role, view));
  }

  mayView(role: Role, view: PushView): boolean {
    return this.mayAccess(role, VIEW_ACCESS[view]);
  }

  /**
   * Caller numbers: the last digits only to a proven shift leader or admin; to anyone else
   * (even on an open LAN, where nobody is proven) not one digit.
   */
  callerVisibility(role: Role): CallerVisibility {
    return role === 'leader' || role === 'admin' ? 'last4' : 'none';
  }
}
