import { AccessPolicy } from './access-policy';
import type { AuthSettings } from './auth-settings';
import { ACCESS_LEVELS, ROLES, type AccessLevel, type Role } from './roles';

const tokens = {
  wallboard: 'w'.repeat(16),
  leader: 'l'.repeat(16),
  admin: 'a'.repeat(16),
  metrics: 'm'.repeat(16),
};
const tokenOf = (role: Role) => (role === 'public' ? undefined : tokens[role]);

/**
 * Which roles may open a route of each level: written out by hand, so the policy's code is
 * checked against a table a person reads (docs/security.md has the same one).
 */
const PRIVATE_BOARD: Record<AccessLevel, Role[]> = {
  public: ['public', 'wallboard', 'metrics', 'leader', 'admin'],
  wallboard: ['wallboard', 'leader', 'admin'],
  leader: ['leader', 'admin'],
  admin: ['admin'],
  metrics: ['metrics', 'admin'],
};
const PUBLIC_BOARD: Record<AccessLevel, Role[]> = {
  ...PRIVATE_BOARD,
  wallboard: ['public', 'wallboard', 'metrics', 'leader', 'admin'],
};

describe(AccessPolicy.name, () => {
  describe.each([
    ['a private wallboard', { wallboardPublic: false, tokens }, PRIVATE_BOARD],
    ['a public wallboard', { wallboardPublic: true, tokens }, PUBLIC_BOARD],
  ] as [string, AuthSettings, Record<AccessLevel, Role[]>][])('with %s', (_, auth, table) => {
    const policy = new AccessPolicy(auth);

    it.each(ACCESS_LEVELS.flatMap((level) => ROLES.map((role) => [level, role] as const)))(
      'a %s route and the %s role',
      (level, role) => {
        const allowed = table[level].includes(role);
        expect(policy.mayAccess(role, level)).toBe(allowed);
        const api = policy.decide({ level }, tokenOf(role));
        const page = policy.decide({ level, page: true }, tokenOf(role));
        if (allowed) {
          expect(api).toEqual({ allowed: true, role });
          expect(page).toEqual({ allowed: true, role });
        } else {
          // No token: 401. A valid token too low: 403 for an API, 401 for a page.
          expect(api).toMatchObject({ allowed: false, status: role === 'public' ? 401 : 403 });
          expect(page).toMatchObject({ allowed: false, status: 401 });
        }
      },
    );

    it.each(ACCESS_LEVELS.filter((l) => l !== 'public'))(
      'refuses a token that matches no role on a %s route with 401',
      (level) => {
        expect(policy.decide({ level }, 'x'.repeat(16))).toMatchObject({
          allowed: false,
          status: 401,
        });
      },
    );

    it('ignores credentials on public routes (a stale token must not fail a probe)', () => {
      expect(policy.decide({ level: 'public' }, 'x'.repeat(16))).toEqual({
        allowed: true,
        role: 'public',
      });
    });

    it('refuses every role on a route that declares nothing (fail closed)', () => {
      for (const role of ROLES) {
        expect(policy.decide(undefined, tokenOf(role))).toMatchObject({
          allowed: false,
          status: 403,
        });
      }
    });
  });

  it('opens every page and API when no wallboard, leader or admin token is set', () => {
    const open = new AccessPolicy({ wallboardPublic: false, tokens: {} });
    for (const level of ACCESS_LEVELS)
      expect(open.decide({ level }, undefined)).toEqual({ allowed: true, role: 'public' });
    expect(open.decide({ level: 'leader' }, 'anything-at-all-here')).toEqual({
      allowed: true,
      role: 'public',
    });
    expect(open.decide(undefined, undefined)).toMatchObject({ allowed: false, status: 403 });
  });

  it('guards only /metrics with a metrics token alone', () => {
    const policy = new AccessPolicy({ wallboardPublic: true, tokens: { metrics: tokens.metrics } });
    expect(policy.decide({ level: 'metrics' }, undefined)).toMatchObject({ status: 401 });
    expect(policy.decide({ level: 'metrics' }, tokens.metrics)).toEqual({
      allowed: true,
      role: 'metrics',
    });
    expect(policy.decide({ level: 'leader' }, undefined)).toEqual({
      allowed: true,
      role: 'public',
    });
  });

  it('gives caller digits to the leader and admin only, even on an open LAN', () => {
    const policy = new AccessPolicy({ wallboardPublic: true, tokens });
    expect(ROLES.map((r) => policy.callerVisibility(r))).toEqual([
      'none',
      'none',
      'none',
      'last4',
      'last4',
    ]);
    const open = new AccessPolicy({ wallboardPublic: true, tokens: {} });
    expect(open.callerVisibility(open.roleOf(undefined) as Role)).toBe('none');
  });

  it('maps the push views onto the same levels', () => {
    const policy = new AccessPolicy({ wallboardPublic: false, tokens });
    expect(policy.allowedViews('metrics')).toEqual([]);
    expect(policy.allowedViews('wallboard')).toEqual(['wallboard']);
    expect(policy.allowedViews('admin')).toEqual(['wallboard', 'agents', 'alarms']);
  });
});
