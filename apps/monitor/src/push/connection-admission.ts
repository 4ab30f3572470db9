import type { PushRole } from './push-protocol';

/** Roles with a connection cap of their own; a metrics token sees only what the public sees. */
export type CappedRole = Exclude<PushRole, 'metrics'>;
const CAPPED_ROLES: readonly CappedRole[] = ['public', 'wallboard', 'leader', 'admin'];
const cappedRole = (role: PushRole): CappedRole => (role === 'metrics' ? 'public' : role);

export interface ConnectionLimits {
  /** Open WebSocket connections in all. */
  readonly total: number;
  /** Open connections from one remote address. */
  readonly perAddress: number;
  /** Open connections per role (public: no token). */
  readonly perRole: Readonly<Record<CappedRole, number>>;
}

/** Why an upgrade was refused; also the `reason` label of the refusal counter. */
export type RefusalReason = 'total' | 'address' | 'role' | 'no-views';
export const REFUSAL_REASONS: readonly RefusalReason[] = ['total', 'address', 'role', 'no-views'];

export type Admission =
  | { readonly admitted: true; readonly release: () => void }
  | { readonly admitted: false; readonly reason: RefusalReason; readonly message: string };

/**
 * Counts open WebSocket connections by remote address and role and refuses the one over a
 * limit, before the upgrade (a refused client costs one HTTP response, no session). A client
 * holds its place from admission until `release` (its TCP socket closed), so a handshake still
 * in progress counts too. `role` undefined: a token that matched no role (closed right after).
 */
export class ConnectionAdmission {
  private open = 0;
  private readonly byAddress = new Map<string, number>();
  private readonly byRole = new Map<CappedRole, number>(CAPPED_ROLES.map((role) => [role, 0]));
  readonly refused: Record<RefusalReason, number> = {
    total: 0,
    address: 0,
    role: 0,
    'no-views': 0,
  };

  constructor(private readonly limits: ConnectionLimits) {}

  get openConnections(): number {
    return this.open;
  }

  admit(address: string, pushRole: PushRole | undefined, mayViewSomething = true): Admission {
    const role = pushRole === undefined ? undefined : cappedRole(pushRole);
    if (!mayViewSomething)
      return this.refuse('no-views', 'this role may view nothing: a token is needed');
    if (this.open >= this.limits.total)
      return this.refuse('total', `the monitor serves at most ${this.limits.total} connections`);
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (fromAddress >= this.limits.perAddress)
      return this.refuse(
        'address',
        `at most ${this.limits.perAddress} connections from one address (push.maxConnectionsPerAddress)`,
      );
    if (role !== undefined && (this.byRole.get(role) ?? 0) >= this.limits.perRole[role])
      return this.refuse(
        'role',
        `at most ${this.limits.perRole[role]} connections for the ${role} role (push.maxConnectionsPerRole.${role})`,
      );
    this.open += 1;
    this.byAddress.set(address, fromAddress + 1);
    if (role !== undefined) this.byRole.set(role, (this.byRole.get(role) ?? 0) + 1);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.open -= 1;
        const left = (this.byAddress.get(address) ?? 1) - 1;
        if (left > 0) this.byAddress.set(address, left);
        else this.byAddress.delete(address);
        if (role !== undefined) this.byRole.set(role, (this.byRole.get(role) ?? 1) - 1);
      },
    };
  }

  private refuse(reason: RefusalReason, message: string): Admission {
    this.refused[reason] += 1;
    return { admitted: false, reason, message };
  }
}
