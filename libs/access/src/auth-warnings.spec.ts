import { authWarnings } from './auth-warnings';

const token = (c: string) => c.repeat(16);

describe(authWarnings.name, () => {
  it('warns that a wallboard token does nothing while the wallboard is public', () => {
    const warnings = authWarnings(
      { wallboardPublic: true, tokens: { wallboard: token('w') } },
      '127.0.0.1',
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        key: 'auth.wallboardPublic',
        message: expect.stringContaining('the wallboard is public'),
      }),
    ]);
  });

  it('warns that a private wallboard without tokens is open, and open on the network', () => {
    const keys = authWarnings({ wallboardPublic: false, tokens: {} }, '0.0.0.0').map((w) => w.key);
    expect(keys).toEqual(['auth.tokens', 'auth.tokens']);
    expect(authWarnings({ wallboardPublic: true, tokens: {} }, '127.0.0.1')).toEqual([]);
    expect(authWarnings({ wallboardPublic: true, tokens: {} }, 'localhost')).toEqual([]);
  });

  it('warns that /metrics stays open beside a private wallboard, and of one token for two roles', () => {
    const metrics = authWarnings(
      { wallboardPublic: false, tokens: { wallboard: token('w'), leader: token('l') } },
      '0.0.0.0',
    );
    expect(metrics.map((w) => w.key)).toEqual(['auth.tokens.metrics']);
    const shared = authWarnings(
      {
        wallboardPublic: false,
        tokens: { wallboard: token('s'), leader: token('s'), metrics: token('m') },
      },
      '0.0.0.0',
    );
    expect(shared).toEqual([
      expect.objectContaining({
        key: 'auth.tokens.wallboard',
        message: expect.stringContaining(
          'auth.tokens.wallboard and auth.tokens.leader are the same',
        ),
      }),
    ]);
  });

  it('says nothing about a consistent setup', () => {
    expect(
      authWarnings(
        {
          wallboardPublic: false,
          tokens: {
            wallboard: token('w'),
            leader: token('l'),
            admin: token('a'),
            metrics: token('m'),
          },
        },
        '0.0.0.0',
      ),
    ).toEqual([]);
  });
});
