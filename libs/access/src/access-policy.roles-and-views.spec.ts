import { AccessPolicy } from './access-policy';
import { chooseSubprotocol, tokenFromRequest } from './credentials';

const tokens = { wallboard: 'w'.repeat(16), leader: 'l'.repeat(16), admin: 'a'.repeat(16) };

describe(AccessPolicy.name, () => {
  it('opens everything when no token is configured', () => {
    const open = new AccessPolicy({ wallboardPublic: false, tokens: {} });
    expect(open.roleOf(undefined)).toBe('public');
    expect(open.allowedViews('public')).toEqual(['wallboard', 'agents', 'alarms']);
  });

  it('gives each token its role and only the leader and admin the leader views', () => {
    const policy = new AccessPolicy({ wallboardPublic: true, tokens });
    expect(policy.roleOf(tokens.leader)).toBe('leader');
    expect(policy.roleOf(tokens.admin)).toBe('admin');
    expect(policy.roleOf('x'.repeat(16))).toBe('invalid');
    expect(policy.allowedViews('public')).toEqual(['wallboard']);
    expect(policy.allowedViews('wallboard')).toEqual(['wallboard']);
    expect(policy.allowedViews('leader')).toEqual(['wallboard', 'agents', 'alarms']);
  });

  it('lets the leader and admin acknowledge alarms, nobody below them', () => {
    const policy = new AccessPolicy({ wallboardPublic: true, tokens });
    expect(
      (['public', 'wallboard', 'metrics', 'leader', 'admin'] as const).filter((role) =>
        policy.mayAcknowledgeAlarms(role),
      ),
    ).toEqual(['leader', 'admin']);
  });

  it('closes the wallboard to anonymous readers when it is not public', () => {
    const policy = new AccessPolicy({ wallboardPublic: false, tokens });
    expect(policy.allowedViews('public')).toEqual([]);
    expect(policy.allowedViews('wallboard')).toEqual(['wallboard']);
  });
});

describe(tokenFromRequest.name, () => {
  it('reads ?token=, a bearer header or a token.<t> subprotocol', () => {
    expect(tokenFromRequest('/ws?token=abc', {})).toBe('abc');
    expect(tokenFromRequest('/ws', { authorization: 'Bearer def' })).toBe('def');
    expect(tokenFromRequest('/ws', { 'sec-websocket-protocol': 'hotline.v1, token.ghi' })).toBe(
      'ghi',
    );
    expect(tokenFromRequest('/ws', {})).toBeUndefined();
  });

  it('answers with our subprotocol and never echoes the token', () => {
    expect(chooseSubprotocol(new Set(['token.secret', 'hotline.v1']))).toBe('hotline.v1');
    expect(chooseSubprotocol(new Set(['token.secret']))).toBe(false);
  });
});
