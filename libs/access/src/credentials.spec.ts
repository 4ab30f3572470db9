import { cameOverTls, readCredential, tokenCookie, urlWithoutToken } from './credentials';

describe(readCredential.name, () => {
  it('takes the header first, then ?token=, the subprotocol, the cookie', () => {
    const all = {
      authorization: 'Bearer from-header',
      'sec-websocket-protocol': 'hotline.v1, token.from-protocol',
      cookie: 'a=1; hotline_token=from-cookie',
    };
    expect(readCredential('/x?token=from-query', all)).toEqual({
      token: 'from-header',
      source: 'header',
    });
    const { authorization: _, ...rest } = all;
    expect(readCredential('/x?token=from-query', rest)).toEqual({
      token: 'from-query',
      source: 'query',
    });
    expect(readCredential('/x', rest)).toEqual({ token: 'from-protocol', source: 'subprotocol' });
    expect(readCredential('/x', { cookie: rest.cookie })).toEqual({
      token: 'from-cookie',
      source: 'cookie',
    });
    expect(readCredential('/x', {})).toBeUndefined();
  });

  it('reads an encoded parameter name and cookie value as URLSearchParams would', () => {
    expect(readCredential('/x?%74oken=a%2Bb', {})?.token).toBe('a+b');
    expect(readCredential('/x?access_token=t1', {})?.token).toBe('t1');
    expect(readCredential('/x', { cookie: 'hotline_token=a%3Bb' })?.token).toBe('a;b');
  });

  it('ignores the cookie of a request sent by a page of another origin', () => {
    const cookie = 'hotline_token=secret-cookie-token';
    expect(
      readCredential('/ws', { cookie, host: 'board:3000', origin: 'http://board:3000' })?.token,
    ).toBe('secret-cookie-token');
    expect(
      readCredential('/ws', { cookie, host: 'board:3000', origin: 'http://evil.example' }),
    ).toBeUndefined();
    expect(
      readCredential('/ws', {
        cookie,
        host: '127.0.0.1:3000',
        'x-forwarded-host': 'board.example',
        origin: 'https://board.example',
      })?.token,
    ).toBe('secret-cookie-token');
  });
});

describe(urlWithoutToken.name, () => {
  it('drops the credential parameters and keeps everything else as it was', () => {
    expect(urlWithoutToken('/leader?token=abc&lang=en&queue=a%2Cb')).toBe(
      '/leader?lang=en&queue=a%2Cb',
    );
    expect(urlWithoutToken('/api/v1/snapshot?token=abc')).toBe('/api/v1/snapshot');
    expect(urlWithoutToken('/x?%54OKEN=abc&access_token=d&a=1')).toBe('/x?a=1');
    expect(urlWithoutToken('/x?tokens=1')).toBe('/x?tokens=1');
    expect(urlWithoutToken('/x')).toBe('/x');
  });
});

describe(tokenCookie.name, () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, Secure over TLS only', () => {
    expect(tokenCookie('a;b', false)).toBe('hotline_token=a%3Bb; Path=/; HttpOnly; SameSite=Lax');
    expect(tokenCookie('t', true)).toMatch(/; Secure$/);
    expect(cameOverTls({ 'x-forwarded-proto': 'https' }, false)).toBe(true);
    expect(cameOverTls({}, true)).toBe(true);
    expect(cameOverTls({ 'x-forwarded-proto': 'http' }, false)).toBe(false);
  });
});
